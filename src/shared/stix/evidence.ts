/**
 * What a set of lookups says about each object and edge, across answers: when each was first and
 * last seen (the lookups' `fetchedAt`), and the latest verdict. `relationsFromLookup` reads each
 * answer (JSON or STIX); this file only merges, so the export and the graph never disagree about
 * what an answer means.
 */
import { ENTITY_TYPES, relationsFromLookup, type Entity, type EntityType, type Relation } from '../graph/index';
import { LOOKUP_TYPES } from '../tip/types';
import type { StixLookup, TipZone } from './types';

/** Orders sightings: later `fetchedAt` first; then the object's own lookup over a neighbour's mention; then input order. */
export interface Rank {
  at: number;
  direct: boolean;
  order: number;
}

export function laterThan(a: Rank, b: Rank): boolean {
  if (a.at !== b.at) return a.at > b.at;
  if (a.direct !== b.direct) return a.direct;
  return a.order > b.order;
}

export interface Verdict extends Rank {
  zone: TipZone;
  threatScore?: number;
  summary?: string;
  firstSeen?: string;
  lastSeen?: string;
}

export interface SeenEntity {
  id: string;
  type: EntityType;
  value: string;
  /** Other hashes of a file, lower case. */
  aliases: string[];
  /** Earliest and latest `fetchedAt` (epoch ms) of the lookups that showed it. */
  first: number;
  last: number;
  /** Every answer that stated a zone for it, oldest first. */
  verdicts: Verdict[];
}

export interface SeenRelation {
  id: string;
  relation: Relation;
  rank: Rank;
  first: number;
  last: number;
}

export interface Evidence {
  entities: Map<string, SeenEntity>;
  relations: Map<string, SeenRelation>;
  /** Earliest and latest `fetchedAt` of the lookups used; ±Infinity when none was usable. */
  first: number;
  last: number;
  /** `type:value` of each usable lookup, as given. */
  seeds: string[];
}

const ZONES: readonly TipZone[] = ['Red', 'Orange', 'Yellow', 'Grey', 'Green'];

export function zoneOf(value: unknown): TipZone | undefined {
  if (typeof value !== 'string') return undefined;
  const lower = value.trim().toLowerCase();
  return ZONES.find((zone) => zone.toLowerCase() === lower) ?? (lower === 'gray' ? 'Grey' : undefined);
}

/** Milliseconds of an ISO-8601 time that STIX can write (years 0001–9999), else undefined. */
export function timeOf(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  return /^\d{4}-/.test(new Date(ms).toISOString()) ? ms : undefined;
}

function isEntity(value: unknown): value is Entity {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Partial<Entity>;
  return typeof e.id === 'string' && typeof e.value === 'string' && e.value !== '' && (ENTITY_TYPES as readonly unknown[]).includes(e.type);
}

function isRelation(value: unknown): value is Relation {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<Relation>;
  return typeof r.id === 'string' && typeof r.src === 'string' && typeof r.dst === 'string' && typeof r.kind === 'string';
}

interface Sighting<T> {
  item: T;
  rank: Rank;
}

/** One graph per usable lookup; a lookup with an unknown type or an unreadable `fetchedAt` is skipped. */
function readLookups(lookups: readonly unknown[]): { entities: Sighting<Entity>[]; relations: Sighting<Relation>[]; times: number[]; seeds: string[] } {
  const entities: Sighting<Entity>[] = [];
  const relations: Sighting<Relation>[] = [];
  const times: number[] = [];
  const seeds: string[] = [];
  lookups.forEach((raw, order) => {
    if (typeof raw !== 'object' || raw === null) return;
    const lookup = raw as Partial<StixLookup>;
    const at = timeOf(lookup.fetchedAt);
    const type = lookup.type;
    if (at === undefined || type === undefined || !LOOKUP_TYPES.includes(type) || typeof lookup.value !== 'string') return;
    let graph: { entities: unknown[]; relations: unknown[] };
    try {
      graph = relationsFromLookup(type, lookup.value, lookup.body);
    } catch {
      return; // The mapper promises not to throw; a lookup it cannot read is skipped, never fatal.
    }
    times.push(at);
    seeds.push(`${type}:${lookup.value}`);
    const seedType: EntityType = type === 'hash' ? 'file' : type;
    graph.entities.forEach((entity, index) => {
      // The looked-up object comes first; its own answer's verdict outranks a neighbour's mention.
      if (isEntity(entity)) entities.push({ item: entity, rank: { at, order, direct: index === 0 && entity.type === seedType } });
    });
    for (const relation of graph.relations) {
      if (isRelation(relation)) relations.push({ item: relation, rank: { at, order, direct: false } });
    }
  });
  return { entities, relations, times, seeds };
}

