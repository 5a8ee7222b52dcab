/**
 * What a TIP answer teaches about the world, as nodes and edges. `relationsFromLookup` (index.ts)
 * derives them from one answer; the renderer's store merges them across answers. Ids are public
 * (ARCHITECTURE.md): an entity is `<type>:<value>`, a relation `<src>|<kind>|<dst>`.
 */

export const ENTITY_TYPES = ['ip', 'domain', 'url', 'file'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const RELATION_KINDS = ['resolves_to', 'downloaded_from', 'contacted', 'on_host'] as const;
/**
 * Direction: `resolves_to` domain → ip; `downloaded_from` file → ip | domain | url;
 * `contacted` file → domain; `on_host` url → domain | ip.
 */
export type RelationKind = (typeof RELATION_KINDS)[number];

export interface Entity {
  /** `<type>:<value>`, e.g. `domain:bad.example.com`, `file:<lower-case md5>`. */
  id: string;
  type: EntityType;
  /**
   * Normalised: an IPv4 address in dotted quad, IPv6 in RFC 5952 form, a domain in lower case
   * (A-labels), a URL with its scheme and host in lower case (the rest as TIP wrote it), a file as
   * its lower-case MD5 (or, when the answer names no MD5, the lower-case hash it was looked up by).
   */
  value: string;
  /** TIP's zone for this object as this answer states it (`Red`, `Orange`, `Yellow`, `Grey`, `Green`). */
  zone?: string;
  /** 0–100, where the answer gives one. */
  threatScore?: number;
  /** Other names of the same object: a file's SHA-1 and SHA-256, lower case. */
  aliases?: string[];
  /** When TIP first / last saw the object, as ISO-8601 text (as the answer gives it). */
  firstSeen?: string;
  lastSeen?: string;
  /** A short line for lists and tooltips (country, categories, detection name …), ≤ 120 characters. */
  summary?: string;
}

export interface Relation {
  /** `<src>|<kind>|<dst>`. */
  id: string;
  src: string;
  dst: string;
  kind: RelationKind;
  /** Hits TIP counted for this link (HitsCount, DownloadHitsCount, AccessHitsCount); duplicates merged by max. */
  hits?: number;
  firstSeen?: string;
  lastSeen?: string;
  /** Download / access URLs seen on this edge, de-duplicated, in order of appearance. */
  urls?: string[];
  /** The answer sections that showed this edge, e.g. `IpDnsResolutions`. */
  sections: string[];
}

export interface LookupGraph {
  /** The object looked up comes first (when the answer names it), then its neighbours. */
  entities: Entity[];
  relations: Relation[];
}

export function entityId(type: EntityType, value: string): string {
  return `${type}:${value}`;
}

export function relationId(src: string, kind: RelationKind, dst: string): string {
  return `${src}|${kind}|${dst}`;
}
