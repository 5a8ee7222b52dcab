/**
 * The seeded drift of one epoch (see world-epoch.ts): some objects change zone, some IP threat
 * scores move, DNS resolutions and downloads come and go, and some WHOIS records change. Edges are
 * added and removed at both ends at once, so pivots keep agreeing.
 */

import type { Rng } from './prng';
import type { WorldBuilder } from './world-builder';
import { renewedExpiry, type EpochWindow } from './world-epoch-showcase';
import { dayStart, detectionNameFor, feedMasks, minuteAt, scoreFor } from './world-factory';
import type { DomainEntity, DomainWhois, FileEntity, IpEntity, UrlEntity, WorldZone } from './world-model';
import { CATEGORIES_BY_ZONE, REGISTRARS, WORDS } from './world-vocab';

export type Entity = IpEntity | DomainEntity | UrlEntity | FileEntity;

/** What the drift must not touch. */
export interface Still {
  /** Never rezoned, rescored or re-linked (the hub is never in it). */
  entities: ReadonlySet<Entity>;
  /** Showcase objects: never rezoned or rescored, though the hub's edges still churn. */
  pinned: ReadonlySet<Entity>;
  whois: ReadonlySet<DomainWhois>;
  hub: IpEntity;
}

/** Per epoch. About 2% of objects rezone; the hub gets its own churn so its lists move. */
const AMOUNTS = { rezoneIps: 12, rezoneDomains: 40, rezoneUrls: 40, rezoneFiles: 40, rescoreIps: 25, whoisShare: 0.03 };
const CHURN = { newResolutions: 40, endedResolutions: 25, newDownloads: 40, endedDownloads: 25, hubNew: 10, hubEnded: 8 };

/** Where an object's zone goes when it changes: escalations, clean-ups, compromises. */
const NEXT_ZONE: Record<WorldZone, Readonly<Record<WorldZone, number>>> = {
  Red: { Red: 0, Orange: 0, Yellow: 0, Grey: 30, Green: 70 },
  Orange: { Red: 70, Orange: 0, Yellow: 0, Grey: 0, Green: 30 },
  Yellow: { Red: 40, Orange: 0, Yellow: 0, Grey: 0, Green: 60 },
  Grey: { Red: 40, Orange: 0, Yellow: 20, Grey: 0, Green: 40 },
  Green: { Red: 50, Orange: 0, Yellow: 50, Grey: 0, Green: 0 },
};

function during(rng: Rng, window: EpochWindow): number {
  return minuteAt(rng, window.from + 60_000, window.to);
}

function rezone(rng: Rng, entity: Entity): void {
  let zone = rng.weighted(NEXT_ZONE[entity.zone]);
  // TIP does not use Orange for files.
  if ('md5' in entity && zone === 'Orange') zone = 'Red';
  entity.zone = zone;
  entity.score = scoreFor(rng, zone);
  entity.categories = zone === 'Grey' ? [] : rng.sample(CATEGORIES_BY_ZONE[zone], rng.int(1, 2));
  if (zone !== 'Red') entity.apt = [];
  if ('address' in entity) entity.feedMasks = feedMasks(rng, zone, entity.address, 'Ip');
  else if ('whois' in entity) entity.feedMasks = feedMasks(rng, zone, entity.name, 'Domain');
  else if ('md5' in entity) {
    const name = detectionNameFor(rng, zone);
    entity.detectionName = name;
    entity.detections = name === null ? [] : [{
      LastDetectDate: entity.lastSeen,
      DescriptionUrl: `https://threats.kaspersky.com/en/threat/${name.replace(/^not-a-virus:/, '')}/`,
      Zone: zone,
      DetectionName: name,
      DetectionMethod: name.startsWith('HEUR:') ? 'Heuristic' : 'Signature',
    }];
  }
}

function resolve(rng: Rng, window: EpochWindow, domain: DomainEntity, ip: IpEntity): void {
  if (domain.resolutions.some((r) => r.ip === ip)) return;
  const firstSeen = during(rng, window);
  const hits = rng.int(1, 400);
  const resolution = { domain, ip, hits, firstSeen, lastSeen: minuteAt(rng, firstSeen, window.to), peakDate: dayStart(firstSeen), dailyPeak: Math.max(1, Math.floor(hits / 7)) };
  domain.resolutions.push(resolution);
  ip.resolutions.push(resolution);
}

function unresolve(domain: DomainEntity, ip: IpEntity): void {
  domain.resolutions = domain.resolutions.filter((r) => r.ip !== ip);
  ip.resolutions = ip.resolutions.filter((r) => r.domain !== domain);
}

function download(rng: Rng, window: EpochWindow, file: FileEntity, url: UrlEntity, ip: IpEntity): void {
  if (file.downloads.some((d) => d.url === url)) return;
  const firstSeen = during(rng, window);
  const entry = { file, url, ip, hits: rng.int(1, 300), firstSeen, lastSeen: minuteAt(rng, firstSeen, window.to) };
  file.downloads.push(entry);
  url.downloads.push(entry);
  ip.downloads.push(entry);
}

function undownload(file: FileEntity, url: UrlEntity): void {
  const ended = file.downloads.find((d) => d.url === url);
  if (ended === undefined) return;
  file.downloads = file.downloads.filter((d) => d !== ended);
  url.downloads = url.downloads.filter((d) => d !== ended);
  ended.ip.downloads = ended.ip.downloads.filter((d) => d !== ended);
}

