/**
 * The graph of a case as plain data, between the store (case nodes, entities, relations) and the
 * cytoscape island. `buildGraphView` (view.ts) makes it; `toElements` (elements.ts) turns it into
 * cytoscape element definitions; `applyElements` (diff.ts) applies those to a live instance as a
 * keyed diff inside one batch.
 */
import type { Point } from '@shared/case-file/types';
import type { GroupDirection } from '@shared/graph/group-id';
import type { EntityType, RelationKind } from '@shared/graph/types';

/**
 * A group node stands for the neighbours of one kind that a node's answers name but the case does
 * not show one by one ("+975 resolutions"). Its id is `group:<parent entity id>|<kind>|<in|out>`,
 * where `in` means the neighbours are the relation's sources (domains resolving to an IP) and `out`
 * its targets (the IPs a domain resolves to). Stored as a case node like any other, so it has a
 * position, undo and provenance. The id scheme lives in src/shared/graph/group-id.ts, because case
 * files (validated in src/shared) carry group nodes too.
 */
export { GROUP_PREFIX, type GroupDirection } from '@shared/graph/group-id';

export interface GroupInfo {
  parent: string;
  kind: RelationKind;
  direction: GroupDirection;
  /** Neighbours of this kind the store knows for the parent. */
  total: number;
  /** Of those, how many are not yet nodes of the case (what the group still stands for). */
  remaining: number;
  /** A section `count` cut: TIP may know more than `total`. */
  truncated: boolean;
}

export interface GraphNodeView {
  /** The entity id, or a group id. */
  id: string;
  kind: 'entity' | 'group';
  type: EntityType | 'group';
  /** What the canvas writes under the node (short: a URL's path may be cut). */
  label: string;
  /** The full value (entity) or the group's words ("975 resolutions of 203.0.113.66"). */
  value: string;
  zone: string | null;
  threatScore: number | null;
  position: Point | null;
  pinned: boolean;
  tags: string[];
  notes: string;
  /** Edges of this node in the view. */
  degree: number;
  firstSeen: string | null;
  lastSeen: string | null;
  /** True when the store holds an answer for the entity itself (expanding costs nothing). */
  lookedUp: boolean;
  group?: GroupInfo;
  /** The entity's short line (country, categories, detection name), for tooltips and details. */
  summary?: string;
}

export interface GraphEdgeView {
  /** The relation id `<src>|<kind>|<dst>`, or `<group id>|edge` for a group's edge. */
  id: string;
  source: string;
  target: string;
  kind: RelationKind;
  /** Plain words for the edge's label and details: "resolves to", "downloaded from". */
  label: string;
  hits: number | null;
  firstSeen: string | null;
  lastSeen: string | null;
  /** Download / access URLs seen on this edge (its evidence), for the details panel. */
  urls?: string[];
}

export interface GraphView {
  nodes: GraphNodeView[];
  edges: GraphEdgeView[];
}
