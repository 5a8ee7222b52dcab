// A case as one file and back: lossless, idempotent, and a bad file changes nothing and says what is
// wrong and where.
import { describe, expect, it } from 'vitest';
import { parseCaseFile, validateCaseFile } from '@shared/case-file/validate';
import type { CaseFile } from '@shared/case-file/types';
import { db, resetDatabase } from '@renderer/db/database';
import { exportCase, importCase } from '@renderer/db/case-file';
import * as cases from '@renderer/db/cases';
import { ingestLookups } from '@renderer/db/ingest';
import { answerRow } from '../support/answers';

/** A case with three looked-up indicators, a neighbour node, notes, a move and an undone rename. */
async function buildCase(): Promise<string> {
  const rows = [
    answerRow('ip', { fetchedAt: '2026-05-01T10:00:00.000Z' }),
    answerRow('ip', { fetchedAt: '2026-05-03T10:00:00.000Z' }),
    answerRow('domain', { fetchedAt: '2026-05-02T10:00:00.000Z' }),
    answerRow('hash', { fetchedAt: '2026-05-02T11:00:00.000Z' }),
  ];
  await ingestLookups(db(), rows);
  const row = await cases.createCase(db(), 'Invoice wave');
  for (const lookup of rows) await cases.addNodes(db(), row.id, [lookup.entityId], { source: 'lookup', lookupId: lookup.id });
  await cases.addNodes(db(), row.id, ['ip:192.0.2.10'], { source: 'expand', from: 'domain:bad.example.com' });
  await cases.setNodeNotes(db(), row.id, 'domain:bad.example.com', 'phishing kit host');
  await cases.moveNodes(db(), row.id, [{ entityId: 'ip:203.0.113.45', to: { x: 1.5, y: -2 } }]);
  await cases.renameCase(db(), row.id, 'Renamed');
  await cases.undo(db(), row.id);
  return row.id;
}

async function dump() {
  const d = db();
  const sort = <T extends object>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
  return {
    lookups: sort(await d.lookups.toArray()),
    entities: sort(await d.entities.toArray()),
    relations: sort(await d.relations.toArray()),
    cases: sort(await d.cases.toArray()),
    caseNodes: sort(await d.caseNodes.toArray()),
    caseOps: sort(await d.caseOps.toArray()),
  };
}

async function exported(caseId: string): Promise<CaseFile> {
  const file = await exportCase(db(), caseId, 'TIP Workbench test');
  if (!file) throw new Error('no case');
  // Through text, as it travels.
  return JSON.parse(JSON.stringify(file)) as CaseFile;
}

describe('case files', () => {
  it('export → import into an empty store gives back every row of every table', async () => {
    const caseId = await buildCase();
    const before = await dump();
    const file = await exported(caseId);
    expect(validateCaseFile(file).ok).toBe(true);
    expect(file.lookups).toHaveLength(4);

    await resetDatabase();
    const outcome = await importCase(db(), file);
    expect(outcome).toMatchObject({ caseId, added: 4, known: 0, nodes: 4, copied: false });
    expect(await dump()).toEqual(before);
  });

  it('importing the same file twice does not duplicate answers; the second becomes a copy', async () => {
    const caseId = await buildCase();
    const file = await exported(caseId);
    const again = await importCase(db(), file);
    expect(again).toMatchObject({ added: 0, known: 4, copied: true });
    expect(again.caseId).not.toBe(caseId);
    expect(await db().lookups.count()).toBe(4);
    expect((await db().cases.get(again.caseId))?.name).toBe('Invoice wave (imported)');
  });

  it('brings a deleted case back from its file with the same id', async () => {
    const caseId = await buildCase();
    const file = await exported(caseId);
    await cases.deleteCase(db(), caseId);
    const outcome = await importCase(db(), file);
    expect(outcome).toMatchObject({ caseId, copied: false });
    expect((await db().cases.get(caseId))?.deletedAt).toBeNull();
  });

  it('exports a neighbour-only node with the answer that showed it, so the file stands alone', async () => {
    const caseId = await buildCase();
    const file = await exported(caseId);
    // 192.0.2.10 was never looked up; the domain answer names it.
    expect(file.nodes.some((n) => n.entityId === 'ip:192.0.2.10')).toBe(true);
    expect(validateCaseFile(file).ok).toBe(true);
  });
});

