/**
 * The demo world: one seeded, deterministic, consistent set of IPs, domains, URLs and files.
 *
 * Every edge is stored once and seen from both ends, so pivots agree: an IP's DNS resolution is its
 * domain's resolution; a download (file, URL, serving IP) appears in the IP's FilesDownloadedFromIp,
 * the URL host's FilesDownloaded and the file's FileDownloadedFromUrls. Only fake ranges and reserved
 * names are used: IPv4/IPv6 documentation ranges, example.com/.net/.org, *.test and *.example.
 *
 * Values outside the world are answered by `lookup.ts` (see its header for the rule).
 */

import { hashesOf, IPV4_BLOCKS, WorldBuilder } from './world-builder';
import { Rng, type Seed } from './prng';
import { hits, linkAccess, linkDownload, linkFiles, linkReferral, linkResolution } from './world-factory';
import type { DomainEntity, FileEntity, IpEntity, UrlEntity, WorldZone } from './world-model';
import { addShowcase } from './world-showcase';
import { advanceWorld, checkEpoch } from './world-epoch';
import {
  BASE_SUFFIXES, BENIGN_DOWNLOAD_PATHS, C2_PATHS, EXAMPLE_PARENTS, LURE_WORDS,
  MALICIOUS_DOWNLOAD_PATHS, PAGE_PATHS, PHISH_KITS, REGIONS, SPAM_TYPES, STOLEN_DATA,
  SUBDOMAIN_PREFIXES, WORDS, ORGANIZATIONS, INDUSTRIES,
} from './world-vocab';

export { DEMO_INDICATORS, SHOWCASE } from './world-showcase';
export { EPOCH_DAYS, EPOCH_SHOWCASE, epochEnd, MAX_EPOCH } from './world-epoch';
export type * from './world-model';

export const DEFAULT_SEED = 'tip-workbench';

export interface World {
  seed: Seed;
  /** How many weeks the world has moved on from generation (world-epoch.ts); 0 = as generated. */
  epoch: number;
  /** Keyed by canonical address (dotted quad, RFC 5952 IPv6). */
  ips: ReadonlyMap<string, IpEntity>;
  domains: ReadonlyMap<string, DomainEntity>;
  /** Keyed as TIP lists URLs: no scheme, lower-case host. */
  urls: ReadonlyMap<string, UrlEntity>;
  /** Keyed by lower-case md5, sha1 and sha256. */
  files: ReadonlyMap<string, FileEntity>;
  stats: { ips: number; domains: number; urls: number; files: number; resolutions: number; downloads: number };
}

const SIZES = { hubResolutions: 1600, hubDownloads: 1200, bases: 800, exampleSubdomains: 120, files: 1800, referrals: 900 };
const IP_ZONES = { Red: 20, Orange: 15, Yellow: 10, Grey: 25, Green: 30 } as const;
const DOMAIN_ZONES = { Red: 20, Orange: 12, Yellow: 10, Grey: 30, Green: 28 } as const;
const FILE_ZONES = { Red: 45, Yellow: 12, Grey: 18, Green: 25 } as const;
const hostile = (zone: WorldZone): boolean => zone === 'Red' || zone === 'Orange';

function fill(rng: Rng, template: string): string {
  return template.replace('{n}', String(rng.int(1, 9999))).replace('{w}', rng.pick(WORDS));
}

function addIps(builder: WorldBuilder): IpEntity[] {
  const { rng } = builder;
  for (const block of IPV4_BLOCKS) {
    for (let host = 1; host <= 254; host += 1) {
      if (rng.chance(0.72)) builder.addIp(`${block}.${host}`, rng.weighted(IP_ZONES));
    }
  }
  for (let i = 0; i < 40; i += 1) builder.addIp(`2001:db8:${rng.int(0, 3)}::${rng.hex(4)}`, rng.weighted(IP_ZONES));
  for (const ip of builder.ips.values()) {
    if (hostile(ip.zone) && ip.spam === null && rng.chance(0.3)) {
      ip.spam = { spam_attacks: hits(rng, 10_000), spam_ratio: Math.round(rng.next() * 100) / 100, last_attack_date: ip.lastSeen, spam_attack_types: rng.sample(SPAM_TYPES, rng.int(1, 3)) };
    }
    if (ip.zone === 'Red' && ip.phishing === null && rng.chance(0.2)) {
      ip.phishing = {
        phishing_attacks: hits(rng, 5_000), last_attack_date: ip.lastSeen, regions: rng.sample(REGIONS, rng.int(1, 3)),
        phish_kit: rng.pick(PHISH_KITS), stolen_data_type: rng.pick(STOLEN_DATA), attacked_industry: rng.pick(INDUSTRIES), attacked_organization: rng.pick(ORGANIZATIONS),
      };
    }
  }
  return [...builder.ips.values()];
}

