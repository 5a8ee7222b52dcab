// A case file built by shared code alone (what `tipwb lookup --case` writes) passes the app's
// import rules and opens in the app's store: nodes, log, answers, and an undo that works.
import { describe, expect, it } from 'vitest';
import { caseFileFromLookups, storedLookupFrom } from '@shared/case-file/build';
import type { CaseFile, StoredLookup } from '@shared/case-file/types';
import { parseCaseFile, validateCaseFile } from '@shared/case-file/validate';
import { db } from '@renderer/db/database';
import { importCase } from '@renderer/db/case-file';
import { nodesOf, opsOf } from '@renderer/db/case-ops';
import * as cases from '@renderer/db/cases';
import { toLookupRow } from '@renderer/db/ingest';
import { answerRow, example, SHA256, VALUES } from '../support/answers';

function runLookups(): StoredLookup[] {
  return [
    answerRow('ip', { fetchedAt: '2026-05-12T08:30:01.000Z' }),
    answerRow('domain', { fetchedAt: '2026-05-12T08:30:02.000Z' }),
    answerRow('hash', { fetchedAt: '2026-05-12T08:30:03.000Z' }),
    // The same file by its SHA-256: one entity, so a provenance entry rather than a second node.
    answerRow('hash', { value: SHA256, fetchedAt: '2026-05-12T08:30:04.000Z' }),
    // "Not known": a 404 with no body still puts the indicator in the case.
    answerRow('ip', { value: '192.0.2.200', body: null, status: 404, fetchedAt: '2026-05-12T08:30:05.000Z' }),
  ];
}

function build(lookups: StoredLookup[] = runLookups()): CaseFile {
  const file = caseFileFromLookups({
    id: '6f1d2a3b-0000-4000-8000-000000000001',
    name: 'incident-42',
    lookups,
    generator: 'tipwb 0.1.0',
    now: '2026-05-12T08:31:00.000Z',
    createdAt: '2026-05-12T08:30:00.000Z',
  });
  // Through text, as it travels.
  return JSON.parse(JSON.stringify(file)) as CaseFile;
}

describe('case files built from lookups', () => {
  it('the renderer stores an answer exactly as the shared builder makes it', () => {
    const request = { type: 'domain' as const, value: VALUES.domain, params: { format: 'json' as const, count: 10 } };
    const answer = { status: 200, body: example('domain'), durationMs: 40, zone: 'Red' };
    expect(toLookupRow(request, answer, '2026-05-12T08:30:00.000Z')).toEqual(storedLookupFrom(request, answer, '2026-05-12T08:30:00.000Z'));
  });

  it('passes the import rules: one node per looked-up entity, not laid out, with the lookup as provenance', () => {
    const file = build();
    const checked = validateCaseFile(file);
    expect(checked.ok ? null : checked.error.message).toBeNull();
    expect(file.generator).toBe('tipwb 0.1.0');
    expect(file.nodes.map((node) => node.entityId)).toEqual([
      file.lookups[0]?.entityId,
      file.lookups[1]?.entityId,
      file.lookups[2]?.entityId,
      'ip:192.0.2.200',
    ]);
    expect(file.nodes.every((node) => node.position === null)).toBe(true);
    expect(file.ops.map((op) => op.kind)).toEqual(['case.create', 'node.add', 'node.add', 'node.add', 'lookup', 'node.add']);
    const firstAdd = file.ops[1];
    expect(firstAdd?.kind === 'node.add' ? firstAdd.via : null).toEqual({ source: 'lookup', lookupId: file.lookups[0]?.id, entityId: file.lookups[0]?.entityId });
  });

  it('a run with no answers is still a valid, empty case', () => {
    const file = build([]);
    expect(parseCaseFile(JSON.stringify(file)).ok).toBe(true);
    expect(file.ops).toHaveLength(1);
  });

  it("opens in the app's store through importCase, and its log undoes like one the app wrote", async () => {
    const file = build();
    const parsed = parseCaseFile(JSON.stringify(file));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const outcome = await importCase(db(), parsed.value);
    expect(outcome).toMatchObject({ name: 'incident-42', added: 5, known: 0, nodes: 4, copied: false });

    const caseId = outcome.caseId;
    expect(await db().lookups.count()).toBe(5);
    expect((await db().cases.get(caseId))?.name).toBe('incident-42');
    expect(await nodesOf(db(), caseId).count()).toBe(4);
    expect(await opsOf(db(), caseId).count()).toBe(6);
    // The looked-up entities are known to the store, with their zones.
    expect((await db().entities.get(file.lookups[0]?.entityId ?? ''))?.zone).toBe(file.lookups[0]?.zone);

    // Undo takes back the last node the run added.
    await cases.undo(db(), caseId);
    const left = (await nodesOf(db(), caseId).toArray()).map((node) => node.entityId);
    expect(left).not.toContain('ip:192.0.2.200');
    expect(left).toHaveLength(3);

    // The same file again: a copy, and no answer stored twice.
    const again = await importCase(db(), parsed.value);
    expect(again).toMatchObject({ copied: true, added: 0, known: 5 });
  });
});
