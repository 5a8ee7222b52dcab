// Forgetting old answers no case needs, and rebuilding what they taught from what remains.
import { describe, expect, it } from 'vitest';
import { db } from '@renderer/db/database';
import * as cases from '@renderer/db/cases';
import { ingestLookups } from '@renderer/db/ingest';
import { forgetOldAnswers, forgettableAnswers } from '@renderer/db/maintenance';
import { answerRow, example } from '../support/answers';

const NOW = Date.parse('2026-06-30T00:00:00.000Z');

describe('forgetting old answers', () => {
  it('forgets only old answers that no case needs, and the entities only they named', async () => {
    const oldIp = answerRow('ip', { fetchedAt: '2026-01-01T00:00:00.000Z' });
    const oldDomain = answerRow('domain', { fetchedAt: '2026-01-02T00:00:00.000Z' });
    const recentHash = answerRow('hash', { fetchedAt: '2026-06-29T00:00:00.000Z' });
    await ingestLookups(db(), [oldIp, oldDomain, recentHash]);
    const kept = await cases.createCase(db(), 'Keeps the domain');
    await cases.addNodes(db(), kept.id, [oldDomain.entityId], { source: 'lookup', lookupId: oldDomain.id });

    expect((await forgettableAnswers(db(), 90, NOW)).map((r) => r.id)).toEqual([oldIp.id]);
    expect(await forgetOldAnswers(db(), 90, NOW)).toBe(1);
    expect(await db().lookups.get(oldIp.id)).toBeUndefined();
    expect(await db().lookups.get(oldDomain.id)).toBeDefined();
    // The IP was only ever named by its own answer: gone. The domain stays, still Red.
    expect(await db().entities.get('ip:203.0.113.45')).toBeUndefined();
    expect((await db().entities.get('domain:bad.example.com'))?.zone).toBe('Red');
    expect(await db().relations.get('domain:bad.example.com|resolves_to|ip:203.0.113.45')).toBeUndefined();
  });

  it('rebuilds an entity from the answers that remain, so its zone never rests on a forgotten one', async () => {
    const old = answerRow('ip', { fetchedAt: '2026-01-01T00:00:00.000Z', body: { ...example('ip'), Zone: 'Red' } });
    const recent = answerRow('ip', { fetchedAt: '2026-06-20T00:00:00.000Z', body: { ...example('ip'), Zone: 'Green' } });
    await ingestLookups(db(), [old, recent]);
    // An even older answer had set the domain's zone as a neighbour; the recent one still names it.
    expect(await forgetOldAnswers(db(), 90, NOW)).toBe(1);
    expect((await db().entities.get('ip:203.0.113.45'))?.zone).toBe('Green');
    expect((await db().entities.get('ip:203.0.113.45'))?.firstObservedAt).toBe(recent.fetchedAt);
    const edge = await db().relations.get('domain:bad.example.com|resolves_to|ip:203.0.113.45');
    expect(edge?.lookupIds).toEqual([recent.id]);
  });
});
