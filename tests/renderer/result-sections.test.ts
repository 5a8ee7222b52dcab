import { describe, expect, it } from 'vitest';
import { SECTIONS, type LookupType } from '@shared/tip/types';
import { sectionTitle } from '@renderer/format/section-titles';
import { createFakeBridge } from './support/fake-bridge';
import { mountWithBridge } from './support/mount-app';
import { answerNext, fullBody, INPUTS, showAnswer } from './support/result-helpers';

/** The titles an analyst reads: the portal's where REFERENCE.md gives them, plain ones elsewhere. */
const TITLES: Record<LookupType, Record<string, string>> = {
  ip: {
    LicenseInfo: 'License',
    Zone: 'Zone',
    RelatedObjects: 'Related objects',
    Industries: 'Industries',
    IpGeneralInfo: 'General information',
    IpDnsResolutions: 'DNS resolutions for IP address',
    FilesDownloadedFromIp: 'Files related to IP address',
    HostedUrls: 'Hosted URLs',
    FeedMasks: 'URL masks',
    IpWhoIs: 'WHOIS',
    IPSpamInfo: 'Spam attacks',
    IPPhishingInfo: 'Phishing attacks',
    DataFeeds: 'Data Feeds',
  },
  domain: {
    LicenseInfo: 'License',
    Zone: 'Zone',
    RelatedObjects: 'Related objects',
    Industries: 'Industries',
    DomainGeneralInfo: 'General information',
    DomainDnsResolutions: 'DNS resolutions for domain',
    FilesDownloaded: 'Files downloaded from domain',
    FilesAccessed: 'Files that accessed the domain',
    DomainWhoIsInfo: 'WHOIS',
    UrlReferrals: 'URLs referring to it',
    UrlReferredTo: 'URLs it refers to',
    Subdomains: 'Subdomains',
    FeedMasks: 'URL masks',
  },
  url: {
    LicenseInfo: 'License',
    Zone: 'Zone',
    RelatedObjects: 'Related objects',
    Industries: 'Industries',
    UrlGeneralInfo: 'General information',
    UrlDomainWhoIs: 'WHOIS of the host',
    DomainDnsResolutions: 'DNS resolutions for the host',
    FilesDownloaded: 'Files downloaded from URL',
    FilesAccessed: 'Files that accessed the URL',
    UrlReferrals: 'URLs referring to it',
    UrlReferredTo: 'URLs it refers to',
    FeedMasks: 'URL masks',
  },
  hash: {
    LicenseInfo: 'License',
    Zone: 'Zone',
    RelatedObjects: 'Related objects',
    Industries: 'Industries',
    FileGeneralInfo: 'General information',
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
  },
};

describe('section titles', () => {
  it('has a title for every section of every lookup type', () => {
    for (const type of Object.keys(SECTIONS) as LookupType[]) {
      expect(Object.keys(TITLES[type]).sort(), type).toEqual([...SECTIONS[type]].sort());
      for (const name of SECTIONS[type]) expect(sectionTitle(type, name), `${type} ${name}`).toBe(TITLES[type][name]);
    }
  });

  it('gives a section TIP adds later a readable title from its API name', () => {
    expect(sectionTitle('ip', 'IpReputationHistory')).toBe('Ip reputation history');
    expect(sectionTitle('domain', 'CertificateTransparencyLogs')).toBe('Certificate transparency logs');
    expect(sectionTitle('hash', 'SandboxURLReports')).toBe('Sandbox URL reports');
  });
});

describe.each(['ip', 'domain', 'url', 'hash'] as const)('a %s answer', (type) => {
  it('shows every section under its plain title, in a heading, with its API name beside it', async () => {
    const fake = createFakeBridge();
    answerNext(fake, fullBody(type));
    const mounted = await mountWithBridge(fake);
    await showAnswer(mounted, INPUTS[type], `section-${SECTIONS[type].at(-1)}`);

    for (const name of SECTIONS[type]) {
      const section = mounted.byTestId(`section-${name}`);
      expect(section.exists(), name).toBe(true);
      const heading = section.find('h3');
      expect(heading.exists(), `${name} has an h3`).toBe(true);
      // The heading's text is its accessible name: the plain title, then the API name, apart.
      expect(heading.text(), name).toContain(`${TITLES[type][name]} ${name}`);
      expect(heading.find('[data-testid="section-title"]').text()).toBe(TITLES[type][name]);
      expect(heading.find('code[data-testid="section-api-name"]').text()).toBe(name);
    }
  });
});
