/**
 * Case state → the graph as plain data (`GraphView`). Pure and linear in nodes + relations: it runs
 * on every store change of the open case, which may hold thousands of nodes, so everything is a Map
 * or Set lookup and no step scans the relations per node.
 */
import type { CaseNode } from '@shared/case-file/types';
import { entityTypeOf, parseGroupNodeId, type GroupKey } from '@shared/graph/group-id';
import type { EntityType, RelationKind } from '@shared/graph/types';
import type { EntityRow, RelationRow } from '../db/rows';
import { valueOfEntityId } from './groups';
import type { GraphEdgeView, GraphNodeView, GraphView, GroupDirection, GroupInfo } from './types';

export interface GraphViewInput {
  nodes: readonly CaseNode[];
  entities: ReadonlyMap<string, EntityRow>;
  relations: readonly RelationRow[];
  /** Entity ids the store holds an answer for (their own lookup, not a neighbour's). */
  lookedUp: ReadonlySet<string>;
  /** Group ids whose list a `count` cut (`truncatedGroups`). */
  truncated?: ReadonlySet<string>;
}

/** Canvas labels stay this short so they stay legible and do not pile up over neighbours. */
export const MAX_LABEL = 32;
/** A hash is told apart by its start; twelve hex digits are unique within any one case. */
export const HASH_LABEL = 12;

export const EDGE_WORDS: Readonly<Record<RelationKind, string>> = {
  resolves_to: 'resolves to',
  downloaded_from: 'downloaded from',
  contacted: 'contacted',
  on_host: 'on host',
};

interface GroupWords {
  /** The noun on the canvas, after "+N". */
  one: string;
  many: string;
  /** The full sentence for details: what the group's members are, relative to the parent. */
  phrase: (n: number, parent: string) => string;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * Plain words per kind and direction. The parent's type follows from them (only an IP has domains
 * resolving `in`), except `downloaded_from` `in`, which reads the same for an IP, a domain or a URL.
 */
const GROUP_WORDS: Readonly<Record<`${RelationKind}|${GroupDirection}`, GroupWords>> = {
  'resolves_to|in': { one: 'resolution', many: 'resolutions', phrase: (n, p) => `${plural(n, 'domain', 'domains')} resolving to ${p}` },
  'resolves_to|out': { one: 'resolved IP', many: 'resolved IPs', phrase: (n, p) => `${plural(n, 'IP address', 'IP addresses')} ${p} resolves to` },
  'downloaded_from|in': { one: 'downloaded file', many: 'downloaded files', phrase: (n, p) => `${plural(n, 'file', 'files')} downloaded from ${p}` },
  'downloaded_from|out': { one: 'download source', many: 'download sources', phrase: (n, p) => `${plural(n, 'host or URL', 'hosts and URLs')} ${p} was downloaded from` },
  'contacted|in': { one: 'contacting file', many: 'contacting files', phrase: (n, p) => `${plural(n, 'file', 'files')} that contacted ${p}` },
  'contacted|out': { one: 'contacted domain', many: 'contacted domains', phrase: (n, p) => `${plural(n, 'domain', 'domains')} ${p} contacted` },
  'on_host|in': { one: 'URL on this host', many: 'URLs on this host', phrase: (n, p) => `${plural(n, 'URL', 'URLs')} on ${p}` },
  'on_host|out': { one: 'host', many: 'hosts', phrase: (n, p) => `${plural(n, 'host', 'hosts')} of ${p}` },
};

/** "+975 resolutions" while members are folded; "all 975 resolutions shown" once every one is drawn. */
export function groupLabel(info: Pick<GroupInfo, 'kind' | 'direction' | 'total' | 'remaining' | 'truncated'>): string {
  const words = GROUP_WORDS[`${info.kind}|${info.direction}`];
  const count = info.remaining > 0 ? `+${info.remaining} ${info.remaining === 1 ? words.one : words.many}` : `all ${info.total} ${info.total === 1 ? words.one : words.many} shown`;
  return info.truncated ? `${count} (list cut)` : count;
}

