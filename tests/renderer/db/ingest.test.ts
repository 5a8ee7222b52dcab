// Every answer is kept as received, with what it teaches merged into entities and relations, in one
// transaction; the same answer twice changes nothing; a full disk loses nothing already stored.
import { describe, expect, it } from 'vitest';
import { lookupsToStixBundle } from '@shared/stix';
import { LOOKUP_TYPES } from '@shared/tip/types';
import { db } from '@renderer/db/database';
import { ingestLookups } from '@renderer/db/ingest';
import { answerRow, example, SHA256, VALUES } from '../support/answers';

async function tables() {
  const d = db();
  return {
    lookups: await d.lookups.toArray(),
    entities: await d.entities.toArray(),
    relations: await d.relations.toArray(),
  };
}

describe('ingesting answers', () => {
  it.each(LOOKUP_TYPES)('keeps a %s answer as received, with its entities and relations', async (type) => {
    const row = answerRow(type);
    await ingestLookups(db(), [row]);
    const stored = await db().lookups.get(row.id);
    expect(stored?.body).toEqual(example(type));
    expect(stored).toMatchObject({ type, value: VALUES[type], status: 200, zone: example(type).Zone });
    const entity = await db().entities.get(stored?.entityId ?? '');
    expect(entity).toMatchObject({ zone: example(type).Zone, lookedUpAt: row.fetchedAt, zoneFrom: 'lookup' });
    expect(await db().relations.count()).toBeGreaterThan(0);
  });

  it('maps the ip answer: the domain resolving to it and the file downloaded from it', async () => {
    await ingestLookups(db(), [answerRow('ip')]);
    const resolves = await db().relations.get('domain:bad.example.com|resolves_to|ip:203.0.113.45');
    expect(resolves).toMatchObject({ hits: 100, sections: ['IpDnsResolutions'] });
    const file = await db().entities.get('file:0a1b2c3d4e5f60718293a4b5c6d7e8f9');
    // Seen only as a neighbour: its zone comes from the list, and it was never looked up itself.
    expect(file).toMatchObject({ zone: 'Red', zoneFrom: 'neighbour' });
    expect(file?.lookedUpAt).toBeUndefined();
  });

  it('files a hash looked up by SHA-256 under its MD5, with the SHA-256 as an alias', async () => {
    const row = answerRow('hash', { value: SHA256 });
    await ingestLookups(db(), [row]);
    expect(row.entityId).toBe('file:0a1b2c3d4e5f60718293a4b5c6d7e8f9');
    const entity = await db().entities.get(row.entityId);
    expect(entity?.aliases).toContain(SHA256);
  });

  it('keeps a STIX answer as received and still learns from it', async () => {
    const bundle = lookupsToStixBundle([{ type: 'domain', value: VALUES.domain, body: example('domain'), fetchedAt: '2026-05-12T08:00:00.000Z' }]);
    const row = answerRow('domain', { body: bundle, params: { format: 'stix' } });
    await ingestLookups(db(), [row]);
    expect((await db().lookups.get(row.id))?.body).toEqual(bundle);
    expect(row.params.format).toBe('stix');
    expect(await db().relations.get('domain:bad.example.com|resolves_to|ip:192.0.2.10')).toBeDefined();
  });

  it('changes nothing when the same answer is ingested again', async () => {
    const row = answerRow('ip');
    await ingestLookups(db(), [row]);
    const before = await tables();
    const written = await ingestLookups(db(), [structuredClone(row)]);
    expect(written).toHaveLength(0);
    expect(await tables()).toEqual(before);
  });

  it('keeps every answer for an indicator and lets the latest decide its zone, whatever the order', async () => {
    const older = answerRow('ip', { fetchedAt: '2026-05-01T00:00:00.000Z' });
    const newerBody = { ...example('ip'), Zone: 'Red' };
    const newer = answerRow('ip', { fetchedAt: '2026-05-10T00:00:00.000Z', body: newerBody });
    await ingestLookups(db(), [newer]);
    await ingestLookups(db(), [older]);
    expect(await db().lookups.count()).toBe(2);
    expect((await db().entities.get('ip:203.0.113.45'))?.zone).toBe('Red');
    const edge = await db().relations.get('domain:bad.example.com|resolves_to|ip:203.0.113.45');
    expect(edge?.lookupIds).toEqual([older.id, newer.id].sort());
  });

  it('never throws on junk answers, and still keeps them', async () => {
    const junk = [null, 'garbage', 42, [], { IpDnsResolutions: 'not a list', Zone: 7 }];
    const rows = junk.map((body, i) => answerRow('ip', { body, fetchedAt: `2026-05-0${i + 1}T00:00:00.000Z` }));
    await ingestLookups(db(), rows);
    expect(await db().lookups.count()).toBe(junk.length);
    expect(await db().entities.get('ip:203.0.113.45')).toBeDefined();
  });

  it('on a full disk says so, writes nothing, and leaves what was stored intact', async () => {
    await ingestLookups(db(), [answerRow('domain')]);
    const before = await tables();
    const failing = db();
    const quota = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    failing.relations.hook('creating', quota);
    try {
      const { guardStorage } = await import('@renderer/db/errors');
      const result = await guardStorage('The answer for 203.0.113.45', () => ingestLookups(failing, [answerRow('ip')]));
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('STORAGE');
        expect(result.error.message).toMatch(/disk is full/);
        expect(result.error.message).toMatch(/Nothing was written/);
      }
    } finally {
      failing.relations.hook('creating').unsubscribe(quota);
    }
    expect(await tables()).toEqual(before);
  });
});