/** The IP a new download from `url` is served by, as at generation: its own, or one it resolves to. */
function servingIp(rng: Rng, url: UrlEntity): IpEntity | null {
  if (url.hostIp !== null) return url.hostIp;
  const v4 = (url.hostDomain?.resolutions ?? []).filter((r) => r.ip.version === 4);
  return v4.length > 0 ? rng.pick(v4).ip : null;
}

function renewWhois(rng: Rng, window: EpochWindow, whois: DomainWhois): void {
  const registrar = rng.chance(0.4) ? rng.pick(REGISTRARS.filter((r) => r.name !== whois.registrar)) : null;
  const nameServers = registrar !== null || rng.chance(0.3);
  if (registrar !== null) {
    whois.registrar = registrar.name;
    whois.ianaId = registrar.ianaId;
    whois.registrarEmail = registrar.email;
  }
  if (nameServers) {
    const word = rng.pick(WORDS);
    whois.nameServers = [`ns1.${word}-dns.example.net`, `ns2.${word}-dns.example.net`];
  }
  // A renewal whenever nothing else changed, so every picked record really changes.
  if (!nameServers || rng.chance(0.5)) whois.expires = renewedExpiry(whois.expires, window.to, rng.int(1, 3));
  whois.updated = during(rng, window);
}

export function applyDrift(builder: WorldBuilder, rng: Rng, window: EpochWindow, still: Still): void {
  const { hub } = still;
  const free = <T extends Entity>(entity: T): boolean => !still.entities.has(entity);
  const movable = <T extends Entity>(entity: T): boolean => free(entity) && !still.pinned.has(entity);
  const ips = [...builder.ips.values()].filter(free);
  const v4 = ips.filter((ip) => ip.version === 4);
  const domains = [...builder.domains.values()].filter(free);
  const urls = [...builder.urls.values()].filter(free);
  const files = builder.fileList.filter(free);

  for (const entity of [
    ...rng.sample(ips.filter(movable), AMOUNTS.rezoneIps), ...rng.sample(domains.filter(movable), AMOUNTS.rezoneDomains),
    ...rng.sample(urls.filter(movable), AMOUNTS.rezoneUrls), ...rng.sample(files.filter(movable), AMOUNTS.rezoneFiles),
  ]) rezone(rng, entity);
  for (const ip of rng.sample(ips.filter(movable), AMOUNTS.rescoreIps)) ip.score = scoreFor(rng, ip.zone);

  const hostile = (zone: WorldZone): boolean => zone === 'Red' || zone === 'Orange';
  for (let i = 0; i < CHURN.newResolutions; i += 1) {
    const domain = rng.pick(domains);
    // Mostly like with like, as at generation: hostile names on hostile addresses.
    const wantHostile = hostile(domain.zone) === rng.chance(0.8);
    const pool = v4.filter((ip) => hostile(ip.zone) === wantHostile);
    if (pool.length > 0) resolve(rng, window, domain, rng.pick(pool));
  }
  for (const domain of rng.sample(domains.filter((d) => !d.resolutions.some((r) => r.ip === hub)), CHURN.hubNew)) resolve(rng, window, domain, hub);
  const ending = (list: { domain: DomainEntity; ip: IpEntity }[]): { domain: DomainEntity; ip: IpEntity }[] => list.filter((r) => free(r.domain) && free(r.ip));
  for (const r of rng.sample(ending(domains.flatMap((d) => d.resolutions)), CHURN.endedResolutions)) unresolve(r.domain, r.ip);
  for (const r of rng.sample(ending(hub.resolutions), CHURN.hubEnded)) unresolve(r.domain, r.ip);

  const served = urls.filter((u) => u.downloads.length > 0);
  for (const file of rng.sample(files, CHURN.newDownloads)) {
    const pool = served.filter((u) => (u.zone === 'Red' || u.zone === 'Yellow') === (file.zone === 'Red' || file.zone === 'Yellow'));
    const url = pool.length > 0 ? rng.pick(pool) : null;
    const ip = url === null ? null : servingIp(rng, url);
    if (url !== null && ip !== null && free(ip)) download(rng, window, file, url, ip);
  }
  const hubUrls = served.filter((u) => u.zone === 'Red' && (u.hostIp === hub || u.hostDomain?.resolutions.some((r) => r.ip === hub) === true));
  const redFiles = files.filter((f) => f.zone === 'Red');
  for (let i = 0; i < CHURN.hubNew && hubUrls.length > 0 && redFiles.length > 0; i += 1) download(rng, window, rng.pick(redFiles), rng.pick(hubUrls), hub);
  const endable = (list: { file: FileEntity; url: UrlEntity; ip: IpEntity }[]): { file: FileEntity; url: UrlEntity }[] => list.filter((d) => free(d.file) && free(d.url) && free(d.ip));
  for (const d of rng.sample(endable(files.flatMap((f) => f.downloads)), CHURN.endedDownloads)) undownload(d.file, d.url);
  for (const d of rng.sample(endable(hub.downloads), CHURN.hubEnded)) undownload(d.file, d.url);

  const records = new Set<DomainWhois>();
  for (const domain of domains) if (!still.whois.has(domain.whois)) records.add(domain.whois);
  for (const whois of rng.sample([...records], Math.ceil(records.size * AMOUNTS.whoisShare))) renewWhois(rng, window, whois);
}
