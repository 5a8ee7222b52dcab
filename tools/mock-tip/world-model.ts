/** The entities and edges of the demo world. Times are epoch milliseconds, formatted on output. */

export type WorldZone = 'Red' | 'Orange' | 'Yellow' | 'Grey' | 'Green';

export interface AptReport {
  Id: string;
  Title: string;
}

/** What every entity carries for its `*GeneralInfo` and top-level sections. */
export interface Reputation {
  zone: WorldZone;
  score: number;
  hits: number;
  firstSeen: number;
  lastSeen: number;
  categories: string[];
  apt: AptReport[];
  industries: string[];
}

export interface FeedMask {
  Zone: WorldZone;
  Status: string;
  NormalizedMask: string;
  FeedNames: string[];
  MaskType: string;
}

export interface SpamInfo {
  spam_attacks: number;
  spam_ratio: number;
  last_attack_date: number;
  spam_attack_types: string[];
}

export interface PhishingInfo {
  phishing_attacks: number;
  last_attack_date: number;
  regions: string[];
  phish_kit: string;
  stolen_data_type: string;
  attacked_industry: string;
  attacked_organization: string;
}

export interface IpNet {
  start: string;
  end: string;
  name: string;
  description: string;
  created: number;
  changed: number;
  asn: number;
  asnDescription: string;
  status: string;
}

export interface IpEntity extends Reputation {
  address: string;
  version: 4 | 6;
  countryCode: string;
  net: IpNet;
  resolutions: Resolution[];
  downloads: Download[];
  literalUrls: UrlEntity[];
  feedMasks: FeedMask[];
  spam: SpamInfo | null;
  phishing: PhishingInfo | null;
  dataFeeds: string[];
}

export interface DomainWhois {
  domainName: string;
  created: number;
  updated: number;
  expires: number;
  nameServers: string[];
  registrar: string;
  ianaId: string;
  registrarEmail: string;
  privacy: boolean;
  city: string;
  countryCode: string;
}

export interface DomainEntity extends Reputation {
  name: string;
  whois: DomainWhois;
  resolutions: Resolution[];
  urls: UrlEntity[];
  feedMasks: FeedMask[];
}

export interface UrlEntity extends Reputation {
  /** As TIP lists it: no scheme, host in lower case. */
  url: string;
  host: string;
  hostDomain: DomainEntity | null;
  hostIp: IpEntity | null;
  truncated: boolean;
  downloads: Download[];
  accesses: Access[];
  referrals: Referral[];
  referredTo: Referral[];
}

export interface Certificate {
  Vendor: string;
  Publisher: string;
  TimeStamp: number;
  Issued: number;
  Expires: number;
  SerialNumber: string;
}

export interface Detection {
  LastDetectDate: number;
  DescriptionUrl: string;
  Zone: WorldZone;
  DetectionName: string;
  DetectionMethod: string;
}

export interface FileEntity extends Reputation {
  md5: string;
  sha1: string;
  sha256: string;
  size: number;
  type: string;
  packer: string | null;
  signer: string | null;
  signerZone: WorldZone;
  signerStatus: string;
  detectionName: string | null;
  detections: Detection[];
  names: { FileName: string; FileNamesHitsCount: number }[];
  paths: { Path: string; Location: string; FilePathHitsCount: number }[];
  certificates: Certificate[];
  parentCertificates: Certificate[];
  downloads: Download[];
  accesses: Access[];
  started: FileLink[];
  startedBy: FileLink[];
  downloadedObjects: FileLink[];
  downloadedBy: FileLink[];
}

export interface Resolution {
  domain: DomainEntity;
  ip: IpEntity;
  hits: number;
  firstSeen: number;
  lastSeen: number;
  peakDate: number;
  dailyPeak: number;
}

/** A file fetched from a URL, served by one IP (the URL's own IP, or one its host resolved to). */
export interface Download {
  file: FileEntity;
  url: UrlEntity;
  ip: IpEntity;
  hits: number;
  firstSeen: number;
  lastSeen: number;
}

export interface Access {
  file: FileEntity;
  url: UrlEntity;
  hits: number;
  firstSeen: number;
  lastSeen: number;
}

export interface Referral {
  from: UrlEntity;
  to: UrlEntity;
  lastSeen: number;
}

/** `parent` started (or downloaded) `child`. */
export interface FileLink {
  parent: FileEntity;
  child: FileEntity;
  hits: number;
  date: number;
  name: string;
  path: string;
  location: string;
}
