// The cache rule and history: a stored answer is reused when fresh enough and asked for at least as
// much; an entity's history holds every answer, newest first.
import { describe, expect, it } from 'vitest';
import { db } from '@renderer/db/database';
import { covers, findCached, historyOf, latestAnswer, resolveEntityId } from '@renderer/db/answers';
import { ingestLookups } from '@renderer/db/ingest';
import { answerRow, hoursAgo, SHA256 } from '../support/answers';

const DAY = 24 * 3600 * 1000;
const ip = (fetchedAt: string, params = {}) => answerRow('ip', { fetchedAt, params });

describe('the cache rule', () => {
  it('reuses an answer younger than the TTL and not an older one', async () => {
    const now = Date.now();
    const row = ip(hoursAgo(3, now));
    await ingestLookups(db(), [row]);
    const request = { type: 'ip' as const, value: '203.0.113.45', params: { format: 'json' as const } };
    expect((await findCached(db(), request, DAY, now))?.id).toBe(row.id);
    expect(await findCached(db(), request, 2 * 3600 * 1000, now)).toBeUndefined();
    // Offline: any stored answer beats none.
    expect((await findCached(db(), request, Number.POSITIVE_INFINITY, now))?.id).toBe(row.id);
  });

  it('picks the newest answer that covers the request', async () => {
    const now = Date.now();
    const full = ip(hoursAgo(5, now));
    const partial = ip(hoursAgo(1, now), { sections: ['IpGeneralInfo'], count: 10 });
    await ingestLookups(db(), [full, partial]);
    const want = (params: object) => ({ type: 'ip' as const, value: '203.0.113.45', params: { format: 'json' as const, ...params } });
    expect((await findCached(db(), want({ sections: ['IpGeneralInfo'], count: 10 }), DAY, now))?.id).toBe(partial.id);
    // Every section, or more records than the newer answer holds: only the full one will do.
    expect((await findCached(db(), want({}), DAY, now))?.id).toBe(full.id);
    expect((await findCached(db(), want({ sections: ['IpGeneralInfo'], count: 100 }), DAY, now))?.id).toBe(full.id);
    expect(await findCached(db(), want({ format: 'stix' }), DAY, now)).toBeUndefined();
  });

  it.each([
    [{ format: 'json' }, { format: 'json', sections: ['Zone'] }, true],
    [{ format: 'json', sections: ['Zone'] }, { format: 'json' }, false],
    [{ format: 'json', sections: ['Zone', 'IpWhoIs'] }, { format: 'json', sections: ['IpWhoIs'] }, true],
    [{ format: 'json', count: 50 }, { format: 'json', count: 100 }, false],
    [{ format: 'json' }, { format: 'json', count: 1000 }, true],
    [{ format: 'stix' }, { format: 'stix', count: 5 }, true],
    [{ format: 'json' }, { format: 'stix' }, false],
  ] as const)('an answer asked with %j covers a request for %j: %s', (have, want, expected) => {
    expect(covers(have as never, want as never)).toBe(expected);
  });

  it('finds a file asked for by SHA-256 when the store knows it by MD5', async () => {
    const now = Date.now();
    const byMd5 = answerRow('hash', { fetchedAt: hoursAgo(2, now) });
    await ingestLookups(db(), [byMd5]);
    expect(await resolveEntityId(db(), 'hash', SHA256)).toBe(byMd5.entityId);
    const hit = await findCached(db(), { type: 'hash', value: SHA256, params: { format: 'json' } }, DAY, now);
    expect(hit?.id).toBe(byMd5.id);
  });
});

describe('history', () => {
  it('keeps every answer for an entity, newest first, and knows the latest', async () => {
    const rows = [ip('2026-05-01T00:00:00.000Z'), ip('2026-05-03T00:00:00.000Z'), ip('2026-05-02T00:00:00.000Z')];
    await ingestLookups(db(), rows);
    const history = await historyOf(db(), 'ip:203.0.113.45');
    expect(history.map((row) => row.fetchedAt)).toEqual(['2026-05-03T00:00:00.000Z', '2026-05-02T00:00:00.000Z', '2026-05-01T00:00:00.000Z']);
    expect((await latestAnswer(db(), 'ip:203.0.113.45'))?.fetchedAt).toBe('2026-05-03T00:00:00.000Z');
  });
});