export function groupValue(info: Pick<GroupInfo, 'kind' | 'direction' | 'total' | 'remaining' | 'truncated'>, parentValue: string): string {
  let text = GROUP_WORDS[`${info.kind}|${info.direction}`].phrase(info.total, parentValue);
  if (info.remaining < info.total) text += ` (${info.total - info.remaining} drawn, ${info.remaining} in this group)`;
  if (info.truncated) text += ". TIP's list was cut at the record count asked for: it may know more";
  return text;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The short form drawn under a node; the full value stays in `value`. A URL loses its scheme and
 * query (host + path start say where it points), a hash keeps its first twelve digits, a long domain
 * keeps its end (the registrable part says whose it is).
 */
export function entityLabel(type: EntityType, value: string): string {
  switch (type) {
    case 'file':
      return value.length > HASH_LABEL ? `${value.slice(0, HASH_LABEL)}…` : value;
    case 'url': {
      const bare = value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
      const cut = bare.search(/[?#]/);
      const path = cut === -1 ? bare : bare.slice(0, cut);
      const shortened = clip(path, MAX_LABEL);
      return shortened === path && cut !== -1 ? `${path}…` : shortened;
    }
    case 'domain':
      return value.length > MAX_LABEL ? `…${value.slice(value.length - (MAX_LABEL - 1))}` : value;
    case 'ip':
      // The longest RFC 5952 IPv6 text is 39 characters: an address is never cut.
      return value;
  }
}

const NO_GROUPS: readonly GroupTally[] = [];

interface GroupTally {
  id: string;
  key: GroupKey;
  total: number;
  remaining: number;
}

/** Counts each group's members (and those not yet drawn) in one pass over the relations. */
function tallyGroups(groups: GroupTally[], relations: readonly RelationRow[], present: ReadonlySet<string>): void {
  if (groups.length === 0) return;
  const byParent = new Map<string, GroupTally[]>();
  for (const group of groups) {
    const list = byParent.get(group.key.parent);
    if (list === undefined) byParent.set(group.key.parent, [group]);
    else list.push(group);
  }
  const count = (parent: string, kind: RelationKind, direction: GroupDirection, member: string): void => {
    for (const group of byParent.get(parent) ?? NO_GROUPS) {
      if (group.key.kind !== kind || group.key.direction !== direction) continue;
      group.total += 1;
      if (!present.has(member)) group.remaining += 1;
    }
  };
  for (const relation of relations) {
    count(relation.dst, relation.kind, 'in', relation.src);
    count(relation.src, relation.kind, 'out', relation.dst);
  }
}

/**
 * One literal with every field in one order: all node views share a shape. (An object spread of
 * shared fields here made building 5,000 views several times slower in V8.)
 */
function nodeView(
  node: CaseNode,
  kind: GraphNodeView['kind'],
  type: GraphNodeView['type'],
  label: string,
  value: string,
  entity: EntityRow | null | undefined,
  lookedUp: boolean,
): GraphNodeView {
  return {
    id: node.entityId,
    kind,
    type,
    label,
    value,
    zone: entity?.zone ?? null,
    threatScore: entity?.threatScore ?? null,
    position: node.position,
    pinned: node.pinned,
    tags: node.tags,
    notes: node.notes,
    degree: 0,
    firstSeen: entity?.firstSeen ?? null,
    lastSeen: entity?.lastSeen ?? null,
    lookedUp,
  };
}

export function buildGraphView(input: GraphViewInput): GraphView {
  const present = new Set<string>();
  for (const node of input.nodes) present.add(node.entityId);
  const nodes: GraphNodeView[] = [];
  const tallies: GroupTally[] = [];
  const groupNodes: { view: GraphNodeView; tally: GroupTally }[] = [];

  for (const node of input.nodes) {
    const key = parseGroupNodeId(node.entityId);
    if (key !== null) {
      const tally: GroupTally = { id: node.entityId, key, total: 0, remaining: 0 };
      tallies.push(tally);
      // Members are read from stored answers, so opening a group never spends quota: `lookedUp`.
      const view = nodeView(node, 'group', 'group', '', '', null, true);
      groupNodes.push({ view, tally });
      nodes.push(view);
      continue;
    }
    const entity = input.entities.get(node.entityId);
    const type = entity?.type ?? entityTypeOf(node.entityId);
    // An id that is neither an entity nor a group cannot be drawn (import validation refuses them).
    if (type === undefined) continue;
    const value = entity?.value ?? valueOfEntityId(node.entityId);
    const view = nodeView(node, 'entity', type, entityLabel(type, value), value, entity, input.lookedUp.has(node.entityId));
    if (entity?.summary !== undefined) view.summary = entity.summary;
    nodes.push(view);
  }

  tallyGroups(tallies, input.relations, present);
  for (const { view, tally } of groupNodes) {
    const info: GroupInfo = { ...tally.key, total: tally.total, remaining: tally.remaining, truncated: input.truncated?.has(tally.id) ?? false };
    const parentValue = input.entities.get(info.parent)?.value ?? valueOfEntityId(info.parent);
    view.group = info;
    view.label = groupLabel(info);
    view.value = groupValue(info, parentValue);
  }

  const edges: GraphEdgeView[] = [];
  for (const relation of input.relations) {
    if (!present.has(relation.src) || !present.has(relation.dst)) continue;
    const edge: GraphEdgeView = {
      id: relation.id,
      source: relation.src,
      target: relation.dst,
      kind: relation.kind,
      label: EDGE_WORDS[relation.kind],
      hits: relation.hits ?? null,
      firstSeen: relation.firstSeen ?? null,
      lastSeen: relation.lastSeen ?? null,
    };
    if (relation.urls !== undefined && relation.urls.length > 0) edge.urls = relation.urls;
    edges.push(edge);
  }
  for (const { tally } of groupNodes) {
    const { parent, kind, direction } = tally.key;
    if (!present.has(parent)) continue;
    // Drawn the way its members' relations run: domains → IP for an IP's resolutions.
    const [source, target] = direction === 'in' ? [tally.id, parent] : [parent, tally.id];
    edges.push({ id: `${tally.id}|edge`, source, target, kind, label: EDGE_WORDS[kind], hits: null, firstSeen: null, lastSeen: null });
  }

  const degree = new Map<string, number>();
  for (const edge of edges) {
    degree.set(edge.source, (degree.get(edge.source) ?? 0) + 1);
    degree.set(edge.target, (degree.get(edge.target) ?? 0) + 1);
  }
  for (const node of nodes) node.degree = degree.get(node.id) ?? 0;
  return { nodes, edges };
}
