/** The Threat Lookup API's request and answer shapes, as `../shared/tip-api/REFERENCE.md` names them. */

export const LOOKUP_TYPES = ['ip', 'domain', 'url', 'hash'] as const;
export type LookupType = (typeof LOOKUP_TYPES)[number];

export const LOOKUP_FORMATS = ['json', 'stix'] as const;
export type LookupFormat = (typeof LOOKUP_FORMATS)[number];

/** TIP spells the grey zone `Grey`. Unknown zone strings are kept as they come. */
export const ZONES = ['Red', 'Orange', 'Yellow', 'Grey', 'Green'] as const;
export type Zone = (typeof ZONES)[number];

export interface LicenseInfo {
  AccessType?: string;
  DayRequests?: number;
  DayQuota?: number;
  TokenExpirationDate?: string | null;
}

export interface LookupRequest {
  type: LookupType;
  value: string;
  /** Max records per list section (TIP's default is up to 1000). */
  count?: number;
  /** Section names; omitted or empty = every section. */
  sections?: string[];
  format?: LookupFormat;
}

export interface LookupAnswer {
  /** HTTP status: 200, or 404 for "not known" (a result, not a failure). */
  status: number;
  /** Parsed JSON (or the STIX bundle) exactly as received; null for an empty 404. */
  body: unknown;
  license?: LicenseInfo;
  zone?: string;
  durationMs: number;
}

/** The sections each lookup type can answer with (REFERENCE.md). */
export const SECTIONS: Record<LookupType, readonly string[]> = {
  ip: [
    'LicenseInfo', 'Zone', 'RelatedObjects', 'Industries', 'IpGeneralInfo', 'IpDnsResolutions',
    'FilesDownloadedFromIp', 'HostedUrls', 'FeedMasks', 'IpWhoIs', 'IPSpamInfo', 'IPPhishingInfo',
    'DataFeeds',
  ],
  domain: [
    'LicenseInfo', 'Zone', 'RelatedObjects', 'Industries', 'DomainGeneralInfo',
    'DomainDnsResolutions', 'FilesDownloaded', 'FilesAccessed', 'DomainWhoIsInfo', 'UrlReferrals',
    'UrlReferredTo', 'Subdomains', 'FeedMasks',
  ],
  url: [
    'LicenseInfo', 'Zone', 'RelatedObjects', 'Industries', 'UrlGeneralInfo', 'UrlDomainWhoIs',
    'DomainDnsResolutions', 'FilesDownloaded', 'FilesAccessed', 'UrlReferrals', 'UrlReferredTo',
    'FeedMasks',
  ],
  hash: [
    'LicenseInfo', 'Zone', 'RelatedObjects', 'Industries', 'FileGeneralInfo', 'DetectionsInfo',
    'FileDownloadedFromUrls', 'FileAccessedUrls', 'FileNames', 'FilePaths', 'FileCertificates',
    'FileParentCertificates', 'FileStartedObjects', 'FileStartedBy', 'FileDownloadedObjects',
    'FileDownloadedBy',
  ],
};
