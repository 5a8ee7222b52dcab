/**
 * STIX 2.1 pieces the graph reads: cyber observables (SCOs) as entities, indicator patterns as the
 * objects they name, and relationships as relation kinds. Shapes follow the STIX 2.1 specification
 * (sections 6 and 9), not one producer's output: TIP does not document its STIX (REFERENCE.md).
 */
import type { EntityFacts } from './builder';
import { normaliseDomain, normaliseHash, normaliseIp, normaliseUrl } from './normalise';
import { isRecord, score, text, type JsonRecord } from './read';
import { fileIdentity, type FileHashes } from './seed';
import type { EntityType, RelationKind } from './types';

export interface Observable {
  facts: EntityFacts;
  /** A file's hashes, lower case (to find it by any of them); empty for other types. */
  hashes: string[];
}

/**
 * STIX hash keys are a vocabulary (`MD5`, `SHA-1`, `SHA-256`) but producers also write `md5`,
 * `SHA256`, `sha_256`: compare them without case or punctuation.
 */
function hashKind(key: string): keyof FileHashes | undefined {
  const bare = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  return bare === 'md5' ? 'md5' : bare === 'sha1' ? 'sha1' : bare === 'sha256' ? 'sha256' : undefined;
}

const HASH_DIGITS = { md5: 32, sha1: 40, sha256: 64 } as const;

export function fileHashes(hashes: unknown): FileHashes {
  const found: FileHashes = {};
  if (!isRecord(hashes)) return found;
  for (const [key, raw] of Object.entries(hashes)) {
    const kind = hashKind(key);
    if (kind === undefined || found[kind] !== undefined) continue;
    found[kind] = normaliseHash(raw, HASH_DIGITS[kind]);
  }
  return found;
}

/** An SCO as an entity, or undefined for another object type or a value that does not validate. */
export function observableOf(object: JsonRecord): Observable | undefined {
  // Custom properties a producer may put on the observable itself (the demo service puts them on
  // indicators); read both so the zone is kept wherever it was written.
  const extra = { zone: text(object.x_tip_zone), threatScore: score(object.x_tip_threat_score) };
  let facts: EntityFacts | undefined;
  let hashes: string[] = [];
  switch (object.type) {
    case 'domain-name': {
      const value = normaliseDomain(object.value);
      if (value !== undefined) facts = { type: 'domain', value };
      break;
    }
    case 'ipv4-addr':
    case 'ipv6-addr': {
      // A CIDR block (`192.0.2.0/24`, allowed by the spec) is not one address: it does not validate.
      const value = normaliseIp(object.value);
      if (value !== undefined) facts = { type: 'ip', value };
      break;
    }
    case 'url': {
      const value = normaliseUrl(object.value);
      if (value !== undefined) facts = { type: 'url', value };
      break;
    }
    case 'file': {
      const found = fileHashes(object.hashes);
      const identity = fileIdentity(found);
      if (identity !== undefined) facts = { type: 'file', value: identity.value, aliases: identity.aliases };
      hashes = [found.md5, found.sha1, found.sha256].filter((h): h is string => h !== undefined);
      break;
    }
    default:
      return undefined;
  }
  return facts === undefined ? undefined : { facts: { ...facts, ...extra }, hashes };
}

/** What one comparison of an indicator pattern names. */
export type PatternTarget = { type: Exclude<EntityType, 'file'>; value: string } | { type: 'file'; hash: string };

const MAX_PATTERN_LENGTH = 10_000;
// `<object-type>:<path> = '<literal>'`; the path holds no spaces (`hashes.'SHA-256'` included).
const COMPARISON = /([a-z0-9-]+):([^\s=!<>]+)\s*=\s*'((?:[^'\\]|\\.)*)'/gi;

/** The objects an indicator's STIX pattern compares for equality (other operators name nothing exact). */
export function patternTargets(pattern: unknown): PatternTarget[] {
  if (typeof pattern !== 'string' || pattern.length > MAX_PATTERN_LENGTH) return [];
  const targets: PatternTarget[] = [];
  for (const match of pattern.matchAll(COMPARISON)) {
    const objectType = (match[1] ?? '').toLowerCase();
    const path = match[2] ?? '';
    const literal = (match[3] ?? '').replace(/\\(.)/g, '$1');
    const target = targetOf(objectType, path, literal);
    if (target !== undefined) targets.push(target);
  }
  return targets;
}

function targetOf(objectType: string, path: string, literal: string): PatternTarget | undefined {
  if (objectType === 'file') {
    const hash = /^hashes\./i.test(path) ? normaliseHash(literal) : undefined;
    return hash === undefined ? undefined : { type: 'file', hash };
  }
  if (path !== 'value') return undefined;
  if (objectType === 'ipv4-addr' || objectType === 'ipv6-addr') return entityTarget('ip', normaliseIp(literal));
  if (objectType === 'domain-name') return entityTarget('domain', normaliseDomain(literal));
  if (objectType === 'url') return entityTarget('url', normaliseUrl(literal));
  return undefined;
}

function entityTarget(type: Exclude<EntityType, 'file'>, value: string | undefined): PatternTarget | undefined {
  return value === undefined ? undefined : { type, value };
}

/** `downloaded_from`, `Downloaded-From`, `downloaded from` → `downloaded from`. */
function words(value: unknown): string | undefined {
  const written = text(value);
  return written?.toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ');
}

const PHRASES: readonly (readonly [RegExp, RelationKind])[] = [
  [/\bdownloaded from\b/, 'downloaded_from'],
  [/\bcontacted\b/, 'contacted'],
  [/\bon host\b/, 'on_host'],
  [/\bresolves to\b/, 'resolves_to'],
];

/** The one kind a phrase names; none when it names none or several (then it is not ours to guess). */
function kindNamed(phrase: string | undefined): RelationKind | undefined {
  if (phrase === undefined) return undefined;
  const kinds = PHRASES.filter(([re]) => re.test(phrase)).map(([, kind]) => kind);
  return kinds.length === 1 ? kinds[0] : undefined;
}

/**
 * `resolves-to` is the spec's own type. The spec has none for downloads, contacts or hosting, so a
 * producer writes `related-to` and says which in `description` or a custom property; a custom
 * relationship type that names a kind (`downloaded-from`) is read the same way.
 */
export function relationKindOf(relationship: JsonRecord): RelationKind | undefined {
  const type = words(relationship.relationship_type);
  if (type === 'resolves to') return 'resolves_to';
  if (type !== 'related to') return kindNamed(type);
  for (const key of ['x_tip_kind', 'x_tip_relation', 'description']) {
    const kind = kindNamed(words(relationship[key]));
    if (kind !== undefined) return kind;
  }
  return undefined;
}
