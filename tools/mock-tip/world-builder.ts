/** Holds the world while it is generated: indexes, address plan, and the add helpers. */

import { createHash } from 'node:crypto';
import { formatIp, parseIp } from './ip-address';
import { Rng } from './prng';
import { makeDomain, makeFile, makeIp, makeUrl, minuteAt, WORLD_END, WORLD_START } from './world-factory';
import type { DomainEntity, DomainWhois, FileEntity, IpEntity, IpNet, UrlEntity, WorldZone } from './world-model';
import { COUNTRY_CODES, REGISTRARS, WORDS } from './world-vocab';

export interface FileHashes {
  md5: string;
  sha1: string;
  sha256: string;
}

/** The three hashes of a made-up file body: one body, so md5/sha1/sha256 always agree. */
export function hashesOf(body: string): FileHashes {
  const digest = (algorithm: string): string => createHash(algorithm).update(body).digest('hex').toUpperCase();
  return { md5: digest('md5'), sha1: digest('sha1'), sha256: digest('sha256') };
}

/** The IPv4 documentation /24s, each split into four /26 networks of different fake hosters. */
export const IPV4_BLOCKS = ['192.0.2', '198.51.100', '203.0.113'] as const;
const HOSTERS = [
  'Example Hosting', 'Demo Cloud Services', 'Test Transit Networks', 'Sample Bulletproof Hosting',
  'Placeholder Datacenter', 'Illustrative Broadband', 'Fictional VPS', 'Mock Telecom',
] as const;
const DAY = 86_400_000;

export class WorldBuilder {
  readonly ips = new Map<string, IpEntity>();
  readonly domains = new Map<string, DomainEntity>();
  readonly urls = new Map<string, UrlEntity>();
  /** Keyed by lower-case md5, sha1 and sha256: three keys per file. */
  readonly files = new Map<string, FileEntity>();
  readonly fileList: FileEntity[] = [];
  private readonly nets = new Map<string, IpNet>();
  private readonly whois = new Map<string, DomainWhois>();

  constructor(readonly rng: Rng) {}

  private netFor(address: string, version: 4 | 6): IpNet {
    const parsed = parseIp(address);
    if (parsed === null) throw new Error(`not an IP: ${address}`);
    const hostBits = version === 4 ? 6n : 80n;
    const start = (parsed.value >> hostBits) << hostBits;
    const key = `${version}:${start}`;
    const known = this.nets.get(key);
    if (known !== undefined) return known;
    const rng = new Rng(`${this.rng.int(0, 0xffffffff)}:net`);
    const hoster = rng.pick(HOSTERS);
    const created = minuteAt(rng, WORLD_START - 3650 * DAY, WORLD_START);
    const end = start | ((1n << hostBits) - 1n);
    const net: IpNet = {
      start: formatIp(version, start),
      end: formatIp(version, end),
      name: `${hoster.toUpperCase().replace(/[^A-Z]+/g, '-')}-NET-${this.nets.size + 1}`,
      description: `${hoster} (fake data on a documentation range)`,
      created,
      changed: minuteAt(rng, created, WORLD_END),
      // RFC 5398 documentation AS numbers.
      asn: rng.pick([64496, 64497, 64498, 64499, 64500, 64501, 64502, 64503, 65536, 65537, 65538]),
      asnDescription: `${hoster.toUpperCase().replace(/[^A-Z]+/g, '-')}-AS ${hoster}`,
      status: 'ASSIGNED PA',
    };
    this.nets.set(key, net);
    return net;
  }

  addIp(address: string, zone: WorldZone): IpEntity {
    const parsed = parseIp(address);
    if (parsed === null) throw new Error(`not an IP: ${address}`);
    const known = this.ips.get(parsed.canonical);
    if (known !== undefined) return known;
    const ip = makeIp(this.rng, parsed.canonical, parsed.version, zone, this.netFor(parsed.canonical, parsed.version), this.rng.pick(COUNTRY_CODES));
    this.ips.set(ip.address, ip);
    return ip;
  }

  /** Registrable part: the last two labels (every world domain is under a two-label base). */
  static baseOf(name: string): string {
    return name.split('.').slice(-2).join('.');
  }

  private whoisFor(name: string): DomainWhois {
    const base = WorldBuilder.baseOf(name);
    const known = this.whois.get(base);
    if (known !== undefined) return known;
    const rng = this.rng;
    const registrar = rng.pick(REGISTRARS);
    const created = minuteAt(rng, WORLD_START - 4000 * DAY, WORLD_END - 30 * DAY);
    const record: DomainWhois = {
      domainName: base,
      created,
      updated: minuteAt(rng, created, WORLD_END),
      expires: created + rng.int(1, 10) * 365 * DAY,
      nameServers: [`ns1.${rng.pick(WORDS)}-dns.example.net`, `ns2.${rng.pick(WORDS)}-dns.example.net`],
      registrar: registrar.name,
      ianaId: registrar.ianaId,
      registrarEmail: registrar.email,
      privacy: rng.chance(0.6),
      city: 'Example City',
      countryCode: rng.pick(COUNTRY_CODES),
    };
    this.whois.set(base, record);
    return record;
  }

  addDomain(name: string, zone: WorldZone): DomainEntity {
    const known = this.domains.get(name);
    if (known !== undefined) return known;
    const domain = makeDomain(this.rng, name, zone, this.whoisFor(name));
    this.domains.set(name, domain);
    return domain;
  }

  /** `host` is a world domain name or a world IPv4 address; `path` starts with '/'. */
  addUrl(host: string, path: string, zone: WorldZone): UrlEntity {
    const url = path === '/' ? host : `${host}${path}`;
    const known = this.urls.get(url);
    if (known !== undefined) return known;
    const hostIp = this.ips.get(host) ?? null;
    const hostDomain = hostIp === null ? this.addDomain(host, zone) : null;
    const entity = makeUrl(this.rng, url, host, hostDomain, hostIp, zone);
    if (hostIp !== null) hostIp.literalUrls.push(entity);
    else hostDomain?.urls.push(entity);
    this.urls.set(url, entity);
    return entity;
  }

  addFile(hashes: FileHashes, zone: WorldZone, fileName: string): FileEntity {
    const known = this.files.get(hashes.md5.toLowerCase());
    if (known !== undefined) return known;
    const file = makeFile(this.rng, hashes, zone, fileName);
    for (const hash of [hashes.md5, hashes.sha1, hashes.sha256]) this.files.set(hash.toLowerCase(), file);
    this.fileList.push(file);
    return file;
  }

  /** Which IP served a download from `url`: its own address, or one its host resolved to. */
  servingIp(url: UrlEntity, prefer?: IpEntity): IpEntity | null {
    if (url.hostIp !== null) return url.hostIp;
    const resolutions = url.hostDomain?.resolutions ?? [];
    if (prefer !== undefined && resolutions.some((r) => r.ip === prefer) && this.rng.chance(0.75)) return prefer;
    const v4 = resolutions.filter((r) => r.ip.version === 4);
    return v4.length > 0 ? this.rng.pick(v4).ip : null;
  }
}
