/**
 * What happens to the showcase between epoch 0 and epoch 1, written out rather than drawn, so the
 * README, the demo and the tests can name every change. Later epochs leave the showcase to the drift
 * (world-epoch.ts), which never rezones a showcase object nor cuts its edges.
 */

import type { Rng } from './prng';
import { hashesOf, type WorldBuilder } from './world-builder';
import { dayStart, minuteAt } from './world-factory';
import type { Detection, DomainEntity, FileEntity, IpEntity, Reputation, UrlEntity } from './world-model';
import { SHOWCASE } from './world-showcase';
import { REGISTRARS } from './world-vocab';

const DAY = 86_400_000;

/** The objects epoch 1 brings in (unknown, i.e. a Grey answer, at epoch 0) and the names it uses. */
export const EPOCH_SHOWCASE = {
  /** Red IPv6 that `bad.example.com` and `newDomain` start resolving to. */
  successorIp: '2001:db8::bad:67',
  /** Red lure domain; resolves to the hub and `successorIp`; serves `newUrl`. */
  newDomain: 'invoice-portal.test',
  /** Serves `dropper` (through the hub) and `payload` (through `successorIp`). */
  newUrl: 'invoice-portal.test/files/invoice_2025.exe',
  /** Red dropper; starts `payload`. */
  dropper: hashesOf('tip-workbench showcase file: invoice_2025.exe'),
  dropperDetection: 'Trojan-Dropper.Win32.Injector.showcase',
  /** Payload's heuristic verdict is replaced by this signature one. */
  payloadNewDetection: 'Trojan-Downloader.Win32.Agent.gen',
  payloadRetiredDetection: 'HEUR:Trojan.Win32.Generic',
  payloadNewName: 'invoice_2025.exe',
  hubScoreAfter: 99,
  orangeIpScoreAfter: 91,
  ipv6ScoreAfter: 4,
  orangeDomainApt: 'Supply-chain intrusion through a tampered updater',
  phishingNameServers: ['ns1.parking-dns.example.net', 'ns2.parking-dns.example.net'],
} as const;

export interface EpochWindow {
  /** The previous epoch's end (exclusive) and this one's (inclusive), epoch ms. */
  from: number;
  to: number;
}

/** Typed, unlike a bare Object.assign: a misspelt zone or field does not compile. */
function update(entity: Reputation, patch: Partial<Reputation>): void {
  Object.assign(entity, patch);
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`showcase object missing: ${what}`);
  return value;
}

function during(rng: Rng, window: EpochWindow): number {
  return minuteAt(rng, window.from + 60_000, window.to);
}

/** A resolution that starts inside the window, stored once and seen from both ends like every edge. */
function resolve(rng: Rng, window: EpochWindow, domain: DomainEntity, ip: IpEntity, hits: number): void {
  if (domain.resolutions.some((r) => r.ip === ip)) return;
  const firstSeen = during(rng, window);
  const resolution = { domain, ip, hits, firstSeen, lastSeen: window.to, peakDate: dayStart(firstSeen), dailyPeak: Math.max(1, Math.floor(hits / 5)) };
  domain.resolutions.push(resolution);
  ip.resolutions.push(resolution);
}

function download(rng: Rng, window: EpochWindow, file: FileEntity, url: UrlEntity, ip: IpEntity, hits: number): void {
  if (file.downloads.some((d) => d.url === url)) return;
  const entry = { file, url, ip, hits, firstSeen: during(rng, window), lastSeen: window.to };
  file.downloads.push(entry);
  url.downloads.push(entry);
  ip.downloads.push(entry);
}

function unresolve(domain: DomainEntity, ip: IpEntity): void {
  domain.resolutions = domain.resolutions.filter((r) => r.ip !== ip);
  ip.resolutions = ip.resolutions.filter((r) => r.domain !== domain);
}

/** Renewed for `years`: from the current expiry, or, if that has passed, so it lands in the future. */
export function renewedExpiry(expires: number, now: number, years: number): number {
  if (expires > now) return expires + years * 365 * DAY;
  let next = expires;
  while (next <= now) next += 365 * DAY;
  return next + (years - 1) * 365 * DAY;
}

function detection(name: string, method: string, date: number): Detection {
  return { LastDetectDate: date, DescriptionUrl: `https://threats.kaspersky.com/en/threat/${name}/`, Zone: 'Red', DetectionName: name, DetectionMethod: method };
}

/** Brand-new objects get dates inside the window, not the generator's 2023–2025 spread. */
function bornIn<T extends { firstSeen: number; lastSeen: number }>(entity: T, rng: Rng, window: EpochWindow): T {
  entity.firstSeen = during(rng, window);
  entity.lastSeen = window.to;
  return entity;
}

