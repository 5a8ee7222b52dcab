/** Makes single entities and edges for the world generator, each from the generator's PRNG. */

import type { Rng } from './prng';
import {
  ADWARE_FAMILIES, APT_TITLES, CATEGORIES_BY_ZONE, CERT_VENDORS, FEED_NAMES, FILE_FOLDERS,
  FILE_LOCATIONS, FILE_TYPES, INDUSTRIES, MALWARE_FAMILIES, PACKERS, SIGNERS, WORDS,
} from './world-vocab';
import type {
  AptReport, Certificate, DomainEntity, DomainWhois, Download, FeedMask, FileEntity, FileLink,
  IpEntity, IpNet, Referral, Reputation, Resolution, UrlEntity, WorldZone,
} from './world-model';

export const WORLD_START = Date.UTC(2023, 0, 1);
export const WORLD_END = Date.UTC(2025, 5, 30, 18, 0);
const MINUTE = 60_000;
const DAY = 86_400_000;

export function minuteAt(rng: Rng, from: number, to: number): number {
  const t = from + rng.next() * Math.max(0, to - from);
  return Math.floor(t / MINUTE) * MINUTE;
}

export function dayStart(time: number): number {
  return Math.floor(time / DAY) * DAY;
}

export function span(rng: Rng, from = WORLD_START, to = WORLD_END): { firstSeen: number; lastSeen: number } {
  const firstSeen = minuteAt(rng, from, to);
  return { firstSeen, lastSeen: minuteAt(rng, firstSeen, to) };
}

export function scoreFor(rng: Rng, zone: WorldZone): number {
  switch (zone) {
    case 'Red': return rng.int(75, 100);
    case 'Orange': return rng.int(50, 74);
    case 'Yellow': return rng.int(30, 49);
    case 'Grey': return rng.int(0, 29);
    case 'Green': return rng.int(0, 10);
  }
}

/** Hit counts on a log scale, like real telemetry: mostly small, a few huge. */
export function hits(rng: Rng, max = 100_000): number {
  return Math.max(1, Math.floor(Math.exp(rng.next() * Math.log(max))));
}

function aptReport(rng: Rng): AptReport {
  return { Id: rng.hex(24), Title: rng.pick(APT_TITLES) };
}

export function reputation(rng: Rng, zone: WorldZone, aptChance = 0.06): Reputation {
  const categories = zone === 'Grey' ? [] : rng.sample(CATEGORIES_BY_ZONE[zone], rng.int(1, 2));
  const apt = zone === 'Red' && rng.chance(aptChance) ? [aptReport(rng)] : [];
  const industries = zone === 'Red' || zone === 'Orange' ? rng.sample(INDUSTRIES, rng.int(0, 3)) : [];
  return { zone, score: scoreFor(rng, zone), hits: hits(rng), ...span(rng), categories, apt, industries };
}

export function feedMasks(rng: Rng, zone: WorldZone, mask: string, maskType: string): FeedMask[] {
  const feeds = FEED_NAMES[zone];
  if (feeds.length === 0 || !rng.chance(0.7)) return [];
  return [{
    Zone: zone,
    Status: rng.pick(['Active', 'Active', 'Removed']),
    NormalizedMask: mask,
    FeedNames: rng.sample(feeds, rng.int(1, 2)),
    MaskType: maskType,
  }];
}

export function makeIp(rng: Rng, address: string, version: 4 | 6, zone: WorldZone, net: IpNet, countryCode: string): IpEntity {
  const rep = reputation(rng, zone);
  const hostile = zone === 'Red' || zone === 'Orange';
  return {
    ...rep,
    address,
    version,
    countryCode,
    net,
    resolutions: [],
    downloads: [],
    literalUrls: [],
    feedMasks: feedMasks(rng, zone, address, 'Ip'),
    spam: null,
    phishing: null,
    dataFeeds: hostile && rng.chance(0.6) ? rng.sample(FEED_NAMES[zone], rng.int(1, 2)) : [],
  };
}

export function makeDomain(rng: Rng, name: string, zone: WorldZone, whois: DomainWhois): DomainEntity {
  return {
    ...reputation(rng, zone),
    name,
    whois,
    resolutions: [],
    urls: [],
    feedMasks: feedMasks(rng, zone, name, 'Domain'),
  };
}

export function makeUrl(rng: Rng, url: string, host: string, hostDomain: DomainEntity | null, hostIp: IpEntity | null, zone: WorldZone): UrlEntity {
  return {
    ...reputation(rng, zone, 0),
    url,
    host,
    hostDomain,
    hostIp,
    truncated: url.length > 120,
    downloads: [],
    accesses: [],
    referrals: [],
    referredTo: [],
  };
}

function certificate(rng: Rng, publisher: string): Certificate {
  const issued = minuteAt(rng, WORLD_START - 2 * 365 * DAY, WORLD_START);
  return {
    Vendor: rng.pick(CERT_VENDORS),
    Publisher: publisher,
    TimeStamp: minuteAt(rng, issued, WORLD_END),
    Issued: issued,
    Expires: issued + 3 * 365 * DAY,
    SerialNumber: rng.hex(32).toUpperCase(),
  };
}

