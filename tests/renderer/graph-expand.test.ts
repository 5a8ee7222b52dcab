// An answer's neighbours joining a case: small fans one by one, large ones as a group, placed around
// their parent, as one operation that one Undo takes back.
import { describe, expect, it } from 'vitest';
import { groupNodeId } from '@shared/graph/group-id';
import { db } from '@renderer/db/database';
import { nodesOf, opsOf } from '@renderer/db/case-ops';
import { createCase, undo } from '@renderer/db/cases';
import { ingestLookups } from '@renderer/db/ingest';
import { addMembers, addWithNeighbours } from '@renderer/graph/expand';
import { answerRow, example } from './support/answers';

const IP = 'ip:203.0.113.45';

async function caseWithAnswer(body = example('ip')) {
  const row = answerRow('ip', { body });
  await ingestLookups(db(), [row]);
  const made = await createCase(db(), 'Graph');
  return { row, caseId: made.id };
}

describe('adding an answer with its neighbours', () => {
  it('adds the indicator and each neighbour of a small fan, placed, as one undoable operation', async () => {
    const { row, caseId } = await caseWithAnswer();
    const { added } = await addWithNeighbours(db(), caseId, IP, { source: 'lookup', lookupId: row.id, entityId: IP }, 25);
    expect(added.map((n) => n.entityId).sort()).toEqual(['domain:bad.example.com', 'file:0a1b2c3d4e5f60718293a4b5c6d7e8f9', IP].sort());
    expect(added.every((n) => n.position !== null)).toBe(true);
    const parent = added.find((n) => n.entityId === IP)?.position;
    for (const node of added.filter((n) => n.entityId !== IP)) {
      const d = Math.hypot((node.position?.x ?? 0) - (parent?.x ?? 0), (node.position?.y ?? 0) - (parent?.y ?? 0));
      expect(d).toBeGreaterThan(20);
      expect(d).toBeLessThan(400);
    }
    const ops = (await opsOf(db(), caseId).toArray()).filter((op) => op.kind === 'node.add');
    expect(ops).toHaveLength(1);
    await undo(db(), caseId);
    expect(await nodesOf(db(), caseId).count()).toBe(0);
  });

  it('folds a fan over the threshold into a group node, which opens into its members', async () => {
    const body = example('ip');
    body.IpDnsResolutions = Array.from({ length: 30 }, (_, i) => ({ Domain: `host${i}.example.com`, Zone: 'Grey', HitsCount: i }));
    const { row, caseId } = await caseWithAnswer(body);
    const { added, plan } = await addWithNeighbours(db(), caseId, IP, { source: 'lookup', lookupId: row.id }, 25);
    const group = groupNodeId(IP, 'resolves_to', 'in');
    expect(plan.groups.map((g) => [g.id, g.total, g.remaining])).toEqual([[group, 30, 30]]);
    expect(added.map((n) => n.entityId)).toContain(group);
    expect(added.some((n) => n.entityId.startsWith('domain:'))).toBe(false);

    const members = await addMembers(db(), caseId, group, ['domain:host29.example.com', 'domain:host28.example.com'], { source: 'expand', from: IP });
    expect(members.map((n) => n.entityId)).toEqual(['domain:host29.example.com', 'domain:host28.example.com']);
    // Expanding again adds nothing twice: the group is there, the small fans are there.
    const again = await addWithNeighbours(db(), caseId, IP, { source: 'expand', from: IP }, 25);
    expect(again.added).toEqual([]);
  });
});
