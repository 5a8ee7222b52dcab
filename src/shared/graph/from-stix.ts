/**
 * A `format=stix` answer (a STIX 2.1 bundle) → the same entities and relations a JSON answer gives:
 * observables become entities, `resolves-to` and the `related-to` relationships that name a kind
 * become relations, turned to the kind's direction (types.ts) when the producer drew them the other
 * way; relationships of other kinds ("hosted on", "started", "subdomain of") draw nothing, as their
 * JSON sections draw nothing. An indicator's custom `x_tip_zone` / `x_tip_threat_score` colours the
 * object its pattern names; `indicator_types` alone is not a zone (malicious-activity is not
 * necessarily Red), so without `x_tip_zone` the zone stays unset.
 */
import type { LookupType } from '../tip/types';
import { fitsKind, type EntityFacts, type GraphBuilder } from './builder';
import { urlWithoutScheme } from './normalise';
import { date, isRecord, score, text, type JsonRecord } from './read';
import { fileIdentity, normaliseLookedUp } from './seed';
import { observableOf, patternTargets, relationKindOf, type Observable, type PatternTarget } from './stix-objects';
import { entityId, type Entity } from './types';

/** The section name STIX relations carry: a bundle has no sections, this says where the edge came from. */
export const STIX_SECTION = 'stix';

export function isStixBundle(body: unknown): body is JsonRecord {
  return isRecord(body) && body.type === 'bundle';
}

interface Sorted {
  observables: { stixId: string | undefined; observable: Observable }[];
  indicators: JsonRecord[];
  relationships: JsonRecord[];
}

function sortObjects(bundle: JsonRecord): Sorted {
  const sorted: Sorted = { observables: [], indicators: [], relationships: [] };
  const objects: unknown[] = Array.isArray(bundle.objects) ? bundle.objects : [];
  for (const object of objects) {
    if (!isRecord(object)) continue;
    if (object.type === 'indicator') sorted.indicators.push(object);
    else if (object.type === 'relationship') sorted.relationships.push(object);
    else {
      const observable = observableOf(object);
      if (observable !== undefined) sorted.observables.push({ stixId: text(object.id), observable });
    }
  }
  return sorted;
}

/** A URL and the same URL written with a scheme are one object (TIP lists URLs without one). */
function sameUrl(a: string, b: string): boolean {
  if (a === b) return true;
  const bareA = urlWithoutScheme(a);
  const bareB = urlWithoutScheme(b);
  return (bareA === a || bareB === b) && bareA === bareB;
}

interface Seed {
  facts: EntityFacts;
  /** True for the bundle's own observable of the looked-up object. */
  matches: (observable: Observable) => boolean;
}

/** The seed: the looked-up value (a file named by the MD5 its observable gives). */
function findSeed(type: LookupType, value: string, observables: Sorted['observables']): Seed | undefined {
  const lookedUp = normaliseLookedUp(type, value);
  if (lookedUp === undefined) return undefined;
  let facts: EntityFacts = { type: type === 'hash' ? 'file' : type, value: lookedUp };
  let matches = (_: Observable): boolean => false;
  if (type === 'hash') {
    matches = (o) => o.hashes.includes(lookedUp);
    const own = observables.find(({ observable }) => matches(observable))?.observable;
    const identity = own === undefined ? undefined : fileIdentity(hashesOf(own), lookedUp);
    if (identity !== undefined) facts = { type: 'file', value: identity.value, aliases: identity.aliases };
  } else if (type === 'url') {
    matches = (o) => o.facts.type === 'url' && sameUrl(o.facts.value, lookedUp);
  } else {
    matches = (o) => o.facts.type === facts.type && o.facts.value === lookedUp;
  }
  return { facts, matches };
}

function hashesOf(observable: Observable): { md5?: string; sha1?: string; sha256?: string } {
  const byLength = (n: number): string | undefined => observable.hashes.find((h) => h.length === n);
  return { md5: byLength(32), sha1: byLength(40), sha256: byLength(64) };
}

export function mapStixBundle(graph: GraphBuilder, type: LookupType, value: string, bundle: JsonRecord): void {
  const { observables, indicators, relationships } = sortObjects(bundle);
  const seed = findSeed(type, value, observables);
  const seedEntity = seed === undefined ? undefined : graph.addEntity(seed.facts);

  const byStixId = new Map<string, Entity>();
  const byHash = new Map<string, Entity>();
  const byBareUrl = new Map<string, Entity>();
  const remember = (entity: Entity, hashes: readonly string[]): void => {
    for (const hash of [entity.value, ...(entity.aliases ?? []), ...hashes]) {
      if (entity.type === 'file' && !byHash.has(hash)) byHash.set(hash, entity);
    }
    if (entity.type === 'url' && !byBareUrl.has(urlWithoutScheme(entity.value))) {
      byBareUrl.set(urlWithoutScheme(entity.value), entity);
    }
  };
  if (seedEntity !== undefined) remember(seedEntity, []);

  for (const { stixId, observable } of observables) {
    const isSeed = seed !== undefined && seedEntity !== undefined && seed.matches(observable);
    // The seed's own observable merges into the seed, whatever spelling the bundle used for it.
    const facts = isSeed ? { ...observable.facts, type: seedEntity.type, value: seedEntity.value } : observable.facts;
    const entity = graph.addEntity(facts);
    remember(entity, observable.hashes);
    if (stixId !== undefined && !byStixId.has(stixId)) byStixId.set(stixId, entity);
  }

  const resolve = (target: PatternTarget): Entity | undefined => {
    if (target.type === 'file') return byHash.get(target.hash);
    if (target.type === 'url') return byBareUrl.get(urlWithoutScheme(target.value));
    return graph.get(entityId(target.type, target.value));
  };
  for (const indicator of indicators) colour(graph, indicator, resolve);

  for (const relationship of relationships) {
    const kind = relationKindOf(relationship);
    const source = byStixId.get(text(relationship.source_ref) ?? '');
    const target = byStixId.get(text(relationship.target_ref) ?? '');
    if (kind === undefined || source === undefined || target === undefined) continue;
    const evidence = {
      section: STIX_SECTION,
      firstSeen: date(relationship.start_time),
      lastSeen: date(relationship.stop_time),
    };
    if (fitsKind(kind, source.type, target.type)) graph.addRelation(source, kind, target, evidence);
    else if (fitsKind(kind, target.type, source.type)) graph.addRelation(target, kind, source, evidence);
  }
}

/**
 * Gives an indicator's zone and score to the one object its pattern names (a pattern that names
 * several objects says nothing about any single one). Only objects present as observables.
 */
function colour(graph: GraphBuilder, indicator: JsonRecord, resolve: (t: PatternTarget) => Entity | undefined): void {
  const zone = text(indicator.x_tip_zone);
  const threatScore = score(indicator.x_tip_threat_score);
  if (zone === undefined && threatScore === undefined) return;
  let named: Entity | undefined;
  for (const target of patternTargets(indicator.pattern)) {
    const entity = resolve(target);
    if (entity === undefined || (named !== undefined && named !== entity)) return;
    named = entity;
  }
  if (named !== undefined) graph.addEntity({ type: named.type, value: named.value, zone, threatScore });
}
