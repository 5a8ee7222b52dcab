/**
 * Which neighbours an expansion adds, and which it folds into group nodes. One TIP answer can name
 * a thousand domains for one IP; drawing them all buries the graph, so a fan above the threshold
 * becomes one group node ("+975 resolutions") that the analyst opens fully, in pages or by filter.
 * Pure: the store passes the relations and the case's node ids, and writes what comes back.
 */
import { groupNodeId, isGroupNodeId, parseGroupNodeId, type GroupKey } from '@shared/graph/group-id';
import { isRecord } from '@shared/graph/read';
import { RELATION_KINDS, type RelationKind } from '@shared/graph/types';
import type { LookupType } from '@shared/tip/types';
import type { LookupRow, RelationRow } from '../db/rows';
import type { GroupDirection, GroupInfo } from './types';

/** The setting's default: more new neighbours of one kind than this become a group. */
export const DEFAULT_GROUP_THRESHOLD = 25;
/** TIP's maximum records per list section when the request names no `count` (REFERENCE.md). */
export const TIP_DEFAULT_COUNT = 1000;

export const groupId = groupNodeId;
export const parseGroupId = parseGroupNodeId;
export const isGroupId = isGroupNodeId;

/** `<kind>|<direction>`, the key of `truncatedKinds`. */
export function kindKey(kind: RelationKind, direction: GroupDirection): string {
  return `${kind}|${direction}`;
}

/** The value part of an entity id `<type>:<value>`. */
export function valueOfEntityId(id: string): string {
  return id.slice(id.indexOf(':') + 1);
}

interface Neighbour {
  id: string;
  hits: number;
}

