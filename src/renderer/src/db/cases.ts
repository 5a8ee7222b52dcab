/**
 * Cases: create, rename, duplicate, delete (soft, restorable) and the nodes they show. Every
 * change runs in one strict-durability transaction with its entry in the operation log, so an
 * acknowledged edit survives a crash and can be undone.
 */
import type { CaseNode, CaseOp, NodeSource, Point } from '@shared/case-file/types';
import type { WorkbenchDb } from './database';
import { appendOp, nodesOf, opsOf, redoNext, undoLast } from './case-ops';
import type { CaseRow } from './rows';

export const DEFAULT_CASE_NAME = 'Unsorted lookups';
/** Deleted cases stay restorable this long, then the next start purges them. */
export const PURGE_AFTER_MS = 30 * 24 * 3600 * 1000;
export const MAX_CASE_NAME = 200;

const now = (): string => new Date().toISOString();

function caseTables(db: WorkbenchDb) {
  return [db.cases, db.caseNodes, db.caseOps] as const;
}

export function cleanName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().slice(0, MAX_CASE_NAME);
}

export async function createCase(db: WorkbenchDb, name: string, options: { isDefault?: boolean } = {}): Promise<CaseRow> {
  const at = now();
  const row: CaseRow = {
    id: crypto.randomUUID(),
    name: cleanName(name) || 'Untitled case',
    notes: '',
    createdAt: at,
    updatedAt: at,
    deletedAt: null,
    isDefault: options.isDefault ?? false,
  };
  await db.transaction('rw', caseTables(db), async () => {
    await db.cases.add(row);
    await appendOp(db, row.id, { kind: 'case.create', name: row.name }, at);
  });
  return row;
}

/** The case lookups land in when none is open, made on first use. */
export async function defaultCase(db: WorkbenchDb): Promise<CaseRow> {
  const existing = await db.cases.filter((row) => row.isDefault && row.deletedAt === null).first();
  return existing ?? createCase(db, DEFAULT_CASE_NAME, { isDefault: true });
}

export async function renameCase(db: WorkbenchDb, caseId: string, name: string): Promise<void> {
  const after = cleanName(name);
  if (after === '') throw new RangeError('A case needs a name.');
  await db.transaction('rw', caseTables(db), async () => {
    const row = await db.cases.get(caseId);
    if (!row || row.name === after) return;
    await db.cases.update(caseId, { name: after });
    await appendOp(db, caseId, { kind: 'case.rename', before: row.name, after }, now());
  });
}

export async function setCaseNotes(db: WorkbenchDb, caseId: string, notes: string): Promise<void> {
  await db.transaction('rw', caseTables(db), async () => {
    const row = await db.cases.get(caseId);
    if (!row || row.notes === notes) return;
    await db.cases.update(caseId, { notes });
    await appendOp(db, caseId, { kind: 'case.notes', before: row.notes, after: notes }, now());
  });
}

/** A copy with the same nodes and the same history (so provenance carries over), under a new id. */
export async function duplicateCase(db: WorkbenchDb, caseId: string): Promise<CaseRow | null> {
  return db.transaction('rw', caseTables(db), async () => {
    const source = await db.cases.get(caseId);
    if (!source) return null;
    const at = now();
    const copy: CaseRow = {
      ...source,
      id: crypto.randomUUID(),
      name: cleanName(`${source.name} (copy)`),
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
      isDefault: false,
    };
    const opIds = new Map<string, string>();
    const ops = (await opsOf(db, caseId).toArray()).map((op) => {
      const id = crypto.randomUUID();
      opIds.set(op.id, id);
      return remapOp(op, copy.id, id);
    });
    const nodes = (await nodesOf(db, caseId).toArray()).map((node) => ({
      ...node,
      caseId: copy.id,
      addedBy: node.addedBy === null ? null : (opIds.get(node.addedBy) ?? null),
    }));
    await db.cases.add(copy);
    await db.caseOps.bulkAdd(ops.map((op) => remapNodeOps(op, opIds)));
    await db.caseNodes.bulkAdd(nodes);
    return copy;
  });
}

function remapOp(op: CaseOp, caseId: string, id: string): CaseOp {
  return { ...op, id, caseId };
}

function remapNodeOps(op: CaseOp, opIds: Map<string, string>): CaseOp {
  if (op.kind !== 'node.add' && op.kind !== 'node.remove') return op;
  const nodes = op.nodes.map((node) => ({
    ...node,
    caseId: op.caseId,
    addedBy: node.addedBy === null ? null : (opIds.get(node.addedBy) ?? null),
  }));
  return { ...op, nodes };
}

export async function deleteCase(db: WorkbenchDb, caseId: string): Promise<void> {
  await db.cases.update(caseId, { deletedAt: now() });
}

export async function restoreCase(db: WorkbenchDb, caseId: string): Promise<void> {
  await db.cases.update(caseId, { deletedAt: null });
}

/** Removes a case and everything it holds, for good (answers stay: they belong to no one case). */
export async function purgeCase(db: WorkbenchDb, caseId: string): Promise<void> {
  await db.transaction('rw', caseTables(db), async () => {
    await nodesOf(db, caseId).delete();
    await opsOf(db, caseId).delete();
    await db.cases.delete(caseId);
  });
}

export async function purgeDeletedCases(db: WorkbenchDb, olderThanMs: number = PURGE_AFTER_MS): Promise<number> {
  const cutoff = Date.now() - olderThanMs;
  const stale = await db.cases.filter((row) => row.deletedAt !== null && Date.parse(row.deletedAt) < cutoff).toArray();
  for (const row of stale) await purgeCase(db, row.id);
  return stale.length;
}

