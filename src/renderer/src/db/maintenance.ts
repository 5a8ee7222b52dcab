/**
 * Space: how much the store uses, and forgetting old answers no case needs. Forgetting removes the
 * answers and rebuilds what they taught from the answers that remain, so an entity's zone never
 * rests on an answer that is gone.
 */
import Dexie from 'dexie';
import { relationsFromLookup } from '@shared/graph';
import type { WorkbenchDb } from './database';
import { mergeEntity, mergeRelation } from './merge';
import type { EntityRow, LookupRow, RelationRow } from './rows';
import { markEntitiesChanged } from './search';

export interface StorageUse {
  usedBytes: number | null;
  quotaBytes: number | null;
  persisted: boolean | null;
}

/** Asks the browser not to evict the store under storage pressure (granted silently in Electron). */
export async function requestPersistence(): Promise<boolean | null> {
  try {
    if (!navigator.storage?.persist) return null;
    return (await navigator.storage.persisted()) || (await navigator.storage.persist());
  } catch {
    return null;
  }
}

export async function storageUse(): Promise<StorageUse> {
  try {
    const estimate = await navigator.storage.estimate();
    const persisted = navigator.storage.persisted ? await navigator.storage.persisted() : null;
    return { usedBytes: estimate.usage ?? null, quotaBytes: estimate.quota ?? null, persisted };
  } catch {
    return { usedBytes: null, quotaBytes: null, persisted: null };
  }
}

/** Entities some case shows. */
async function entitiesInCases(db: WorkbenchDb): Promise<Set<string>> {
  return new Set((await db.caseNodes.toCollection().primaryKeys()).map((key) => (key as [string, string])[1]));
}

/**
 * Answers older than `days` days that no case needs: what `forgetOldAnswers` would remove. A case
 * needs an answer about one of its nodes, an answer that shows an edge between two of its nodes,
 * and the answers that named a node nothing else explains (one only ever seen as a neighbour).
 */
export async function forgettableAnswers(db: WorkbenchDb, days: number, nowMs: number = Date.now()): Promise<LookupRow[]> {
  const cutoff = new Date(nowMs - days * 24 * 3600 * 1000).toISOString();
  const nodes = await entitiesInCases(db);
  const explained = new Set(
    (await db.lookups.where('[entityId+fetchedAt]').between([Dexie.minKey], [Dexie.maxKey]).keys()).map((key) => (key as unknown as [string, string])[0]),
  );
  const old = await db.lookups.where('fetchedAt').below(cutoff).toArray();
  return old.filter((row) => {
    if (nodes.has(row.entityId)) return false;
    const graph = relationsFromLookup(row.type, row.value, row.body);
    if (graph.relations.some((edge) => nodes.has(edge.src) && nodes.has(edge.dst))) return false;
    return !graph.entities.some((entity) => nodes.has(entity.id) && !explained.has(entity.id));
  });
}

/** Removes those answers and rebuilds the entities and relations they touched. Returns how many went. */
export async function forgetOldAnswers(db: WorkbenchDb, days: number, nowMs: number = Date.now()): Promise<number> {
  return db.transaction('rw', [db.lookups, db.entities, db.relations, db.caseNodes], async () => {
    const doomed = await forgettableAnswers(db, days, nowMs);
    if (doomed.length === 0) return 0;
    const entityIds = new Set<string>();
    const relationIds = new Set<string>();
    for (const row of doomed) {
      const graph = relationsFromLookup(row.type, row.value, row.body);
      entityIds.add(row.entityId);
      graph.entities.forEach((entity) => entityIds.add(entity.id));
      graph.relations.forEach((relation) => relationIds.add(relation.id));
    }
    await db.lookups.bulkDelete(doomed.map((row) => row.id));

    // Which remaining answers still speak of the touched entities and relations?
    const survivors = new Set<string>();
    const relations = (await db.relations.bulkGet([...relationIds])).filter((r): r is RelationRow => r !== undefined);
    const gone = new Set(doomed.map((row) => row.id));
    relations.forEach((relation) => relation.lookupIds.filter((id) => !gone.has(id)).forEach((id) => survivors.add(id)));
    for (const id of entityIds) {
      const direct = await db.lookups.where('[entityId+fetchedAt]').between([id, Dexie.minKey], [id, Dexie.maxKey]).primaryKeys();
      direct.forEach((key) => survivors.add(key as string));
    }
    const rebuiltEntities = new Map<string, EntityRow>();
    const rebuiltRelations = new Map<string, RelationRow>();
    for (const row of (await db.lookups.bulkGet([...survivors])).filter((r): r is LookupRow => r !== undefined)) {
      const graph = relationsFromLookup(row.type, row.value, row.body);
      for (const entity of graph.entities) {
        if (!entityIds.has(entity.id)) continue;
        const from = entity.id === row.entityId ? 'lookup' : 'neighbour';
        rebuiltEntities.set(entity.id, mergeEntity(rebuiltEntities.get(entity.id), entity, row.fetchedAt, from));
      }
      for (const relation of graph.relations) {
        if (!relationIds.has(relation.id)) continue;
        rebuiltRelations.set(relation.id, mergeRelation(rebuiltRelations.get(relation.id), relation, row.id, row.fetchedAt));
      }
    }
    await db.entities.bulkDelete([...entityIds].filter((id) => !rebuiltEntities.has(id)));
    await db.relations.bulkDelete([...relationIds].filter((id) => !rebuiltRelations.has(id)));
    await db.entities.bulkPut([...rebuiltEntities.values()]);
    await db.relations.bulkPut([...rebuiltRelations.values()]);
    markEntitiesChanged();
    return doomed.length;
  });
}
