// Search across every stored entity: prefix and substring of the value, type and zone filters, and
// a file found by its SHA-256.
import { describe, expect, it } from 'vitest';
import { db } from '@renderer/db/database';
import { ingestLookups } from '@renderer/db/ingest';
import { searchEntities } from '@renderer/db/search';
import { answerRow, SHA256 } from '../support/answers';

async function seed(): Promise<void> {
  await ingestLookups(db(), [answerRow('ip'), answerRow('domain'), answerRow('hash'), answerRow('url')]);
}

const ids = async (query: Parameters<typeof searchEntities>[1]) => (await searchEntities(db(), query)).rows.map((r) => r.id);

describe('search', () => {
  it('finds by prefix first, then by substring', async () => {
    await seed();
    const found = await ids({ text: 'bad' });
    expect(found[0]).toBe('domain:bad.example.com');
    expect(found).toContain('url:bad.example.com/dl/payload.exe');
    const inside = await ids({ text: 'example.com' });
    expect(inside).toContain('domain:bad.example.com');
  });

  it('takes defanged text and any case', async () => {
    await seed();
    expect(await ids({ text: 'BAD[.]Example[.]com' })).toContain('domain:bad.example.com');
  });

  it('filters by type and by zone', async () => {
    await seed();
    const ipsOnly = await ids({ text: '.', types: ['ip'] });
    expect(ipsOnly.length).toBeGreaterThan(0);
    expect(ipsOnly.every((id) => id.startsWith('ip:'))).toBe(true);
    const red = (await searchEntities(db(), { text: '', zones: ['Red'] })).rows;
    expect(red.length).toBeGreaterThan(0);
    expect(red.every((row) => row.zone === 'Red')).toBe(true);
  });

  it('finds a file by its SHA-256, whole or a prefix', async () => {
    await seed();
    expect(await ids({ text: SHA256 })).toEqual(['file:0a1b2c3d4e5f60718293a4b5c6d7e8f9']);
    expect(await ids({ text: SHA256.slice(0, 12) })).toContain('file:0a1b2c3d4e5f60718293a4b5c6d7e8f9');
  });

  it('counts every match but returns a page', async () => {
    await seed();
    const all = await searchEntities(db(), { text: '', types: ['ip', 'domain', 'url', 'file'], limit: 2 });
    expect(all.rows).toHaveLength(2);
    expect(all.total).toBe(await db().entities.count());
  });

  it('sees entities stored after an earlier search', async () => {
    await ingestLookups(db(), [answerRow('ip')]);
    expect(await ids({ text: 'fedcba98' })).toEqual([]);
    await ingestLookups(db(), [answerRow('domain')]);
    expect(await ids({ text: 'fedcba98' })).toEqual(['file:fedcba9876543210fedcba9876543210']);
  });
});
