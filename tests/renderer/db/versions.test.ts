// A database made by each earlier schema version, with rows in every table, opens under the current
// schema with nothing lost.
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { DATABASE_NAME, db, WorkbenchDb } from '@renderer/db/database';
import { CURRENT_VERSION, SCHEMA_VERSIONS } from '@renderer/db/versions';
import { answerRow } from '../support/answers';
import { relationsFromLookup } from '@shared/graph';

describe('schema versions', () => {
  it('are append-only, numbered from 1 without gaps', () => {
    expect(SCHEMA_VERSIONS.map((v) => v.version)).toEqual(SCHEMA_VERSIONS.map((_, i) => i + 1));
    expect(CURRENT_VERSION).toBe(SCHEMA_VERSIONS.length);
  });

  it.each(SCHEMA_VERSIONS.map((v) => v.version))('a version-%i database opens under the current schema with every row', async (version) => {
    const row = answerRow('ip');
    const graph = relationsFromLookup('ip', row.value, row.body);
    const seed = {
      lookups: [row],
      entities: graph.entities.map((e) => ({ ...e, aliases: e.aliases ?? [], firstObservedAt: row.fetchedAt, lastObservedAt: row.fetchedAt })),
      relations: graph.relations.map((r) => ({ ...r, lookupIds: [row.id], firstObservedAt: row.fetchedAt, lastObservedAt: row.fetchedAt })),
      cases: [{ id: 'c1', name: 'Old case', notes: 'n', createdAt: row.fetchedAt, updatedAt: row.fetchedAt, deletedAt: null, isDefault: false }],
      caseNodes: [{ caseId: 'c1', entityId: row.entityId, position: { x: 1, y: 2 }, pinned: true, notes: '', tags: ['t'], addedAt: row.fetchedAt, addedBy: 'o1' }],
      caseOps: [{ id: 'o1', caseId: 'c1', seq: 1, at: row.fetchedAt, undone: false, kind: 'case.create', name: 'Old case' }],
    };
    const old = new WorkbenchDb(DATABASE_NAME, { version });
    await old.open();
    expect(old.verno).toBe(version);
    for (const [table, rows] of Object.entries(seed)) await old.table(table).bulkAdd(rows);
    old.close();

    const current = db();
    await current.open();
    expect(current.verno).toBe(CURRENT_VERSION);
    for (const [table, rows] of Object.entries(seed)) {
      expect(await current.table(table).toArray(), table).toEqual(expect.arrayContaining(rows as unknown[]));
      expect(await current.table(table).count(), table).toBe(rows.length);
    }
    // And the indexes the app reads by answer.
    expect(await current.lookups.where('[entityId+fetchedAt]').between([row.entityId, Dexie.minKey], [row.entityId, Dexie.maxKey]).count()).toBe(1);
  });
});
