/**
 * From a request's object to the JSON answer (LicenseInfo excluded: the server adds it).
 *
 * Rule for values outside the world: a well-formed object the world does not hold answers 200 with
 * `Zone: "Grey"`, `RelatedObjects.HasRedZone: false`, its `*GeneralInfo` (the value itself, zero
 * counts, null dates; an IP gets `Status: "NoInfo"`, `CountryCode: null`), `Industries: []`, and no
 * other section. Reserved addresses (ip-address.ts) answer only `Zone` ("Grey"), `IpGeneralInfo`
 * (`Status: "Reserved"`) and `IpWhoIs` (the IANA block), plus LicenseInfo. A malformed object is 400;
 * a url over 2000 characters is 414.
 */

import type { LookupType } from '../../src/shared/tip/types';
import { emptyGeneral, type Json, type JsonObject } from './answers-common';
import { fileAnswer } from './answers-file';
import { validateLookupValue } from '../../src/shared/indicators/validate';
import { domainAnswer, ipAnswer, urlAnswer } from './answers-network';
import { formatIp, parseIp, rangeEnd, reservedRangeOf } from './ip-address';
import type { Seed } from './prng';
import { createWorld, DEFAULT_SEED, type World } from './world';

export const DEFAULT_COUNT = 1000;
export const MAX_URL_LENGTH = 2000;
/** The documented exceptions to `count`. */
export const UNTRUNCATED_SECTIONS: ReadonlySet<string> = new Set(['DetectionsInfo', 'FileParentCertificates']);

export type ParsedObject =
  | { ok: true; type: LookupType; value: string }
  | { ok: false; status: 400 | 414; message: string };

const HASH = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/;

/** The app's own validator decides what a domain name is, so the mock and the client agree. */
function normaliseDomain(raw: string): string | null {
  const checked = validateLookupValue('domain', raw);
  return checked.ok ? checked.value : null;
}

/** A url as TIP lists it: scheme and fragment dropped, host lower-cased, a bare trailing '/' dropped. */
export function normaliseUrl(raw: string): { url: string; host: string } | null {
  let text = raw.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const fragment = text.indexOf('#');
  if (fragment >= 0) text = text.slice(0, fragment);
  const match = /^([^/?]+)(.*)$/s.exec(text);
  if (match === null) return null;
  const authority = (match[1] ?? '').split('@').pop()?.toLowerCase() ?? '';
  const rest = match[2] === '/' ? '' : (match[2] ?? '');
  const port = /:\d{1,5}$/.exec(authority)?.[0] ?? '';
  const hostPart = authority.slice(0, authority.length - port.length).replace(/\.$/, '');
  let host: string;
  if (hostPart.startsWith('[') && hostPart.endsWith(']')) {
    const inner = parseIp(hostPart.slice(1, -1));
    if (inner === null || inner.version !== 6) return null;
    host = `[${inner.canonical}]`;
  } else {
    const ip = parseIp(hostPart);
    if (ip !== null && ip.version === 6) return null;
    if (ip === null && normaliseDomain(hostPart) === null) return null;
    host = ip?.canonical ?? hostPart;
  }
  return { url: `${host}${port}${rest}`, host };
}

export function parseObject(type: LookupType, raw: string): ParsedObject {
  const bad = (what: string): ParsedObject => ({ ok: false, status: 400, message: `Invalid ${what}` });
  switch (type) {
    case 'ip': {
      const ip = parseIp(raw.trim());
      return ip === null ? bad('IP address') : { ok: true, type, value: ip.canonical };
    }
    case 'domain': {
      const name = normaliseDomain(raw.trim());
      return name === null ? bad('domain name') : { ok: true, type, value: name };
    }
    case 'url': {
      if (raw.length > MAX_URL_LENGTH) return { ok: false, status: 414, message: 'URL is longer than 2000 characters' };
      const url = normaliseUrl(raw);
      return url === null ? bad('URL') : { ok: true, type, value: url.url };
    }
    case 'hash': {
      const hash = raw.trim().toLowerCase();
      return HASH.test(hash) ? { ok: true, type, value: hash } : bad('hash (expected MD5, SHA-1 or SHA-256)');
    }
  }
}