export function tellShowcaseStory(builder: WorldBuilder, rng: Rng, window: EpochWindow): void {
  const ip = (address: string): IpEntity => must(builder.ips.get(address), address);
  const domain = (name: string): DomainEntity => must(builder.domains.get(name), name);
  const file = (md5: string): FileEntity => must(builder.files.get(md5.toLowerCase()), md5);
  const hub = ip(SHOWCASE.hubIp);
  const orangeIp = ip(SHOWCASE.orangeIp);
  const oldV6 = ip(SHOWCASE.ipv6);
  const bad = domain(SHOWCASE.badDomain);
  const payload = file(SHOWCASE.payload.md5);

  hub.score = EPOCH_SHOWCASE.hubScoreAfter;
  // Escalated: the Orange IP behind bad.example.com and the adware updater now serves malware.
  update(orangeIp, { zone: 'Red', score: EPOCH_SHOWCASE.orangeIpScoreAfter, categories: ['CATEGORY_MALWARE', 'CATEGORY_BOTNET_CNC'] });
  // Cleaned: the old IPv6 was reassigned to a clean hoster, and bad.example.com stopped resolving to it.
  update(oldV6, { zone: 'Green', score: EPOCH_SHOWCASE.ipv6ScoreAfter, categories: [], apt: [], industries: [] });
  unresolve(bad, oldV6);

  const orangeDomain = domain(SHOWCASE.orangeDomain);
  update(orangeDomain, {
    zone: 'Red', categories: ['CATEGORY_MALWARE'], industries: [...new Set([...orangeDomain.industries, 'Energy'])],
    apt: [{ Id: rng.hex(24), Title: EPOCH_SHOWCASE.orangeDomainApt }],
  });

  // The phishing domain moved registrar and parking name servers, and was renewed for a year.
  const whois = domain(SHOWCASE.phishingDomain).whois;
  const registrarIndex = REGISTRARS.findIndex((r) => r.name === whois.registrar);
  const registrar = must(REGISTRARS[(registrarIndex + 1) % REGISTRARS.length], 'registrar');
  whois.registrar = registrar.name;
  whois.ianaId = registrar.ianaId;
  whois.registrarEmail = registrar.email;
  whois.nameServers = [...EPOCH_SHOWCASE.phishingNameServers];
  whois.expires = renewedExpiry(whois.expires, window.to, 1);
  whois.updated = during(rng, window);

  // New infrastructure: a successor IP and a lure domain on it and on the hub.
  const successor = bornIn(builder.addIp(EPOCH_SHOWCASE.successorIp, 'Red'), rng, window);
  update(successor, { score: 95, categories: ['CATEGORY_MALWARE'], apt: [], industries: ['Finance'] });
  const lure = bornIn(builder.addDomain(EPOCH_SHOWCASE.newDomain, 'Red'), rng, window);
  update(lure, { categories: ['CATEGORY_PHISHING', 'CATEGORY_MALWARE'], apt: [], industries: ['Finance'] });
  lure.whois.created = dayStart(window.from);
  lure.whois.updated = lure.whois.created;
  lure.whois.expires = lure.whois.created + 365 * DAY;
  resolve(rng, window, bad, successor, 420);
  resolve(rng, window, lure, successor, 260);
  resolve(rng, window, lure, hub, 180);
  const lureUrl = bornIn(builder.addUrl(EPOCH_SHOWCASE.newDomain, '/files/invoice_2025.exe', 'Red'), rng, window);
  lureUrl.categories = ['CATEGORY_MALWARE'];

  const dropper = bornIn(builder.addFile(EPOCH_SHOWCASE.dropper, 'Red', 'invoice_2025.exe'), rng, window);
  dropper.detectionName = EPOCH_SHOWCASE.dropperDetection;
  dropper.detections = [detection(EPOCH_SHOWCASE.dropperDetection, 'Signature', window.to)];
  dropper.categories = ['CATEGORY_MALWARE'];
  download(rng, window, dropper, lureUrl, hub, 310);
  download(rng, window, payload, lureUrl, successor, 140);
  const launch = { parent: dropper, child: payload, hits: 95, date: during(rng, window), name: 'payload.exe', path: payload.paths[0]?.Path ?? '\\', location: payload.paths[0]?.Location ?? '%temp%' };
  dropper.started.push(launch);
  payload.startedBy.push(launch);

  // Payload: the heuristic verdict gives way to a signature, and a new file name is seen.
  payload.detections = [
    ...payload.detections.filter((d) => d.DetectionName !== EPOCH_SHOWCASE.payloadRetiredDetection),
    detection(EPOCH_SHOWCASE.payloadNewDetection, 'Signature', window.to),
  ];
  payload.names.push({ FileName: EPOCH_SHOWCASE.payloadNewName, FileNamesHitsCount: 40 });

  // Reclassified: the toolbar is no longer treated as adware.
  const adware = file(SHOWCASE.adware.md5);
  update(adware, { zone: 'Green', categories: ['CATEGORY_SOFTWARE_UPDATES'] });
  adware.detectionName = null;
  adware.detections = [];
}
