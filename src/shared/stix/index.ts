/**
 * `lookupsToStixBundle`: stored TIP answers → one STIX 2.1 bundle for OpenCTI, MISP and the like.
 * A public seam (ARCHITECTURE.md, "Seams that outside checks use"): keep its name and shape. The
 * case export and `tipwb case stix` both use it.
 *
 * Pure and total: no Node, DOM or Electron import; it never throws on a malformed answer — what it
 * cannot read it leaves out. Deterministic: the same lookups give the same bytes, and the same
 * object keeps its id across exports while its content follows the latest answer (`modified` moves
 * on), so importers update rather than duplicate.
 */
import type { EntityType } from '../graph/index';
import { collectEvidence, laterThan, type Rank, type SeenEntity, type Verdict } from './evidence';
import { observableOf, type Observable } from './observables';
import {
  basedOnObject,
  edgeObject,
  extensionDefinitionObject,
  groupingObject,
  identityObject,
  indicatorObject,
  stamp,
  type EdgeInput,
} from './objects';
import { FLAGGED_ZONES, type StixBundle, type StixBundleOptions, type StixLookup, type StixObject } from './types';
import { workbenchId } from './uuid';

export type { StixBundle, StixBundleOptions, StixLookup, StixObject } from './types';

export const DEFAULT_GROUPING_NAME = 'TIP Workbench lookups';

const NOUNS: Record<EntityType, string> = { ip: 'IP address', domain: 'domain', url: 'web address', file: 'file' };

/** Entities that are one observable (a URL written with and without `http://`) are merged. */
interface ObservableGroup {
  observable: Observable;
  type: EntityType;
  first: number;
  last: number;
  verdicts: Verdict[];
}

function groupObservables(entities: Iterable<SeenEntity>): { groups: Map<string, ObservableGroup>; scoOf: Map<string, string> } {
  const groups = new Map<string, ObservableGroup>();
  const scoOf = new Map<string, string>();
  for (const entity of entities) {
    const observable = observableOf(entity);
    if (observable === undefined) continue;
    const id = observable.object.id;
    scoOf.set(entity.id, id);
    const group = groups.get(id);
    if (group === undefined) {
      groups.set(id, { observable, type: entity.type, first: entity.first, last: entity.last, verdicts: [...entity.verdicts] });
      continue;
    }
    group.first = Math.min(group.first, entity.first);
    group.last = Math.max(group.last, entity.last);
    group.verdicts.push(...entity.verdicts);
    group.verdicts.sort((a, b) => (laterThan(a, b) ? 1 : laterThan(b, a) ? -1 : 0));
  }
  return { groups, scoOf };
}

/** When the current run of Red/Orange/Yellow verdicts began: the indicator is valid from then. */
function flaggedSince(verdicts: readonly Verdict[]): number | undefined {
  let since: number | undefined;
  for (let i = verdicts.length - 1; i >= 0; i -= 1) {
    const verdict = verdicts[i];
    if (verdict === undefined || !FLAGGED_ZONES.includes(verdict.zone)) break;
    since = verdict.at;
  }
  return since;
}

function valueOf(object: StixObject): string {
  if (typeof object.value === 'string') return object.value;
  const hashes = object.hashes as Record<string, string> | undefined;
  return hashes?.MD5 ?? hashes?.['SHA-1'] ?? hashes?.['SHA-256'] ?? Object.values(hashes ?? {})[0] ?? object.id;
}

/**
 * One bundle: the workbench identity (`created_by_ref` of every SDO/SRO), the extension definition of
 * the custom properties, an observable per object, an indicator (+ `based-on` to its observable) for
 * each object whose latest verdict is Red, Orange or Yellow, a relationship per graph edge, and a
 * grouping that names the set and refers to every other object.
 */
export function lookupsToStixBundle(lookups: readonly StixLookup[], options: StixBundleOptions = {}): StixBundle {
  const evidence = collectEvidence(Array.isArray(lookups) ? lookups : []);
  const { groups, scoOf } = groupObservables(evidence.entities.values());

  const observables: StixObject[] = [];
  const indicators: StixObject[] = [];
  const basedOn: StixObject[] = [];
  for (const group of groups.values()) {
    const { observable } = group;
    observables.push(observable.object);
    const verdict = group.verdicts.at(-1);
    const validFrom = flaggedSince(group.verdicts);
    // A Green or Grey object is an observable only: never a detection rule.
    if (verdict === undefined || validFrom === undefined) continue;
    const indicator = indicatorObject(workbenchId('indicator', observable.object.id), {
      kind: group.type,
      value: valueOf(observable.object),
      pattern: observable.pattern,
      verdict,
      first: group.first,
      last: group.last,
      validFrom,
    });
    indicators.push(indicator);
    basedOn.push(basedOnObject(indicator, observable.object.id));
  }

  const label = (object: StixObject): string => `${NOUNS[groups.get(object.id)?.type ?? 'ip']} ${valueOf(object)}`;
  const edges = new Map<string, { edge: EdgeInput; rank: Rank }>();
  for (const seen of evidence.relations.values()) {
    const source = scoOf.get(seen.relation.src);
    const target = scoOf.get(seen.relation.dst);
    const sourceObject = source === undefined ? undefined : groups.get(source)?.observable.object;
    const targetObject = target === undefined ? undefined : groups.get(target)?.observable.object;
    if (sourceObject === undefined || targetObject === undefined || sourceObject.id === targetObject.id) continue;
    const key = `${seen.relation.kind}\n${sourceObject.id}\n${targetObject.id}`;
    const known = edges.get(key);
    const { relation } = seen;
    const edge: EdgeInput = {
      kind: relation.kind,
      source: { id: sourceObject.id, label: label(sourceObject) },
      target: { id: targetObject.id, label: label(targetObject) },
      hits: relation.hits,
      firstSeen: relation.firstSeen,
      lastSeen: relation.lastSeen,
      urls: relation.urls,
      first: Math.min(seen.first, known?.edge.first ?? Infinity),
      last: Math.max(seen.last, known?.edge.last ?? -Infinity),
    };
    // Two graph edges that are one STIX edge (a URL with and without http://): the latest evidence speaks.
    if (known === undefined || laterThan(seen.rank, known.rank)) edges.set(key, { edge, rank: seen.rank });
    else Object.assign(known.edge, { first: edge.first, last: edge.last });
  }
  const relationships = [...edges.values()].map(({ edge }) => edgeObject(edge));

  const members = [identityObject(), extensionDefinitionObject(), ...observables, ...indicators, ...basedOn, ...relationships];
  // Callers outside TypeScript may pass null or anything else: read only what is a usable string.
  const given: Partial<StixBundleOptions> = typeof options === 'object' && options !== null ? options : {};
  const name = typeof given.name === 'string' && given.name.trim() !== '' ? given.name : DEFAULT_GROUPING_NAME;
  const description = typeof given.description === 'string' && given.description.trim() !== '' ? given.description : undefined;
  const anyLookup = Number.isFinite(evidence.first);
  const grouping = groupingObject({
    name,
    description,
    key: `${name}\n${[...new Set(evidence.seeds)].sort().join('\n')}`,
    flagged: indicators.length > 0,
    created: anyLookup ? stamp(evidence.first) : (members[0]?.created as string),
    modified: anyLookup ? stamp(evidence.last) : (members[0]?.modified as string),
    objectRefs: members.map((object) => object.id),
  });
  const objects = [...members, grouping];
  const fingerprint = objects.map((object) => `${object.id} ${String(object.modified ?? '')}`).join('\n');
  return { type: 'bundle', id: workbenchId('bundle', fingerprint), objects };
}