describe('a bad case file', () => {
  type Mutation = [string, (file: CaseFile & Record<string, unknown>) => unknown, RegExp];
  const bad: Mutation[] = [
    ['not a case file', (f) => ({ ...f, format: 'something-else' }), /^.*format: expected "tip-workbench-case"/],
    ['from a newer version', (f) => ({ ...f, version: 2 }), /version: .*newer TIP Workbench/],
    ['a case without a name', (f) => ({ ...f, case: { ...f.case, name: '   ' } }), /case\.name: is empty/],
    ['lookups not a list', (f) => ({ ...f, lookups: {} }), /lookups: expected a list/],
    ['an unknown lookup type', (f) => { (f.lookups[1] as unknown as Record<string, unknown>).type = 'email'; return f; }, /lookups\[1\]\.type: expected one of ip, domain, url, hash/],
    ['a bad time', (f) => { (f.lookups[2] as unknown as Record<string, unknown>).fetchedAt = 'yesterday'; return f; }, /lookups\[2\]\.fetchedAt: expected an ISO-8601 time/],
    ['a tampered answer id', (f) => { (f.lookups[0] as unknown as Record<string, unknown>).id = 'lk-0000'; return f; }, /lookups\[0\]\.id: does not match/],
    ['a value not in normal form', (f) => { const l = f.lookups.find((x) => x.type === 'domain'); if (l) l.value = 'BAD.example.com'; return f; }, /\.value: is not in normal form/],
    ['a malformed indicator', (f) => { const l = f.lookups.find((x) => x.type === 'ip'); if (l) l.value = '300.1.2.3'; return f; }, /\.value: .*is not an IPv4 or IPv6 address/],
    ['an answer without its body', (f) => { delete (f.lookups[0] as unknown as Record<string, unknown>).body; return f; }, /lookups\[0\]\.body: is missing/],
    ['a node nothing in the file names', (f) => { const n = f.nodes[0]; if (n) n.entityId = 'domain:elsewhere.example'; return f; }, /nodes\[0\]\.entityId: "domain:elsewhere\.example" is not named by any answer/],
    ['a node of another case', (f) => { const n = f.nodes[1]; if (n) n.caseId = 'other'; return f; }, /nodes\[1\]\.caseId: expected the case's id/],
    ['a duplicated node', (f) => ({ ...f, nodes: [...f.nodes, f.nodes[0]] }), /nodes\[\d+\]\.entityId: the node .* appears twice/],
    ['an operation naming a missing answer', (f) => { const op = f.ops.find((o) => o.kind === 'node.add'); if (op && op.kind === 'node.add' && op.via.source === 'lookup') op.via.lookupId = 'lk-missing'; return f; }, /ops\[\d+\]\.via\.lookupId: "lk-missing" is not an answer in the file/],
    ['an unknown operation', (f) => { (f.ops[0] as unknown as Record<string, unknown>).kind = 'node.explode'; return f; }, /ops\[0\]\.kind: expected one of/],
    ['a node whose provenance is missing', (f) => { const n = f.nodes[0]; if (n) n.addedBy = 'op-missing'; return f; }, /nodes\[0\]\.addedBy: "op-missing" is not an operation/],
    ['too many tags', (f) => { const n = f.nodes[0]; if (n) n.tags = Array.from({ length: 65 }, (_, i) => `t${i}`); return f; }, /nodes\[0\]\.tags: holds 65 entries, at most 64/],
  ];

  it.each(bad)('is refused when it is %s, and the store is unchanged', async (_name, mutate, message) => {
    const caseId = await buildCase();
    const file = await exported(caseId);
    await cases.purgeCase(db(), caseId);
    const before = await dump();
    const result = validateCaseFile(mutate(structuredClone(file) as CaseFile & Record<string, unknown>));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(result.error.message).toMatch(message);
      expect(result.error.message).toMatch(/Nothing was changed\.$/);
    }
    expect(await dump()).toEqual(before);
  });

  it('is refused when it is not JSON at all, or too big', () => {
    const broken = parseCaseFile('{"format": "tip-workbench-case", ');
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.error.message).toMatch(/not valid JSON/);
    const huge = parseCaseFile(' '.repeat(128 * 1024 * 1024 + 1));
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.error.message).toMatch(/larger than 128 MiB/);
  });

  it('writes nothing at all when the disk fills half-way through an import', async () => {
    const caseId = await buildCase();
    const file = await exported(caseId);
    await resetDatabase();
    const target = db();
    const full = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    target.caseOps.hook('creating', full);
    await expect(importCase(target, file)).rejects.toThrow();
    target.caseOps.hook('creating').unsubscribe(full);
    expect(await target.lookups.count()).toBe(0);
    expect(await target.entities.count()).toBe(0);
    expect(await target.cases.count()).toBe(0);
  });
});
