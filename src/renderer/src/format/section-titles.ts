/**
 * Plain titles for TIP's sections. Where the vendor documents the title its web portal shows
 * (REFERENCE.md, "What the portal calls the sections") that title is used word for word, so an
 * analyst who knows the portal finds the same words here; every other section gets a plain title in
 * the same style. The API name is always shown beside it, so nothing is hidden by the renaming.
 */
import type { LookupType } from '@shared/tip/types';

/** The portal's own titles (ip lookups) [doc]. */
const PORTAL: Readonly<Record<string, string>> = {
  FilesDownloadedFromIp: 'Files related to IP address',
  HostedUrls: 'Hosted URLs',
  FeedMasks: 'URL masks',
  IpDnsResolutions: 'DNS resolutions for IP address',
  IPSpamInfo: 'Spam attacks',
  IPPhishingInfo: 'Phishing attacks',
  DataFeeds: 'Data Feeds',
};

/** Ours, for sections with the same meaning in every lookup type. */
const COMMON: Readonly<Record<string, string>> = {
  LicenseInfo: 'License',
  Zone: 'Zone',
  RelatedObjects: 'Related objects',
  Industries: 'Industries',
  IpGeneralInfo: 'General information',
  DomainGeneralInfo: 'General information',
  UrlGeneralInfo: 'General information',
  FileGeneralInfo: 'General information',
  IpWhoIs: 'WHOIS',
  DomainWhoIsInfo: 'WHOIS',
  UrlDomainWhoIs: 'WHOIS of the host',
  UrlReferrals: 'URLs referring to it',
  UrlReferredTo: 'URLs it refers to',
  Subdomains: 'Subdomains',
  DetectionsInfo: 'Detections',
  FileDownloadedFromUrls: 'Downloaded from URLs',
  FileAccessedUrls: 'URLs the file accessed',
  FileNames: 'File names',
  FilePaths: 'File paths',
  FileCertificates: 'Certificates',
  FileParentCertificates: 'Parent certificates',
  FileStartedObjects: 'Files it started',
  FileStartedBy: 'Started by',
  FileDownloadedObjects: 'Files it downloaded',
  FileDownloadedBy: 'Downloaded by',
};

/** Ours, where the words depend on what was looked up (a domain's files or a URL's). */
const BY_TYPE: Readonly<Partial<Record<LookupType, Readonly<Record<string, string>>>>> = {
  domain: {
    DomainDnsResolutions: 'DNS resolutions for domain',
    FilesDownloaded: 'Files downloaded from domain',
    FilesAccessed: 'Files that accessed the domain',
  },
  url: {
    DomainDnsResolutions: 'DNS resolutions for the host',
    FilesDownloaded: 'Files downloaded from URL',
    FilesAccessed: 'Files that accessed the URL',
  },
};

/** `SomeNewSection` → "Some new section"; `ip_reputation` → "Ip reputation". */
function fromApiName(name: string): string {
  const words = name
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .trim()
    .split(/\s+/)
    // Acronyms (URL, IP, DNS) keep their capitals; other words are lower-cased after the first.
    .map((word, i) => (i === 0 || /^[A-Z0-9]{2,}$/.test(word) ? word : word.toLowerCase()));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The title a section is shown under; a section TIP adds later still gets a readable one. */
export function sectionTitle(type: LookupType, name: string): string {
  return BY_TYPE[type]?.[name] ?? PORTAL[name] ?? COMMON[name] ?? fromApiName(name);
}
