/**
 * Putting an answer's neighbours into a case: the node itself (when new), each neighbour of a small
 * fan, and one group node per fan over the threshold — placed around the node without moving what
 * is already there, as ONE operation, so one Undo takes the whole expansion back.
 */
import Dexie from 'dexie';
import type { CaseNode, NodeSource, Point } from '@shared/case-file/types';
import type { WorkbenchDb } from '../db/database';
import { nodesOf } from '../db/case-ops';
import { addNodes } from '../db/cases';
import type { LookupRow, RelationRow } from '../db/rows';
import { planExpansion, truncatedKindsOf, type ExpansionPlan } from './groups';
import { placeNear } from './layout';

/** Every relation with the entity at one end. */
export async function relationsOf(db: WorkbenchDb, entityId: string): Promise<RelationRow[]> {
  const [out, into] = await Promise.all([
    db.relations.where('src').equals(entityId).toArray(),
    db.relations.where('dst').equals(entityId).toArray(),
  ]);
  return out.concat(into);
}

/** The newest answer about the entity, for which of its lists a `count` cut. */
async function latestOf(db: WorkbenchDb, entityId: string): Promise<LookupRow | undefined> {
  return db.lookups.where('[entityId+fetchedAt]').between([entityId, Dexie.minKey], [entityId, Dexie.maxKey]).last();
}

export interface Expansion {
  plan: ExpansionPlan;
  added: CaseNode[];
}

/**
 * Adds `entityId` (if missing) and what its stored answers name around it, as one `node.add`
 * operation whose provenance is `via`. Returns what was planned and what was added.
 */
export async function addWithNeighbours(
  db: WorkbenchDb,
  caseId: string,
  entityId: string,
  via: NodeSource,
  threshold: number,
): Promise<Expansion> {
  return db.transaction('rw', [db.cases, db.caseNodes, db.caseOps, db.relations, db.lookups], async () => {
    const nodes = await nodesOf(db, caseId).toArray();
    const inCase = new Set(nodes.map((node) => node.entityId));
    const latest = await latestOf(db, entityId);
    const plan = planExpansion({
      entityId,
      relations: await relationsOf(db, entityId),
      inCase,
      threshold,
      ...(latest ? { truncatedKinds: truncatedKindsOf(latest) } : {}),
    });
    const ids = [...(inCase.has(entityId) ? [] : [entityId]), ...plan.entityIds, ...plan.groups.map((group) => group.id)];
    const positions = placeAround(entityId, nodes, ids);
    const added = await addNodes(db, caseId, ids.length ? ids : [entityId], via, positions);
    return { plan, added };
  });
}

/** Adds chosen members of a group (all, a page, or those a filter matched) around the group's parent. */
export async function addMembers(db: WorkbenchDb, caseId: string, parent: string, memberIds: readonly string[], via: NodeSource): Promise<CaseNode[]> {
  return db.transaction('rw', [db.cases, db.caseNodes, db.caseOps], async () => {
    const nodes = await nodesOf(db, caseId).toArray();
    return addNodes(db, caseId, memberIds, via, placeAround(parent, nodes, memberIds));
  });
}

/** Places the new ids around the parent (or the origin, for a first node), clear of the nodes placed. */
function placeAround(parent: string, nodes: readonly CaseNode[], ids: readonly string[]): Map<string, Point> {
  const placed = nodes.filter((node) => node.position !== null);
  const anchor = nodes.find((node) => node.entityId === parent)?.position ?? centreOf(placed);
  const fresh = ids.filter((id) => id !== parent || !nodes.some((node) => node.entityId === id));
  const positions = new Map<string, Point>();
  const parentIsNew = fresh[0] === parent;
  if (parentIsNew) positions.set(parent, anchor);
  const around = placeNear(anchor, placed.map((node) => node.position as Point), fresh.length - (parentIsNew ? 1 : 0));
  fresh.slice(parentIsNew ? 1 : 0).forEach((id, i) => {
    const point = around[i];
    if (point) positions.set(id, point);
  });
  return positions;
}

function centreOf(nodes: readonly CaseNode[]): Point {
  if (nodes.length === 0) return { x: 0, y: 0 };
  // A new unrelated node goes to the right of what is there, not on top of it.
  let maxX = -Infinity;
  let sumY = 0;
  for (const node of nodes) {
    maxX = Math.max(maxX, node.position?.x ?? 0);
    sumY += node.position?.y ?? 0;
  }
  return { x: maxX + 240, y: sumY / nodes.length };
}