/**
 * A file met under two names (looked up by SHA-256 in a 404, named by MD5 elsewhere) is one file
 * when the names share a hash. Maps each file entity id to the id of the file it belongs to,
 * preferring the id named by an MD5 (the graph's own choice of name).
 */
function fileCanonicalIds(entities: readonly Entity[]): Map<string, string> {
  const files = entities.filter((e) => e.type === 'file');
  files.sort((a, b) => Number(b.value.length === 32) - Number(a.value.length === 32));
  const owner = new Map<string, string>();
  const canonical = new Map<string, string>();
  for (const file of files) {
    if (canonical.has(file.id)) continue;
    const names = [file.value, ...(file.aliases ?? [])];
    const known = names.map((name) => owner.get(name)).find((id) => id !== undefined);
    const id = known ?? file.id;
    canonical.set(file.id, id);
    for (const name of names) if (!owner.has(name)) owner.set(name, id);
  }
  return canonical;
}

export function collectEvidence(lookups: readonly unknown[]): Evidence {
  const read = readLookups(lookups);
  const canonical = fileCanonicalIds(read.entities.map((s) => s.item));
  const idOf = (id: string): string => canonical.get(id) ?? id;

  const entities = new Map<string, SeenEntity>();
  // Canonical files first, so a merged file keeps its MD5 name whatever order the answers came in.
  const isCanonical = (s: Sighting<Entity>): boolean => idOf(s.item.id) === s.item.id;
  const ordered = [...read.entities.filter(isCanonical), ...read.entities.filter((s) => !isCanonical(s))];
  for (const { item, rank } of ordered) {
    const id = idOf(item.id);
    let seen = entities.get(id);
    if (seen === undefined) {
      seen = { id, type: item.type, value: item.value, aliases: [], first: rank.at, last: rank.at, verdicts: [] };
      entities.set(id, seen);
    }
    seen.first = Math.min(seen.first, rank.at);
    seen.last = Math.max(seen.last, rank.at);
    for (const alias of [item.value, ...(item.aliases ?? [])]) {
      if (alias !== seen.value && !seen.aliases.includes(alias)) seen.aliases.push(alias);
    }
    const zone = zoneOf(item.zone);
    if (zone !== undefined) {
      seen.verdicts.push({ ...rank, zone, threatScore: item.threatScore, summary: item.summary, firstSeen: item.firstSeen, lastSeen: item.lastSeen });
    }
  }
  for (const seen of entities.values()) seen.verdicts.sort((a, b) => (laterThan(a, b) ? 1 : laterThan(b, a) ? -1 : 0));

  const relations = new Map<string, SeenRelation>();
  for (const { item, rank } of read.relations) {
    const src = idOf(item.src);
    const dst = idOf(item.dst);
    if (src === dst || !entities.has(src) || !entities.has(dst)) continue;
    const id = `${src}|${item.kind}|${dst}`;
    const relation = { ...item, id, src, dst };
    const seen = relations.get(id);
    if (seen === undefined) {
      relations.set(id, { id, relation, rank, first: rank.at, last: rank.at });
      continue;
    }
    seen.first = Math.min(seen.first, rank.at);
    seen.last = Math.max(seen.last, rank.at);
    if (laterThan(rank, seen.rank)) {
      seen.relation = relation;
      seen.rank = rank;
    }
  }
  return {
    entities,
    relations,
    first: read.times.reduce((a, b) => Math.min(a, b), Infinity),
    last: read.times.reduce((a, b) => Math.max(a, b), -Infinity),
    seeds: read.seeds,
  };
}
