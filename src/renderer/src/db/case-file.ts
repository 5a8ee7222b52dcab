/**
 * A case as one file and back. Export gathers the case, its nodes, its operation log and the raw
 * answers that make it work offline; import writes all of it in one strict transaction after the
 * whole file has been checked, so a bad file changes nothing and the same file imported twice adds
 * no answer twice.
 */
import Dexie from 'dexie';
import { CASE_FILE_FORMAT, CASE_FILE_VERSION, type CaseFile, type CaseNode, type CaseOp } from '@shared/case-file/types';
import type { WorkbenchDb } from './database';
import { nodesOf, opsOf } from './case-ops';
import { writeLookupsInTransaction } from './ingest';
import type { CaseRow, LookupRow } from './rows';

/**
 * The answers a case needs: every answer about each node's entity, the answers its log names, and
 * for a node only ever seen as a neighbour, the answers that showed it.
 */
export async function caseLookupIds(db: WorkbenchDb, nodes: readonly CaseNode[], ops: readonly CaseOp[]): Promise<string[]> {
  const ids = new Set<string>();
  for (const op of ops) {
    if (op.kind === 'lookup') ids.add(op.lookupId);
    if (op.kind === 'node.add' && op.via.source !== 'manual' && op.via.lookupId) ids.add(op.via.lookupId);
  }
  const nodeIds = new Set(nodes.map((node) => node.entityId));
  for (const node of nodes) {
    const direct = (await db.lookups
      .where('[entityId+fetchedAt]')
      .between([node.entityId, Dexie.minKey], [node.entityId, Dexie.maxKey])
      .primaryKeys()) as string[];
    direct.forEach((id) => ids.add(id));
    if (direct.length > 0) continue;
    const edges = [
      ...(await db.relations.where('src').equals(node.entityId).toArray()),
      ...(await db.relations.where('dst').equals(node.entityId).toArray()),
    ];
    const inCase = edges.filter((edge) => nodeIds.has(edge.src) && nodeIds.has(edge.dst));
    for (const edge of inCase.length > 0 ? inCase : edges) edge.lookupIds.forEach((id) => ids.add(id));
  }
  return [...ids];
}

export async function exportCase(db: WorkbenchDb, caseId: string, generator: string): Promise<CaseFile | null> {
  return db.transaction('r', [db.cases, db.caseNodes, db.caseOps, db.lookups, db.relations], async () => {
    const row = await db.cases.get(caseId);
    if (!row) return null;
    const nodes = await nodesOf(db, caseId).toArray();
    const ops = await opsOf(db, caseId).toArray();
    const ids = await caseLookupIds(db, nodes, ops);
    const lookups = (await db.lookups.bulkGet(ids))
      .filter((lookup): lookup is LookupRow => lookup !== undefined)
      .sort((a, b) => (a.fetchedAt < b.fetchedAt ? -1 : a.fetchedAt > b.fetchedAt ? 1 : a.id < b.id ? -1 : 1));
    return {
      format: CASE_FILE_FORMAT,
      version: CASE_FILE_VERSION,
      exportedAt: new Date().toISOString(),
      generator,
      case: { id: row.id, name: row.name, notes: row.notes, createdAt: row.createdAt, updatedAt: row.updatedAt },
      lookups,
      nodes,
      ops,
    };
  });
}

export interface ImportOutcome {
  caseId: string;
  name: string;
  /** Answers new to this database, and answers it already had. */
  added: number;
  known: number;
  nodes: number;
  /** True when a case with the same id was open here, so the import became a copy. */
  copied: boolean;
}

/** Writes a checked case file (`validateCaseFile`) in one transaction. */
export async function importCase(db: WorkbenchDb, file: CaseFile): Promise<ImportOutcome> {
  return db.transaction('rw', [db.lookups, db.entities, db.relations, db.cases, db.caseNodes, db.caseOps], async () => {
    const existing = await db.cases.get(file.case.id);
    if (existing && existing.deletedAt !== null) {
      // The analyst deleted this case and brings it back from its file: the file wins.
      await nodesOf(db, existing.id).delete();
      await opsOf(db, existing.id).delete();
      await db.cases.delete(existing.id);
    }
    const copied = existing !== undefined && existing.deletedAt === null;
    const caseId = copied ? crypto.randomUUID() : file.case.id;
    const opIds = new Map(file.ops.map((op) => [op.id, copied ? crypto.randomUUID() : op.id]));
    const remapNode = (node: CaseNode): CaseNode => ({
      ...node,
      caseId,
      addedBy: node.addedBy === null ? null : (opIds.get(node.addedBy) ?? null),
    });
    const ops = file.ops.map((op): CaseOp => {
      const moved = { ...op, id: opIds.get(op.id) ?? op.id, caseId } as CaseOp;
      if (moved.kind === 'node.add' || moved.kind === 'node.remove') moved.nodes = moved.nodes.map(remapNode);
      return moved;
    });
    const row: CaseRow = {
      ...file.case,
      id: caseId,
      name: copied ? `${file.case.name} (imported)` : file.case.name,
      deletedAt: null,
      isDefault: false,
    };
    const written = await writeLookupsInTransaction(db, file.lookups);
    await db.cases.add(row);
    await db.caseNodes.bulkAdd(file.nodes.map(remapNode));
    await db.caseOps.bulkAdd(ops);
    return {
      caseId,
      name: row.name,
      added: written.length,
      known: file.lookups.length - written.length,
      nodes: file.nodes.length,
      copied,
    };
  });
}
