/**
 * The case operation log: every change to a case is appended as an operation that carries enough
 * of the state before it to be undone. Undone operations form a suffix of the log (the redo
 * branch); a new operation discards that branch. Undo and redo have no depth limit: the log is the
 * history. Callers run these inside a strict-durability transaction over cases, caseNodes and caseOps.
 */
import Dexie from 'dexie';
import { NOT_UNDOABLE, type CaseNode, type CaseOp, type CaseOpData } from '@shared/case-file/types';
import type { WorkbenchDb } from './database';

export function opsOf(db: WorkbenchDb, caseId: string) {
  return db.caseOps.where('[caseId+seq]').between([caseId, Dexie.minKey], [caseId, Dexie.maxKey]);
}

export function nodesOf(db: WorkbenchDb, caseId: string) {
  return db.caseNodes.where('[caseId+entityId]').between([caseId, Dexie.minKey], [caseId, Dexie.maxKey]);
}

export async function appendOp(
  db: WorkbenchDb,
  caseId: string,
  data: CaseOpData,
  at: string,
  id: string = crypto.randomUUID(),
): Promise<CaseOp> {
  // A new change after undo ends the redo branch. (Fresh collections each time: Dexie 4.4's
  // Collection.clone() loses its database, so a cloned collection cannot delete.)
  await opsOf(db, caseId)
    .filter((op) => op.undone)
    .delete();
  const last = await opsOf(db, caseId).last();
  const op = { id, caseId, seq: (last?.seq ?? 0) + 1, at, undone: false, ...data } as CaseOp;
  await db.caseOps.add(op);
  await db.cases.update(caseId, { updatedAt: at });
  return op;
}

type Direction = 'undo' | 'redo';

/** Applies an operation's effect (redo) or its inverse (undo) to the case's rows. */
async function apply(db: WorkbenchDb, op: CaseOp, direction: Direction): Promise<void> {
  const undo = direction === 'undo';
  const keyOf = (node: Pick<CaseNode, 'caseId' | 'entityId'>): [string, string] => [node.caseId, node.entityId];
  switch (op.kind) {
    case 'case.rename':
      await db.cases.update(op.caseId, { name: undo ? op.before : op.after });
      return;
    case 'case.notes':
      await db.cases.update(op.caseId, { notes: undo ? op.before : op.after });
      return;
    case 'node.add':
      if (undo) await db.caseNodes.bulkDelete(op.nodes.map(keyOf));
      else await db.caseNodes.bulkPut(op.nodes);
      return;
    case 'node.remove':
      if (undo) await db.caseNodes.bulkPut(op.nodes);
      else await db.caseNodes.bulkDelete(op.nodes.map(keyOf));
      return;
    case 'node.move':
      for (const move of op.moves) {
        await db.caseNodes.update([op.caseId, move.entityId], { position: undo ? move.from : move.to });
      }
      return;
    case 'node.pin':
      for (const [i, entityId] of op.entityIds.entries()) {
        await db.caseNodes.update([op.caseId, entityId], { pinned: undo ? (op.before[i] ?? false) : op.after });
      }
      return;
    case 'node.notes':
      await db.caseNodes.update([op.caseId, op.entityId], { notes: undo ? op.before : op.after });
      return;
    case 'node.tags':
      await db.caseNodes.update([op.caseId, op.entityId], { tags: undo ? op.before : op.after });
      return;
    case 'case.create':
    case 'lookup':
      return;
  }
}

/** Undoes the latest operation still in effect; returns it, or null when there is nothing to undo. */
export async function undoLast(db: WorkbenchDb, caseId: string, at: string): Promise<CaseOp | null> {
  const op = await opsOf(db, caseId)
    .reverse()
    .filter((candidate) => !candidate.undone && !NOT_UNDOABLE.has(candidate.kind))
    .first();
  if (!op) return null;
  await apply(db, op, 'undo');
  await db.caseOps.update(op.id, { undone: true });
  await db.cases.update(caseId, { updatedAt: at });
  return op;
}

/** Redoes the earliest undone operation; returns it, or null when there is nothing to redo. */
export async function redoNext(db: WorkbenchDb, caseId: string, at: string): Promise<CaseOp | null> {
  const op = await opsOf(db, caseId)
    .filter((candidate) => candidate.undone)
    .first();
  if (!op) return null;
  await apply(db, op, 'redo');
  await db.caseOps.update(op.id, { undone: false });
  await db.cases.update(caseId, { updatedAt: at });
  return op;
}

export interface UndoState {
  undo: CaseOp | null;
  redo: CaseOp | null;
}

export async function undoState(db: WorkbenchDb, caseId: string): Promise<UndoState> {
  const ops = await opsOf(db, caseId).toArray();
  let undo: CaseOp | null = null;
  let redo: CaseOp | null = null;
  for (const op of ops) {
    if (op.undone) {
      redo ??= op;
    } else if (!NOT_UNDOABLE.has(op.kind)) {
      undo = op;
    }
  }
  return { undo, redo };
}
