/**
 * The looked-up object ("seed"): its id, and for a JSON answer the facts its general section gives.
 * A file is named by its MD5 whatever hash it was looked up by, so a lookup by SHA-256 and one by
 * MD5 land on the same node; the other hashes become aliases.
 */
import type { LookupType } from '../tip/types';
import { normaliseDomain, normaliseHash, normaliseIp, normaliseUrl } from './normalise';
import { date, recordAt, score, text, type JsonRecord } from './read';
import type { EntityFacts } from './builder';
import { domainSummary, fileSummary, ipSummary, urlSummary } from './summary';

export const GENERAL_SECTION: Readonly<Record<LookupType, string>> = {
  ip: 'IpGeneralInfo',
  domain: 'DomainGeneralInfo',
  url: 'UrlGeneralInfo',
  hash: 'FileGeneralInfo',
};

export interface FileHashes {
  md5?: string;
  sha1?: string;
  sha256?: string;
}

/**
 * A file's value and aliases: its MD5; failing that the hash it was looked up by; failing that its
 * SHA-256 or SHA-1 (a file TIP names without MD5 still gets a node). Aliases are every other hash.
 */
export function fileIdentity(
  hashes: FileHashes,
  lookedUp?: string,
): { value: string; aliases: string[] } | undefined {
  const value = hashes.md5 ?? lookedUp ?? hashes.sha256 ?? hashes.sha1;
  if (value === undefined) return undefined;
  const aliases: string[] = [];
  for (const hash of [hashes.md5, hashes.sha1, hashes.sha256, lookedUp]) {
    if (hash !== undefined && hash !== value && !aliases.includes(hash)) aliases.push(hash);
  }
  return { value, aliases };
}

/** The looked-up value in its normal form, or undefined when it is not a value of that type. */
export function normaliseLookedUp(type: LookupType, value: unknown): string | undefined {
  switch (type) {
    case 'ip':
      return normaliseIp(value);
    case 'domain':
      return normaliseDomain(value);
    case 'url':
      return normaliseUrl(value);
    case 'hash':
      return normaliseHash(value);
  }
}

function fileHashesOf(general: JsonRecord | undefined): FileHashes {
  return {
    md5: normaliseHash(general?.Md5, 32),
    sha1: normaliseHash(general?.Sha1, 40),
    sha256: normaliseHash(general?.Sha256, 64),
  };
}

/**
 * The seed of a JSON answer, or undefined when neither the looked-up value nor the answer names it.
 * `body` is undefined for a 404 (null body) or a body that is not an object: the seed then carries
 * its id and nothing else.
 */
export function jsonSeed(type: LookupType, value: unknown, body: JsonRecord | undefined): EntityFacts | undefined {
  const general = recordAt(body, GENERAL_SECTION[type]);
  const lookedUp = normaliseLookedUp(type, value);
  let facts: EntityFacts | undefined;
  switch (type) {
    case 'ip': {
      const ip = lookedUp ?? normaliseIp(general?.Ip);
      facts = ip === undefined ? undefined : { type: 'ip', value: ip, summary: ipSummary(general) };
      break;
    }
    case 'domain': {
      const domain = lookedUp ?? normaliseDomain(general?.Domain);
      facts = domain === undefined ? undefined : { type: 'domain', value: domain, summary: domainSummary(general) };
      break;
    }
    case 'url': {
      const url = lookedUp ?? normaliseUrl(general?.Url);
      facts = url === undefined ? undefined : { type: 'url', value: url, summary: urlSummary(general) };
      break;
    }
    case 'hash': {
      // TIP answers for the file the hash names; when the looked-up hash matches none of Md5, Sha1
      // or Sha256 (a TIP quirk, or a hash collision in its index) its Md5 is still the file's name.
      const identity = fileIdentity(fileHashesOf(general), lookedUp);
      facts = identity === undefined
        ? undefined
        : { type: 'file', value: identity.value, aliases: identity.aliases, summary: fileSummary(general, body) };
      break;
    }
  }
  if (facts === undefined) return undefined;
  return {
    ...facts,
    zone: text(body?.Zone),
    threatScore: score(general?.ThreatScore),
    firstSeen: date(general?.FirstSeen),
    lastSeen: date(general?.LastSeen),
  };
}
