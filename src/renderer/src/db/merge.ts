/**
 * Merging what one answer says of an entity or an edge into what the store already knows. Every
 * rule is order-free (latest by time, earliest/latest dates, sorted unions), so ingesting answers
 * in any order — or importing a case file into another database — gives the same rows.
 */
import type { Entity, Relation } from '@shared/graph/types';
import type { EntityRow, RelationRow } from './rows';

/** Lookups of the entity itself outrank mentions in a neighbour's answer made at the same moment. */
type Source = 'lookup' | 'neighbour';

const MAX_EDGE_URLS = 50;

function stamp(at: string, from: Source): string {
  return `${at}#${from === 'lookup' ? 1 : 0}`;
}

/** The earlier (or later) of two TIP dates, compared as instants; an unreadable one loses. */
function pickDate(a: string | undefined, b: string | undefined, later: boolean): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (Number.isNaN(ta)) return b;
  if (Number.isNaN(tb)) return a;
  // Equal instants written differently: the lexically smaller text, so the outcome is order-free.
  if (ta === tb) return a <= b === !later ? a : b;
  return ta < tb === !later ? a : b;
}

const earlier = (a: string | undefined, b: string | undefined) => pickDate(a, b, false);
const later = (a: string | undefined, b: string | undefined) => pickDate(a, b, true);

function minText(a: string, b: string): string {
  return a <= b ? a : b;
}

function maxText(a: string, b: string): string {
  return a >= b ? a : b;
}

function union(a: readonly string[] | undefined, b: readonly string[] | undefined, cap = Infinity): string[] {
  const all = new Set([...(a ?? []), ...(b ?? [])]);
  return [...all].sort().slice(0, cap);
}

/**
 * Whether an observation stamped `candidate` (with `value`) replaces the one stamped `current`.
 * Ties on the stamp are broken by the value itself, so the outcome never depends on order.
 */
function wins(candidate: string, value: string, current: string | undefined, currentValue: string | undefined): boolean {
  if (current === undefined) return true;
  if (candidate !== current) return candidate > current;
  return value > (currentValue ?? '');
}

export function mergeEntity(row: EntityRow | undefined, seen: Entity, at: string, from: Source): EntityRow {
  const next: EntityRow = row
    ? { ...row, aliases: [...row.aliases] }
    : { id: seen.id, type: seen.type, value: seen.value, aliases: [], firstObservedAt: at, lastObservedAt: at };
  next.firstObservedAt = minText(next.firstObservedAt, at);
  next.lastObservedAt = maxText(next.lastObservedAt, at);
  if (from === 'lookup') next.lookedUpAt = next.lookedUpAt === undefined ? at : maxText(next.lookedUpAt, at);
  if (seen.aliases?.length) next.aliases = union(next.aliases, seen.aliases);

  const mark = stamp(at, from);
  // Each verdict field follows the latest answer that gave it (by time; at the same moment a lookup
  // of the entity itself outranks a neighbour's mention).
  if (seen.zone !== undefined && wins(mark, seen.zone, next.zoneAt, next.zone)) {
    next.zone = seen.zone;
    next.zoneAt = mark;
    next.zoneFrom = from;
  }
  if (seen.threatScore !== undefined && wins(mark, String(seen.threatScore), next.threatScoreAt, String(next.threatScore))) {
    next.threatScore = seen.threatScore;
    next.threatScoreAt = mark;
  }
  // A lookup's own summary is richer than a neighbour's one-liner: any lookup outranks any mention.
  const summaryMark = `${from === 'lookup' ? 1 : 0}#${at}`;
  if (seen.summary !== undefined && wins(summaryMark, seen.summary, next.summaryAt, next.summary)) {
    next.summary = seen.summary;
    next.summaryAt = summaryMark;
  }
  next.firstSeen = earlier(next.firstSeen, seen.firstSeen);
  next.lastSeen = later(next.lastSeen, seen.lastSeen);
  if (next.firstSeen === undefined) delete next.firstSeen;
  if (next.lastSeen === undefined) delete next.lastSeen;
  return next;
}

export function mergeRelation(row: RelationRow | undefined, seen: Relation, lookupId: string, at: string): RelationRow {
  const next: RelationRow = row
    ? { ...row }
    : { id: seen.id, src: seen.src, dst: seen.dst, kind: seen.kind, sections: [], lookupIds: [], firstObservedAt: at, lastObservedAt: at };
  next.firstObservedAt = minText(next.firstObservedAt, at);
  next.lastObservedAt = maxText(next.lastObservedAt, at);
  next.lookupIds = union(next.lookupIds, [lookupId]);
  next.sections = union(next.sections, seen.sections);
  if (seen.urls?.length || next.urls?.length) next.urls = union(next.urls, seen.urls, MAX_EDGE_URLS);
  if (seen.hits !== undefined) next.hits = Math.max(next.hits ?? 0, seen.hits);
  const first = earlier(next.firstSeen, seen.firstSeen);
  const last = later(next.lastSeen, seen.lastSeen);
  if (first !== undefined) next.firstSeen = first;
  if (last !== undefined) next.lastSeen = last;
  return next;
}
