/**
 * Writing answers. Every answer is kept as received (`lookups`, immutable) and, in the same
 * transaction, the entities and relations `relationsFromLookup` derives from it are merged into
 * what the store knows. Re-ingesting an answer already stored changes nothing.
 */
import { seedEntityId, storedLookupFrom } from '@shared/case-file/build';
import type { LookupParams, StoredLookup } from '@shared/case-file/types';
import { relationsFromLookup } from '@shared/graph';
import type { Entity, EntityType, LookupGraph } from '@shared/graph/types';
import type { LookupAnswer, LookupType } from '@shared/tip/types';
import type { WorkbenchDb } from './database';
import { mergeEntity, mergeRelation } from './merge';
import type { EntityRow, LookupRow, RelationRow } from './rows';
import { markEntitiesChanged } from './search';

/** The entity a lookup of (type, value) is about (shared with the command line's case files). */
export { seedEntityId };

/** The row an answer becomes; `value` is the normalised value that was sent. */
export function toLookupRow(
  request: { type: LookupType; value: string; params: LookupParams },
  answer: LookupAnswer,
  fetchedAt: string,
): LookupRow {
  return storedLookupFrom(request, answer, fetchedAt);
}

const CHUNK = 100;

/** The answer's own entity always gets a row, even when the answer is junk and names nothing. */
function withSeed(row: StoredLookup, graph: LookupGraph): LookupGraph {
  if (graph.entities.some((entity) => entity.id === row.entityId)) return graph;
  const colon = row.entityId.indexOf(':');
  const seed: Entity = {
    id: row.entityId,
    type: row.entityId.slice(0, colon) as EntityType,
    value: row.entityId.slice(colon + 1),
  };
  if (row.zone !== null) seed.zone = row.zone;
  return { entities: [seed, ...graph.entities], relations: graph.relations };
}

/**
 * Merges the rows' entities and relations and stores the rows, inside the caller's transaction
 * (which must cover lookups, entities and relations). Rows already stored are skipped. Returns the
 * rows newly written.
 */
export async function writeLookupsInTransaction(db: WorkbenchDb, rows: readonly StoredLookup[]): Promise<StoredLookup[]> {
  const written: StoredLookup[] = [];
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const stored = await db.lookups.bulkGet(chunk.map((row) => row.id));
    const fresh = chunk.filter((_, i) => stored[i] === undefined);
    if (fresh.length === 0) continue;

    const entities = new Map<string, EntityRow | undefined>();
    const relations = new Map<string, RelationRow | undefined>();
    const graphs = fresh.map((row) => withSeed(row, relationsFromLookup(row.type, row.value, row.body)));
    for (const graph of graphs) {
      for (const entity of graph.entities) entities.set(entity.id, undefined);
      for (const relation of graph.relations) relations.set(relation.id, undefined);
    }
    const entityIds = [...entities.keys()];
    const relationIds = [...relations.keys()];
    const [knownEntities, knownRelations] = await Promise.all([
      db.entities.bulkGet(entityIds),
      db.relations.bulkGet(relationIds),
    ]);
    entityIds.forEach((id, i) => entities.set(id, knownEntities[i]));
    relationIds.forEach((id, i) => relations.set(id, knownRelations[i]));

    fresh.forEach((row, i) => {
      const graph = graphs[i];
      if (!graph) return;
      for (const entity of graph.entities) {
        const from = entity.id === row.entityId ? 'lookup' : 'neighbour';
        entities.set(entity.id, mergeEntity(entities.get(entity.id), entity, row.fetchedAt, from));
      }
      for (const relation of graph.relations) {
        relations.set(relation.id, mergeRelation(relations.get(relation.id), relation, row.id, row.fetchedAt));
      }
    });
    await Promise.all([
      db.entities.bulkPut([...entities.values()].filter((e): e is EntityRow => e !== undefined)),
      db.relations.bulkPut([...relations.values()].filter((r): r is RelationRow => r !== undefined)),
      db.lookups.bulkAdd(fresh),
    ]);
    written.push(...fresh);
  }
  if (written.length > 0) markEntitiesChanged();
  return written;
}

/** Stores answers and what they teach, in one transaction. */
export async function ingestLookups(db: WorkbenchDb, rows: readonly StoredLookup[]): Promise<StoredLookup[]> {
  return db.transaction('rw', db.lookups, db.entities, db.relations, () => writeLookupsInTransaction(db, rows));
}