function unknownAnswer(type: LookupType, value: string): JsonObject {
  const general = emptyGeneral();
  const head: JsonObject = { Zone: 'Grey', RelatedObjects: { HasRedZone: false } };
  switch (type) {
    case 'ip':
      head.IpGeneralInfo = { Ip: value, HitsCount: 0, FirstSeen: null, ThreatScore: 0, CountryCode: null, Status: 'NoInfo', ...general };
      break;
    case 'domain':
      head.DomainGeneralInfo = { Domain: value, FilesCount: 0, UrlsCount: 0, HitsCount: 0, Ipv4Count: 0, ...general };
      break;
    case 'url':
      head.UrlGeneralInfo = { Url: value, Host: normaliseUrl(value)?.host ?? value, Ipv4Count: 0, FilesCount: 0, ...general };
      break;
    case 'hash': {
      const upper = value.toUpperCase();
      head.FileGeneralInfo = {
        Md5: value.length === 32 ? upper : null, Sha1: value.length === 40 ? upper : null, Sha256: value.length === 64 ? upper : null,
        FirstSeen: null, LastSeen: null, Signer: null, SignerZone: 'Grey', SignerStatus: null, Packer: null, Size: null, Type: null, HitsCount: 0,
        ...general,
      };
      break;
    }
  }
  head.Industries = [];
  return head;
}

function reservedAnswer(value: string): JsonObject | null {
  const ip = parseIp(value);
  const range = ip === null ? null : reservedRangeOf(ip);
  if (ip === null || range === null) return null;
  return {
    Zone: 'Grey',
    IpGeneralInfo: { Ip: ip.canonical, HitsCount: 0, FirstSeen: null, ThreatScore: 0, CountryCode: null, Status: 'Reserved', ...emptyGeneral() },
    IpWhoIs: {
      Net: { RangeStart: formatIp(range.version, range.start), RangeEnd: formatIp(range.version, rangeEnd(range)), Created: null, Changed: null, Name: range.name, Description: range.description },
      Asn: [],
      Contacts: [],
      Status: 'RESERVED',
    },
  };
}

function buildAnswer(world: World, type: LookupType, value: string): JsonObject {
  switch (type) {
    case 'ip': {
      const ip = world.ips.get(value);
      return ip !== undefined ? ipAnswer(ip) : (reservedAnswer(value) ?? unknownAnswer(type, value));
    }
    case 'domain': {
      const domain = world.domains.get(value);
      return domain !== undefined ? domainAnswer(world, domain) : unknownAnswer(type, value);
    }
    case 'url': {
      const url = world.urls.get(value);
      return url !== undefined ? urlAnswer(url) : unknownAnswer(type, value);
    }
    case 'hash': {
      const file = world.files.get(value);
      return file !== undefined ? fileAnswer(file) : unknownAnswer(type, value);
    }
  }
}

const MEMO_LIMIT = 20_000;
const memos = new WeakMap<World, Map<string, JsonObject>>();

/** Every section, lists untruncated, LicenseInfo excluded. Memoised: treat the result as read-only. */
export function fullAnswer(world: World, type: LookupType, value: string): JsonObject {
  let memo = memos.get(world);
  if (memo === undefined) {
    memo = new Map();
    memos.set(world, memo);
  }
  const key = `${type}:${value}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const answer = buildAnswer(world, type, value);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, answer);
  return answer;
}

/** Applies `sections` (undefined = all) and `count` to a full answer; LicenseInfo is not in it. */
export function shapeAnswer(full: JsonObject, sections: readonly string[] | undefined, count: number): JsonObject {
  const shaped: JsonObject = {};
  for (const [key, section] of Object.entries(full)) {
    if (sections !== undefined && !sections.includes(key)) continue;
    shaped[key] = Array.isArray(section) && !UNTRUNCATED_SECTIONS.has(key) && section.length > count
      ? (section.slice(0, count) as Json[])
      : section;
  }
  return shaped;
}

export interface AnswerOptions {
  /** Default DEFAULT_SEED. */
  seed?: Seed;
  /** Default 0, the world as generated (world-epoch.ts). */
  epoch?: number;
  /** Default DEFAULT_COUNT. */
  count?: number;
  /** Omitted or empty: every section. */
  sections?: readonly string[];
}

/**
 * The JSON body the server would send for `GET /api/{type}/{value}` (format=json), without a server
 * and without LicenseInfo (the server adds that per request): the value normalised as the server
 * does, then `count` and `sections` applied. A fresh copy, safe to change. Throws on a value the
 * server would answer 400 or 414.
 */
export function answerAt(type: LookupType, value: string, options: AnswerOptions = {}): JsonObject {
  const parsed = parseObject(type, value);
  if (!parsed.ok) throw new Error(`${parsed.status}: ${parsed.message}`);
  const world = createWorld(options.seed ?? DEFAULT_SEED, options.epoch ?? 0);
  const sections = options.sections !== undefined && options.sections.length > 0 ? options.sections : undefined;
  const shaped = shapeAnswer(fullAnswer(world, parsed.type, parsed.value), sections, options.count ?? DEFAULT_COUNT);
  // Through JSON, like the wire: the copy shares nothing with the memoised answer.
  return JSON.parse(JSON.stringify(shaped)) as JsonObject;
}
