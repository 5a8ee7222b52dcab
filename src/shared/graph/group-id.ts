/**
 * The id of a group node — the neighbours of one kind that a node's answers name but the case does
 * not show one by one ("+975 resolutions"). One definition for the app (src/renderer/src/graph) and
 * for case-file validation, because a group is stored as a case node and travels in case files.
 *
 * `group:<parent entity id>|<kind>|<in|out>`: `in` means the neighbours are the relation's sources
 * (the domains resolving to an IP), `out` its targets (the IPs a domain resolves to).
 */
import { RELATION_ENDPOINTS } from './builder';
import { ENTITY_TYPES, RELATION_KINDS, type EntityType, type RelationKind } from './types';

export const GROUP_PREFIX = 'group:';
export const GROUP_DIRECTIONS = ['in', 'out'] as const;
export type GroupDirection = (typeof GROUP_DIRECTIONS)[number];

export interface GroupKey {
  /** The entity whose neighbours the group stands for. */
  parent: string;
  kind: RelationKind;
  direction: GroupDirection;
}

export function groupNodeId(parent: string, kind: RelationKind, direction: GroupDirection): string {
  return `${GROUP_PREFIX}${parent}|${kind}|${direction}`;
}

/** Cheap test for lists and loops; `parseGroupNodeId` is the one that checks the parts. */
export function isGroupNodeId(id: string): boolean {
  return id.startsWith(GROUP_PREFIX);
}

/** The type of an entity id `<type>:<value>`, or undefined when it is not one. */
export function entityTypeOf(id: string): EntityType | undefined {
  const colon = id.indexOf(':');
  if (colon <= 0 || colon === id.length - 1) return undefined;
  const type = id.slice(0, colon);
  return (ENTITY_TYPES as readonly string[]).includes(type) ? (type as EntityType) : undefined;
}

/**
 * The parts of a group id, or null when it is not a well-formed one. Parsed from the right: a URL
 * entity's value may itself contain `|`, the kind and direction never do. A group is valid only
 * when its parent can stand at that end of the kind (an IP has domains resolving `in`, never `out`),
 * so a hand-edited case file cannot smuggle in a group the graph could never have made.
 */
export function parseGroupNodeId(id: string): GroupKey | null {
  if (!isGroupNodeId(id)) return null;
  const rest = id.slice(GROUP_PREFIX.length);
  const last = rest.lastIndexOf('|');
  const middle = last > 0 ? rest.lastIndexOf('|', last - 1) : -1;
  if (middle <= 0) return null;
  const parent = rest.slice(0, middle);
  const kind = rest.slice(middle + 1, last);
  const direction = rest.slice(last + 1);
  if (!(RELATION_KINDS as readonly string[]).includes(kind)) return null;
  if (!(GROUP_DIRECTIONS as readonly string[]).includes(direction)) return null;
  const parentType = entityTypeOf(parent);
  if (parentType === undefined) return null;
  const ends = RELATION_ENDPOINTS[kind as RelationKind];
  // The parent is the target of the relation when its neighbours come in, the source when they go out.
  const allowed = direction === 'in' ? ends.dst : ends.src;
  if (!allowed.includes(parentType)) return null;
  return { parent, kind: kind as RelationKind, direction: direction as GroupDirection };
}
