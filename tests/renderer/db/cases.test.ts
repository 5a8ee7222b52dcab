// Cases and their operation log: every change can be undone and redone, without limit; a new change
// ends the redo branch; delete is restorable; a duplicate carries the history.
import { describe, expect, it } from 'vitest';
import { db } from '@renderer/db/database';
import { nodesOf, opsOf, undoState } from '@renderer/db/case-ops';
import * as cases from '@renderer/db/cases';

const ENTITIES = ['ip:203.0.113.45', 'domain:bad.example.com', 'file:0a1b2c3d4e5f60718293a4b5c6d7e8f9'];

async function nodeIds(caseId: string): Promise<string[]> {
  return (await nodesOf(db(), caseId).toArray()).map((node) => node.entityId).sort();
}

describe('cases', () => {
  it('creates a case with a name and logs its creation', async () => {
    const row = await cases.createCase(db(), '  Phishing   wave  ');
    expect(row.name).toBe('Phishing wave');
    const ops = await opsOf(db(), row.id).toArray();
    expect(ops).toMatchObject([{ kind: 'case.create', seq: 1, undone: false }]);
    expect((await cases.listCases(db())).map((s) => s.row.id)).toEqual([row.id]);
  });

  it('renames, and undo and redo walk the name back and forth', async () => {
    const row = await cases.createCase(db(), 'First');
    await cases.renameCase(db(), row.id, 'Second');
    await cases.renameCase(db(), row.id, 'Third');
    expect((await db().cases.get(row.id))?.name).toBe('Third');
    await cases.undo(db(), row.id);
    expect((await db().cases.get(row.id))?.name).toBe('Second');
    await cases.undo(db(), row.id);
    expect((await db().cases.get(row.id))?.name).toBe('First');
    // Creation itself is not undone: nothing left.
    expect(await cases.undo(db(), row.id)).toBeNull();
    await cases.redo(db(), row.id);
    await cases.redo(db(), row.id);
    expect((await db().cases.get(row.id))?.name).toBe('Third');
    expect(await cases.redo(db(), row.id)).toBeNull();
  });

  it('refuses an empty name', async () => {
    const row = await cases.createCase(db(), 'Named');
    await expect(cases.renameCase(db(), row.id, '   ')).rejects.toThrow(/needs a name/);
    expect((await db().cases.get(row.id))?.name).toBe('Named');
  });

  it('undoes adding, removing, moving, pinning and notes, in reverse order, with no depth limit', async () => {
    const row = await cases.createCase(db(), 'Case');
    await cases.addNodes(db(), row.id, ENTITIES.slice(0, 2), { source: 'manual' });
    await cases.addNodes(db(), row.id, [ENTITIES[2] ?? ''], { source: 'manual' });
    await cases.moveNodes(db(), row.id, [{ entityId: ENTITIES[0] ?? '', to: { x: 10, y: 20 } }]);
    await cases.setPinned(db(), row.id, [ENTITIES[0] ?? ''], true);
    await cases.setNodeNotes(db(), row.id, ENTITIES[1] ?? '', 'C2 domain');
    await cases.setNodeTags(db(), row.id, ENTITIES[1] ?? '', ['c2', 'c2', ' apt ']);
    await cases.removeNodes(db(), row.id, [ENTITIES[2] ?? '']);
    for (let i = 0; i < 30; i += 1) await cases.moveNodes(db(), row.id, [{ entityId: ENTITIES[0] ?? '', to: { x: i, y: i } }]);

    const node = (id: string) => db().caseNodes.get([row.id, id]);
    expect(await node(ENTITIES[1] ?? '')).toMatchObject({ notes: 'C2 domain', tags: ['c2', 'apt'] });
    for (let i = 0; i < 30; i += 1) await cases.undo(db(), row.id);
    expect((await node(ENTITIES[0] ?? ''))?.position).toEqual({ x: 10, y: 20 });
    await cases.undo(db(), row.id); // the removal
    expect(await nodeIds(row.id)).toEqual([...ENTITIES].sort());
    await cases.undo(db(), row.id); // tags
    await cases.undo(db(), row.id); // notes
    expect(await node(ENTITIES[1] ?? '')).toMatchObject({ notes: '', tags: [] });
    await cases.undo(db(), row.id); // pin
    expect((await node(ENTITIES[0] ?? ''))?.pinned).toBe(false);
    await cases.undo(db(), row.id); // move
    expect((await node(ENTITIES[0] ?? ''))?.position).toBeNull();
    await cases.undo(db(), row.id);
    await cases.undo(db(), row.id);
    expect(await nodeIds(row.id)).toEqual([]);
    // Redo everything back.
    while (await cases.redo(db(), row.id));
    expect(await nodeIds(row.id)).toEqual(ENTITIES.slice(0, 2).sort());
    expect((await node(ENTITIES[0] ?? ''))?.position).toEqual({ x: 29, y: 29 });
  });

  it('ends the redo branch when a new change follows an undo', async () => {
    const row = await cases.createCase(db(), 'A');
    await cases.renameCase(db(), row.id, 'B');
    await cases.undo(db(), row.id);
    expect((await undoState(db(), row.id)).redo?.kind).toBe('case.rename');
    await cases.renameCase(db(), row.id, 'C');
    expect((await undoState(db(), row.id)).redo).toBeNull();
    expect(await cases.redo(db(), row.id)).toBeNull();
    expect((await opsOf(db(), row.id).toArray()).map((op) => op.seq)).toEqual([1, 2]);
  });

  it('adds only what is new; a lookup of an indicator already there is logged for provenance alone', async () => {
    const row = await cases.createCase(db(), 'Case');
    const first = await cases.addNodes(db(), row.id, [ENTITIES[0] ?? ''], { source: 'lookup', lookupId: 'lk-1' });
    const again = await cases.addNodes(db(), row.id, [ENTITIES[0] ?? ''], { source: 'lookup', lookupId: 'lk-2' });
    expect(first).toHaveLength(1);
    expect(again).toHaveLength(0);
    const ops = await opsOf(db(), row.id).toArray();
    expect(ops.map((op) => op.kind)).toEqual(['case.create', 'node.add', 'lookup']);
    expect(first[0]?.addedBy).toBe(ops[1]?.id);
    // Undo skips the provenance entry and undoes the add.
    await cases.undo(db(), row.id);
    expect(await nodeIds(row.id)).toEqual([]);
  });

  it('deletes restorably, purges after the grace period, and keeps the default case apart', async () => {
    const row = await cases.createCase(db(), 'Doomed');
    await cases.addNodes(db(), row.id, ENTITIES, { source: 'manual' });
    await cases.deleteCase(db(), row.id);
    expect(await cases.listCases(db())).toEqual([]);
    expect((await cases.listDeletedCases(db())).map((r) => r.id)).toEqual([row.id]);
    await cases.restoreCase(db(), row.id);
    expect((await cases.listCases(db()))[0]).toMatchObject({ row: { id: row.id }, nodeCount: 3 });

    await cases.deleteCase(db(), row.id);
    expect(await cases.purgeDeletedCases(db(), 60_000)).toBe(0); // still within the grace period
    expect(await cases.purgeDeletedCases(db(), -1)).toBe(1);
    expect(await db().cases.get(row.id)).toBeUndefined();
    expect(await nodeIds(row.id)).toEqual([]);
    expect(await opsOf(db(), row.id).count()).toBe(0);

    const fallback = await cases.defaultCase(db());
    expect(fallback).toMatchObject({ name: cases.DEFAULT_CASE_NAME, isDefault: true });
    expect((await cases.defaultCase(db())).id).toBe(fallback.id);
  });

  it('duplicates a case with its nodes and its history, under new ids', async () => {
    const row = await cases.createCase(db(), 'Original');
    await cases.addNodes(db(), row.id, ENTITIES, { source: 'manual' });
    await cases.setNodeNotes(db(), row.id, ENTITIES[0] ?? '', 'seen in mail');
    const copy = await cases.duplicateCase(db(), row.id);
    expect(copy?.name).toBe('Original (copy)');
    const copied = await nodesOf(db(), copy?.id ?? '').toArray();
    expect(copied.map((n) => n.entityId).sort()).toEqual([...ENTITIES].sort());
    const copiedOps = await opsOf(db(), copy?.id ?? '').toArray();
    expect(copiedOps.map((op) => op.kind)).toEqual(['case.create', 'node.add', 'node.notes']);
    // Provenance points at the copy's own operations.
    expect(new Set(copied.map((n) => n.addedBy))).toEqual(new Set([copiedOps[1]?.id]));
    // Undo in the copy leaves the original alone.
    await cases.undo(db(), copy?.id ?? '');
    expect((await db().caseNodes.get([row.id, ENTITIES[0] ?? '']))?.notes).toBe('seen in mail');
    expect((await db().caseNodes.get([copy?.id ?? '', ENTITIES[0] ?? '']))?.notes).toBe('');
  });
});