function addDomains(builder: WorldBuilder): void {
  const { rng } = builder;
  for (const parent of EXAMPLE_PARENTS) {
    builder.addDomain(parent, 'Green');
    for (let i = 0; i < SIZES.exampleSubdomains; i += 1) {
      const label = rng.chance(0.5) ? `${rng.pick(WORDS)}-${rng.pick(LURE_WORDS)}` : `${rng.pick(SUBDOMAIN_PREFIXES)}${rng.int(1, 99)}`;
      builder.addDomain(`${label}.${parent}`, rng.weighted(DOMAIN_ZONES));
    }
  }
  for (let i = 0; i < SIZES.bases; i += 1) {
    const lure = rng.chance(0.35);
    const label = lure ? `${rng.pick(LURE_WORDS)}-${rng.pick(WORDS)}${rng.int(1, 99)}` : `${rng.pick(WORDS)}-${rng.pick(WORDS)}`;
    const base = `${label}${rng.pick(BASE_SUFFIXES)}`;
    if (builder.domains.has(base)) continue;
    const zone: WorldZone = lure ? rng.weighted({ Red: 60, Orange: 25, Grey: 15 }) : rng.weighted(DOMAIN_ZONES);
    builder.addDomain(base, zone);
    for (const prefix of rng.sample(SUBDOMAIN_PREFIXES, rng.int(0, 3))) {
      builder.addDomain(`${prefix}.${base}`, rng.chance(0.7) ? zone : rng.weighted(DOMAIN_ZONES));
    }
  }
}

function addResolutions(builder: WorldBuilder, ips: IpEntity[], hub: IpEntity): void {
  const { rng } = builder;
  const v4 = ips.filter((ip) => ip.version === 4 && ip !== hub);
  const v6 = ips.filter((ip) => ip.version === 6);
  const bad = v4.filter((ip) => hostile(ip.zone));
  const good = v4.filter((ip) => !hostile(ip.zone));
  const domains = [...builder.domains.values()];
  for (const domain of rng.sample(domains.filter((d) => d.resolutions.length === 0), SIZES.hubResolutions - hub.resolutions.length)) {
    linkResolution(rng, domain, hub);
  }
  for (const domain of domains) {
    if (domain.resolutions.length > 0 && rng.chance(0.5)) continue;
    const pool = hostile(domain.zone) === rng.chance(0.8) ? bad : good;
    for (const ip of rng.sample(pool, rng.int(1, 2))) linkResolution(rng, domain, ip);
    if (rng.chance(0.1)) linkResolution(rng, domain, rng.pick(v6));
  }
}

interface UrlPools {
  maliciousDownloads: UrlEntity[];
  benignDownloads: UrlEntity[];
  c2: UrlEntity[];
  pages: UrlEntity[];
  hubDownloads: UrlEntity[];
}

function addUrls(builder: WorldBuilder, ips: IpEntity[], hub: IpEntity): UrlPools {
  const { rng } = builder;
  const pools: UrlPools = { maliciousDownloads: [], benignDownloads: [], c2: [], pages: [], hubDownloads: [] };
  const add = (host: string, template: string, zone: WorldZone, pool: UrlEntity[]): void => {
    const url = builder.addUrl(host, fill(rng, template), zone);
    if (!pool.includes(url)) pool.push(url);
  };
  for (const domain of [...builder.domains.values()]) {
    const bad = hostile(domain.zone);
    const n = rng.int(0, 3);
    for (let i = 0; i < n; i += 1) {
      const roll = rng.next();
      if (roll < 0.45) {
        if (bad) add(domain.name, rng.pick(MALICIOUS_DOWNLOAD_PATHS), 'Red', pools.maliciousDownloads);
        else add(domain.name, rng.pick(BENIGN_DOWNLOAD_PATHS), domain.zone === 'Yellow' ? 'Yellow' : 'Green', pools.benignDownloads);
      } else if (roll < 0.6 && bad) {
        add(domain.name, rng.pick(C2_PATHS), 'Red', pools.c2);
      } else {
        add(domain.name, rng.pick(PAGE_PATHS), domain.zone, pools.pages);
      }
    }
  }
  for (const ip of ips) {
    if (ip.version !== 4 || !hostile(ip.zone) || !rng.chance(0.3)) continue;
    for (let i = rng.int(1, 3); i > 0; i -= 1) add(ip.address, rng.pick(MALICIOUS_DOWNLOAD_PATHS), 'Red', pools.maliciousDownloads);
  }
  for (let i = 0; i < 60; i += 1) add(hub.address, `/dl/${rng.pick(WORDS)}_${rng.int(1, 9999)}.bin`, 'Red', pools.maliciousDownloads);
  pools.hubDownloads = pools.maliciousDownloads.filter((url) => url.hostIp === hub || url.hostDomain?.resolutions.some((r) => r.ip === hub));
  return pools;
}