export function detectionNameFor(rng: Rng, zone: WorldZone): string | null {
  if (zone === 'Red') return `${rng.chance(0.4) ? 'HEUR:' : ''}${rng.pick(MALWARE_FAMILIES)}${rng.chance(0.5) ? `.${rng.hex(3)}` : ''}`;
  if (zone === 'Yellow') return rng.pick(ADWARE_FAMILIES);
  return null;
}

export function makeFile(rng: Rng, hashes: { md5: string; sha1: string; sha256: string }, zone: WorldZone, fileName: string): FileEntity {
  const rep = reputation(rng, zone);
  const detectionName = detectionNameFor(rng, zone);
  const signer = zone === 'Green' || (zone !== 'Red' && rng.chance(0.3)) ? rng.pick(SIGNERS) : null;
  const detections = detectionName === null ? [] : [{
    LastDetectDate: rep.lastSeen,
    DescriptionUrl: `https://threats.kaspersky.com/en/threat/${detectionName.replace(/^not-a-virus:/, '')}/`,
    Zone: zone,
    DetectionName: detectionName,
    DetectionMethod: detectionName.startsWith('HEUR:') ? 'Heuristic' : 'Signature',
  }];
  const extraNames = rng.int(0, 2);
  const names = [{ FileName: fileName, FileNamesHitsCount: hits(rng, 5000) }];
  for (let i = 0; i < extraNames; i += 1) names.push({ FileName: `${rng.pick(WORDS)}_${rng.int(1, 999)}.exe`, FileNamesHitsCount: hits(rng, 200) });
  const paths = rng.sample(FILE_LOCATIONS, rng.int(1, 3)).map((Location) => ({
    Path: rng.pick(FILE_FOLDERS).replace('{w}', rng.pick(WORDS)),
    Location,
    FilePathHitsCount: hits(rng, 5000),
  }));
  return {
    ...rep,
    ...hashes,
    size: rng.int(2_048, 8_000_000),
    type: rng.pick(FILE_TYPES),
    packer: zone === 'Red' && rng.chance(0.5) ? rng.pick(PACKERS) : null,
    signer,
    signerZone: signer === null ? 'Grey' : 'Green',
    signerStatus: signer === null ? 'Not signed' : 'Valid',
    detectionName,
    detections,
    names,
    paths,
    certificates: signer === null ? [] : [certificate(rng, signer)],
    parentCertificates: signer === null ? [] : [certificate(rng, rng.pick(CERT_VENDORS))],
    downloads: [],
    accesses: [],
    started: [],
    startedBy: [],
    downloadedObjects: [],
    downloadedBy: [],
  };
}

export function linkResolution(rng: Rng, domain: DomainEntity, ip: IpEntity): void {
  if (domain.resolutions.some((r) => r.ip === ip)) return;
  const seen = span(rng, Math.max(domain.firstSeen, ip.firstSeen) - 30 * DAY);
  const count = hits(rng, 50_000);
  const resolution: Resolution = {
    domain,
    ip,
    hits: count,
    ...seen,
    peakDate: dayStart(minuteAt(rng, seen.firstSeen, seen.lastSeen)),
    dailyPeak: Math.max(1, Math.floor(count / rng.int(2, 40))),
  };
  domain.resolutions.push(resolution);
  ip.resolutions.push(resolution);
}

export function linkDownload(rng: Rng, file: FileEntity, url: UrlEntity, ip: IpEntity): void {
  if (file.downloads.some((d) => d.url === url)) return;
  const download: Download = { file, url, ip, hits: hits(rng, 20_000), ...span(rng, file.firstSeen) };
  file.downloads.push(download);
  url.downloads.push(download);
  ip.downloads.push(download);
}

export function linkAccess(rng: Rng, file: FileEntity, url: UrlEntity): void {
  if (file.accesses.some((a) => a.url === url)) return;
  const access = { file, url, hits: hits(rng, 5_000), ...span(rng, file.firstSeen) };
  file.accesses.push(access);
  url.accesses.push(access);
}

export function linkReferral(rng: Rng, from: UrlEntity, to: UrlEntity): void {
  if (from === to || from.referredTo.some((r) => r.to === to)) return;
  const referral: Referral = { from, to, lastSeen: minuteAt(rng, WORLD_START, WORLD_END) };
  from.referredTo.push(referral);
  to.referrals.push(referral);
}

export function linkFiles(rng: Rng, kind: 'started' | 'downloaded', parent: FileEntity, child: FileEntity): void {
  if (parent === child) return;
  const existing = kind === 'started' ? parent.started : parent.downloadedObjects;
  if (existing.some((link) => link.child === child)) return;
  const path = child.paths[0];
  const link: FileLink = {
    parent,
    child,
    hits: hits(rng, 2_000),
    date: minuteAt(rng, Math.max(parent.firstSeen, child.firstSeen), WORLD_END),
    name: child.names[0]?.FileName ?? 'unknown.bin',
    path: path?.Path ?? '\\',
    location: path?.Location ?? '%temp%',
  };
  if (kind === 'started') {
    parent.started.push(link);
    child.startedBy.push(link);
  } else {
    parent.downloadedObjects.push(link);
    child.downloadedBy.push(link);
  }
}