/** Most hits first (the links TIP saw most are the ones worth drawing first), then by id. */
function byHitsThenId(a: Neighbour, b: Neighbour): number {
  if (a.hits !== b.hits) return b.hits - a.hits;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The neighbours of `entityId` in `relations`, bucketed by `<kind>|<direction>`, each bucket sorted. */
function bucketsOf(entityId: string, relations: readonly RelationRow[]): Map<string, Neighbour[]> {
  const buckets = new Map<string, Neighbour[]>();
  const push = (key: string, id: string, hits: number | undefined): void => {
    let bucket = buckets.get(key);
    if (bucket === undefined) buckets.set(key, (bucket = []));
    bucket.push({ id, hits: hits ?? -1 });
  };
  for (const relation of relations) {
    if (relation.src === relation.dst) continue;
    if (relation.dst === entityId) push(kindKey(relation.kind, 'in'), relation.src, relation.hits);
    else if (relation.src === entityId) push(kindKey(relation.kind, 'out'), relation.dst, relation.hits);
  }
  for (const bucket of buckets.values()) bucket.sort(byHitsThenId);
  return buckets;
}

/** Buckets in a fixed order (kinds as RELATION_KINDS lists them, `in` before `out`), so plans are stable. */
const BUCKET_ORDER = RELATION_KINDS.flatMap((kind) => [kindKey(kind, 'in'), kindKey(kind, 'out')]);

export interface ExpansionInput {
  entityId: string;
  /** Relations touching `entityId` (others are ignored). */
  relations: readonly RelationRow[];
  /** Ids of the case's nodes, entities and groups. */
  inCase: ReadonlySet<string>;
  threshold: number;
  /** `<kind>|<direction>` of the lists a `count` cut in the entity's answer (`truncatedKindsOf`). */
  truncatedKinds?: ReadonlySet<string>;
}

export interface PlannedGroup extends GroupInfo {
  id: string;
}

export interface ExpansionPlan {
  /** Neighbours to add one by one, in bucket order, most hits first; each once. */
  entityIds: string[];
  /** Group nodes to add, one per bucket too big to draw. */
  groups: PlannedGroup[];
}

export function planExpansion(input: ExpansionInput): ExpansionPlan {
  const threshold = Number.isNaN(input.threshold) ? DEFAULT_GROUP_THRESHOLD : Math.max(0, Math.floor(input.threshold));
  const buckets = bucketsOf(input.entityId, input.relations);
  const added = new Set<string>();
  const groups: PlannedGroup[] = [];
  for (const key of BUCKET_ORDER) {
    const bucket = buckets.get(key);
    if (bucket === undefined) continue;
    const missing = bucket.filter((n) => !input.inCase.has(n.id));
    if (missing.length === 0) continue;
    if (missing.length <= threshold) {
      for (const n of missing) added.add(n.id);
      continue;
    }
    const [kind, direction] = key.split('|') as [RelationKind, GroupDirection];
    const id = groupId(input.entityId, kind, direction);
    if (input.inCase.has(id)) continue;
    groups.push({
      id,
      parent: input.entityId,
      kind,
      direction,
      total: bucket.length,
      remaining: missing.length,
      truncated: input.truncatedKinds?.has(key) ?? false,
    });
  }
  return { entityIds: [...added], groups };
}

/** Every neighbour a group stands for (in the case or not): most hits first, then by id. */
export function groupMembers(id: string, relations: readonly RelationRow[]): string[] {
  const group = parseGroupId(id);
  if (group === null) return [];
  return membersOf(group, relations);
}

function membersOf(group: GroupKey, relations: readonly RelationRow[]): string[] {
  const members: Neighbour[] = [];
  for (const relation of relations) {
    if (relation.kind !== group.kind) continue;
    if (group.direction === 'in' ? relation.dst !== group.parent : relation.src !== group.parent) continue;
    members.push({ id: group.direction === 'in' ? relation.src : relation.dst, hits: relation.hits ?? -1 });
  }
  return members.sort(byHitsThenId).map((n) => n.id);
}

export interface GroupPageRequest {
  offset: number;
  limit: number;
  /** Plain text, matched case-insensitively anywhere in the member's value; blank matches all. */
  filter?: string;
}

export interface GroupPage {
  /** Members not yet in the case that match, from `offset`, at most `limit`. */
  entityIds: string[];
  /** Members not yet in the case that match the filter (what paging runs over). */
  matching: number;
  /** Every member of the group. */
  total: number;
}

/**
 * A page of the members still folded in the group. Members already in the case are left out before
 * paging, so once a page is added the next one is again at offset 0; `offset` is for browsing.
 */
export function pageOfGroup(id: string, relations: readonly RelationRow[], inCase: ReadonlySet<string>, request: GroupPageRequest): GroupPage {
  const members = groupMembers(id, relations);
  const needle = (request.filter ?? '').trim().toLowerCase();
  const candidates = members.filter(
    (member) => !inCase.has(member) && (needle === '' || valueOfEntityId(member).toLowerCase().includes(needle)),
  );
  const offset = Math.max(0, Math.floor(request.offset));
  const limit = Math.max(0, Math.floor(request.limit));
  return { entityIds: candidates.slice(offset, offset + limit), matching: candidates.length, total: members.length };
}

/**
 * The list sections a `count` cut: as many records as were asked for (or, with no `count`, TIP's
 * default maximum), so TIP may know more than the answer holds. A STIX answer or a 404 has no
 * JSON sections and gives an empty set.
 */
export function cutSections(lookup: Pick<LookupRow, 'params' | 'body'>): Set<string> {
  const cut = new Set<string>();
  if (!isRecord(lookup.body)) return cut;
  for (const [section, value] of Object.entries(lookup.body)) {
    if (isCutList(value, lookup.params.count)) cut.add(section);
  }
  return cut;
}

function isCutList(value: unknown, count: number | undefined): boolean {
  return Array.isArray(value) && value.length > 0 && value.length >= (count ?? TIP_DEFAULT_COUNT);
}

/**
 * Which edges of the looked-up entity each list section draws (REFERENCE.md, "Relations the graph
 * draws"). A url answer's DomainDnsResolutions belong to its host, not to the url, so they are not
 * the url's groups.
 */
export const EDGE_SECTIONS: Readonly<Record<LookupType, Readonly<Record<string, { kind: RelationKind; direction: GroupDirection }>>>> = {
  ip: {
    IpDnsResolutions: { kind: 'resolves_to', direction: 'in' },
    FilesDownloadedFromIp: { kind: 'downloaded_from', direction: 'in' },
  },
  domain: {
    DomainDnsResolutions: { kind: 'resolves_to', direction: 'out' },
    FilesDownloaded: { kind: 'downloaded_from', direction: 'in' },
    FilesAccessed: { kind: 'contacted', direction: 'in' },
  },
  url: {
    FilesDownloaded: { kind: 'downloaded_from', direction: 'in' },
  },
  hash: {
    FileDownloadedFromUrls: { kind: 'downloaded_from', direction: 'out' },
    FileAccessedUrls: { kind: 'contacted', direction: 'out' },
  },
};

/** `<kind>|<direction>` of the looked-up entity's lists that `count` cut: `planExpansion`'s `truncatedKinds`. */
export function truncatedKindsOf(lookup: Pick<LookupRow, 'type' | 'params' | 'body'>): Set<string> {
  const edges = EDGE_SECTIONS[lookup.type];
  const kinds = new Set<string>();
  for (const section of cutSections(lookup)) {
    const edge = edges[section];
    if (edge !== undefined) kinds.add(kindKey(edge.kind, edge.direction));
  }
  return kinds;
}

/**
 * The group ids whose list was cut, across stored answers: for each entity and section, the latest
 * answer that holds the section decides (a later lookup with a larger `count` lifts the flag). For
 * `buildGraphView`'s `truncated`.
 */
export function truncatedGroups(lookups: readonly LookupRow[]): Set<string> {
  const latest = new Map<string, { fetchedAt: string; cut: boolean }>();
  for (const lookup of lookups) {
    if (!isRecord(lookup.body)) continue;
    for (const [section, edge] of Object.entries(EDGE_SECTIONS[lookup.type] ?? {})) {
      const list = lookup.body[section];
      if (!Array.isArray(list)) continue;
      const group = groupId(lookup.entityId, edge.kind, edge.direction);
      const known = latest.get(group);
      // ISO-8601 UTC stamps of one format: text order is time order.
      if (known !== undefined && known.fetchedAt >= lookup.fetchedAt) continue;
      latest.set(group, { fetchedAt: lookup.fetchedAt, cut: isCutList(list, lookup.params.count) });
    }
  }
  const groups = new Set<string>();
  for (const [group, entry] of latest) if (entry.cut) groups.add(group);
  return groups;
}