function fileNameOf(rng: Rng, url: UrlEntity): string {
  const last = url.url.split('?')[0]?.split('/').pop() ?? '';
  return /\.[a-z0-9]{2,4}$/i.test(last) ? last : `${rng.pick(WORDS)}.exe`;
}

function addFiles(builder: WorldBuilder, pools: UrlPools, hub: IpEntity, seed: Seed): void {
  const { rng } = builder;
  const download = (file: FileEntity, url: UrlEntity): void => {
    const ip = builder.servingIp(url, hub);
    if (ip !== null) linkDownload(rng, file, url, ip);
  };
  for (let i = 0; i < SIZES.files; i += 1) {
    const zone = rng.weighted(FILE_ZONES);
    const pool = zone === 'Red' || zone === 'Yellow' ? pools.maliciousDownloads : pools.benignDownloads;
    const first = rng.pick(pool);
    const file = builder.addFile(hashesOf(`${String(seed)}:file:${i}`), zone, fileNameOf(rng, first));
    download(file, first);
    for (let extra = rng.int(0, 2); extra > 0; extra -= 1) download(file, rng.pick(pool));
  }
  const red = builder.fileList.filter((file) => file.zone === 'Red');
  // Guarantee the hub's fan whatever the draws gave.
  while (hub.downloads.length < SIZES.hubDownloads) linkDownload(rng, rng.pick(red), rng.pick(pools.hubDownloads), hub);
  for (const file of builder.fileList) {
    if (file.zone === 'Red' && rng.chance(0.6)) for (const url of rng.sample(pools.c2, rng.int(1, 2))) linkAccess(rng, file, url);
    if (file.zone === 'Green' && rng.chance(0.3)) linkAccess(rng, file, rng.pick(pools.pages));
    if (file.zone === 'Red' && rng.chance(0.3)) for (const child of rng.sample(red, rng.int(1, 2))) linkFiles(rng, 'started', file, child);
    if (file.zone === 'Red' && rng.chance(0.2)) for (const child of rng.sample(red, rng.int(1, 2))) linkFiles(rng, 'downloaded', file, child);
  }
}

function addReferrals(builder: WorldBuilder, pools: UrlPools): void {
  const { rng } = builder;
  const targets = [...pools.maliciousDownloads, ...pools.pages, ...pools.c2];
  for (let i = 0; i < SIZES.referrals; i += 1) linkReferral(rng, rng.pick(pools.pages), rng.pick(targets));
}

/**
 * A new world for `seed` at `epoch` (default 0, the world as generated), never cached (tests use it
 * to prove determinism); prefer createWorld.
 */
export function generateWorld(seed: Seed, epoch = 0): World {
  checkEpoch(epoch);
  const builder = new WorldBuilder(new Rng(seed));
  const hub = addShowcase(builder);
  const ips = addIps(builder);
  addDomains(builder);
  addResolutions(builder, ips, hub);
  const pools = addUrls(builder, ips, hub);
  addFiles(builder, pools, hub, seed);
  addReferrals(builder, pools);
  for (let step = 1; step <= epoch; step += 1) advanceWorld(builder, seed, step);
  let resolutions = 0;
  let downloads = 0;
  for (const ip of builder.ips.values()) {
    resolutions += ip.resolutions.length;
    downloads += ip.downloads.length;
  }
  return {
    seed,
    epoch,
    ips: builder.ips,
    domains: builder.domains,
    urls: builder.urls,
    files: builder.files,
    stats: {
      ips: builder.ips.size, domains: builder.domains.size, urls: builder.urls.size,
      files: builder.fileList.length, resolutions, downloads,
    },
  };
}

const worlds = new Map<string, World>();
/** Later epochs are kept only a few at a time: a demo steps forward, it does not collect them. */
const LATER_EPOCHS_KEPT = 4;
const laterEpochs: string[] = [];

/**
 * The world for `seed` at `epoch`, built once per process (about 100 ms, plus a little per epoch)
 * and shared: a world never changes; a later epoch is another world.
 */
export function createWorld(seed: Seed = DEFAULT_SEED, epoch = 0): World {
  const key = `${typeof seed}:${String(seed)}@${checkEpoch(epoch)}`;
  const known = worlds.get(key);
  if (known !== undefined) return known;
  const world = generateWorld(seed, epoch);
  worlds.set(key, world);
  if (epoch > 0) {
    laterEpochs.push(key);
    if (laterEpochs.length > LATER_EPOCHS_KEPT) worlds.delete(laterEpochs.shift() ?? '');
  }
  return world;
}