/**
 * Adds entities to a case. Only entities not yet in it become nodes (one `node.add` operation);
 * a lookup whose indicator is already there is logged for provenance alone.
 */
export async function addNodes(
  db: WorkbenchDb,
  caseId: string,
  entityIds: readonly string[],
  via: NodeSource,
  positions?: ReadonlyMap<string, Point>,
): Promise<CaseNode[]> {
  return db.transaction('rw', caseTables(db), async () => {
    const at = now();
    const wanted = [...new Set(entityIds)];
    const existing = await db.caseNodes.bulkGet(wanted.map((id): [string, string] => [caseId, id]));
    const missing = wanted.filter((_, i) => existing[i] === undefined);
    if (missing.length === 0) {
      if (via.source === 'lookup') {
        await appendOp(db, caseId, { kind: 'lookup', lookupId: via.lookupId, entityId: wanted[0] ?? '' }, at);
      }
      return [];
    }
    const opId = crypto.randomUUID();
    const nodes: CaseNode[] = missing.map((entityId) => ({
      caseId,
      entityId,
      position: positions?.get(entityId) ?? null,
      pinned: false,
      notes: '',
      tags: [],
      addedAt: at,
      addedBy: opId,
    }));
    await appendOp(db, caseId, { kind: 'node.add', nodes, via }, at, opId);
    await db.caseNodes.bulkAdd(nodes);
    return nodes;
  });
}

export async function removeNodes(db: WorkbenchDb, caseId: string, entityIds: readonly string[]): Promise<void> {
  await db.transaction('rw', caseTables(db), async () => {
    const rows = (await db.caseNodes.bulkGet(entityIds.map((id): [string, string] => [caseId, id]))).filter(
      (row): row is CaseNode => row !== undefined,
    );
    if (rows.length === 0) return;
    await db.caseNodes.bulkDelete(rows.map((row): [string, string] => [row.caseId, row.entityId]));
    await appendOp(db, caseId, { kind: 'node.remove', nodes: rows }, now());
  });
}

export async function moveNodes(
  db: WorkbenchDb,
  caseId: string,
  moves: readonly { entityId: string; to: Point | null }[],
): Promise<void> {
  await db.transaction('rw', caseTables(db), async () => {
    const rows = await db.caseNodes.bulkGet(moves.map((m): [string, string] => [caseId, m.entityId]));
    const logged = moves
      .map((move, i) => ({ entityId: move.entityId, from: rows[i]?.position ?? null, to: move.to, known: rows[i] !== undefined }))
      .filter((move) => move.known)
      .map(({ entityId, from, to }) => ({ entityId, from, to }));
    if (logged.length === 0) return;
    for (const move of logged) await db.caseNodes.update([caseId, move.entityId], { position: move.to });
    await appendOp(db, caseId, { kind: 'node.move', moves: logged }, now());
  });
}

export async function setPinned(db: WorkbenchDb, caseId: string, entityIds: readonly string[], pinned: boolean): Promise<void> {
  await db.transaction('rw', caseTables(db), async () => {
    const rows = await db.caseNodes.bulkGet(entityIds.map((id): [string, string] => [caseId, id]));
    const present = entityIds.filter((_, i) => rows[i] !== undefined);
    const before = rows.filter((row): row is CaseNode => row !== undefined).map((row) => row.pinned);
    if (present.length === 0 || before.every((value) => value === pinned)) return;
    for (const id of present) await db.caseNodes.update([caseId, id], { pinned });
    await appendOp(db, caseId, { kind: 'node.pin', entityIds: present, before, after: pinned }, now());
  });
}

export async function setNodeNotes(db: WorkbenchDb, caseId: string, entityId: string, notes: string): Promise<void> {
  await db.transaction('rw', caseTables(db), async () => {
    const row = await db.caseNodes.get([caseId, entityId]);
    if (!row || row.notes === notes) return;
    await db.caseNodes.update([caseId, entityId], { notes });
    await appendOp(db, caseId, { kind: 'node.notes', entityId, before: row.notes, after: notes }, now());
  });
}

export async function setNodeTags(db: WorkbenchDb, caseId: string, entityId: string, tags: readonly string[]): Promise<void> {
  const after = [...new Set(tags.map((tag) => tag.trim()).filter((tag) => tag !== ''))];
  await db.transaction('rw', caseTables(db), async () => {
    const row = await db.caseNodes.get([caseId, entityId]);
    if (!row || JSON.stringify(row.tags) === JSON.stringify(after)) return;
    await db.caseNodes.update([caseId, entityId], { tags: after });
    await appendOp(db, caseId, { kind: 'node.tags', entityId, before: row.tags, after }, now());
  });
}

export function undo(db: WorkbenchDb, caseId: string): Promise<CaseOp | null> {
  return db.transaction('rw', caseTables(db), () => undoLast(db, caseId, now()));
}

export function redo(db: WorkbenchDb, caseId: string): Promise<CaseOp | null> {
  return db.transaction('rw', caseTables(db), () => redoNext(db, caseId, now()));
}

export interface CaseSummary {
  row: CaseRow;
  nodeCount: number;
}

/** Every case not deleted, most recently changed first, with its node count. */
export async function listCases(db: WorkbenchDb): Promise<CaseSummary[]> {
  const rows = await db.cases.orderBy('updatedAt').reverse().filter((row) => row.deletedAt === null).toArray();
  const counts = await Promise.all(rows.map((row) => nodesOf(db, row.id).count()));
  return rows.map((row, i) => ({ row, nodeCount: counts[i] ?? 0 }));
}

export async function listDeletedCases(db: WorkbenchDb): Promise<CaseRow[]> {
  return db.cases.filter((row) => row.deletedAt !== null).toArray();
}
