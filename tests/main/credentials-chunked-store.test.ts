import { describe, expect, it } from 'vitest';
import { ChunkedItemStore, MANIFEST_PREFIX, splitUtf8 } from '../../src/main/credentials/chunked-store';
import { MemoryCredentialStore } from '../../src/main/credentials/memory-store';
import type { CredentialStore } from '../../src/main/credentials/store';

const LIMIT = 100;
const PART = /^certificate#[0-9a-f]{8}#\d+$/;

function bigValue(length: number, seed = 'x'): string {
  let out = '';
  for (let i = 0; out.length < length; i += 1) out += `${seed}${i.toString(36)}-`;
  return out.slice(0, length);
}

function partsOf(store: MemoryCredentialStore, item = 'certificate'): string[] {
  return Object.keys(store.snapshot()).filter((account) => account.startsWith(`${item}#`));
}

function setup(limit = LIMIT) {
  const memory = new MemoryCredentialStore();
  return { memory, items: new ChunkedItemStore(memory, { chunkBytes: limit }) };
}

describe('ChunkedItemStore', () => {
  it('keeps a small item as one entry under its own name', async () => {
    const { memory, items } = setup();
    await items.write('token', 'abc');
    expect(memory.snapshot()).toEqual({ token: 'abc' });
    expect(await items.read('token')).toEqual({ state: 'present', value: 'abc' });
  });

  it('splits a large item into parts no larger than the limit, with a manifest written last', async () => {
    const memory = new MemoryCredentialStore();
    const order: string[] = [];
    const recording: CredentialStore = {
      get: (a) => memory.get(a),
      set: (a, v) => (order.push(a), memory.set(a, v)),
      delete: (a) => memory.delete(a),
      findAccounts: () => memory.findAccounts(),
    };
    const items = new ChunkedItemStore(recording, { chunkBytes: LIMIT });
    const value = bigValue(1050);
    await items.write('certificate', value);

    const entries = memory.snapshot();
    const parts = partsOf(memory);
    expect(parts).toHaveLength(11);
    expect(parts.every((account) => PART.test(account))).toBe(true);
    for (const stored of Object.values(entries)) expect(Buffer.byteLength(stored, 'utf8')).toBeLessThanOrEqual(LIMIT);
    expect(entries.certificate?.startsWith(MANIFEST_PREFIX)).toBe(true);
    expect(order.at(-1)).toBe('certificate');
    expect(await items.read('certificate')).toEqual({ state: 'present', value });
  });

  it('splits multi-byte text on character boundaries', async () => {
    const { memory, items } = setup();
    const value = 'é✓😀'.repeat(60) + 'tail';
    await items.write('certificate', value);
    for (const stored of Object.values(memory.snapshot())) expect(Buffer.byteLength(stored, 'utf8')).toBeLessThanOrEqual(LIMIT);
    expect(await items.read('certificate')).toEqual({ state: 'present', value });
    expect(splitUtf8('😀😀😀', 5)).toEqual(['😀', '😀', '😀']);
  });

  it('stores a value that looks like a manifest verbatim', async () => {
    const { items } = setup();
    const value = `${MANIFEST_PREFIX}1:2:0000aaaa:not-a-hash`;
    await items.write('token', value);
    expect(await items.read('token')).toEqual({ state: 'present', value });
  });

  it('refuses a limit too small for the manifest', () => {
    expect(() => new ChunkedItemStore(new MemoryCredentialStore(), { chunkBytes: 40 })).toThrow(/at least/);
  });

  it('never uses a corrupted part: hash mismatch → damaged, and every entry of the item is deleted', async () => {
    const { memory, items } = setup();
    await items.write('certificate', bigValue(500));
    const [victim = ''] = partsOf(memory);
    await memory.set(victim, 'X'.repeat(((await memory.get(victim)) ?? '').length));

    expect(await items.read('certificate')).toEqual({ state: 'damaged', reason: 'hash mismatch' });
    expect(memory.snapshot()).toEqual({});
    expect(await items.read('certificate')).toEqual({ state: 'absent' });
  });

  it('never uses an item with a missing part', async () => {
    const { memory, items } = setup();
    await items.write('certificate', bigValue(500));
    await memory.delete(partsOf(memory)[2] ?? '');

    expect(await items.read('certificate')).toEqual({ state: 'damaged', reason: 'missing part' });
    expect(memory.snapshot()).toEqual({});
  });

  it('treats an unreadable manifest as damaged and deletes what it can still find', async () => {
    const { memory, items } = setup();
    await items.write('certificate', bigValue(500));
    const manifest = (await memory.get('certificate')) ?? '';
    await memory.set('certificate', manifest.slice(0, -5));
    expect(await items.read('certificate')).toEqual({ state: 'damaged', reason: 'unreadable manifest' });
    expect(memory.snapshot()).toEqual({});

    await items.write('certificate', bigValue(500));
    await memory.set('certificate', `${MANIFEST_PREFIX}garbage`);
    expect(await items.read('certificate')).toEqual({ state: 'damaged', reason: 'unreadable manifest' });
    expect(await items.read('certificate')).toEqual({ state: 'absent' });
  });

  it('treats parts without a manifest (a write cut short) as absent and deletes them on next use', async () => {
    const memory = new MemoryCredentialStore({
      'certificate#pending': 'tipwb-pending:1:0badc0de:2',
      'certificate#0badc0de#1': 'half',
      'certificate#0badc0de#2': 'written',
      token: 'kept',
    });
    const items = new ChunkedItemStore(memory, { chunkBytes: LIMIT });
    expect(await items.read('certificate')).toEqual({ state: 'absent' });
    expect(memory.snapshot()).toEqual({ token: 'kept' });
  });

  it('after a stop right behind the manifest, the next use deletes the parts of the previous version', async () => {
    const memory = new MemoryCredentialStore();
    const stopping: CredentialStore = {
      get: (a) => memory.get(a),
      set: (a, v) => memory.set(a, v),
      delete: async () => {
        throw new Error('app quit');
      },
      findAccounts: () => memory.findAccounts(),
    };
    await new ChunkedItemStore(memory, { chunkBytes: LIMIT }).write('certificate', bigValue(1000, 'old'));
    await new ChunkedItemStore(stopping, { chunkBytes: LIMIT }).write('certificate', bigValue(300, 'new'));
    expect(partsOf(memory).length).toBe(10 + 1 + 3);

    const restarted = new ChunkedItemStore(memory, { chunkBytes: LIMIT });
    expect(await restarted.read('certificate')).toEqual({ state: 'present', value: bigValue(300, 'new') });
    expect(partsOf(memory)).toHaveLength(3);
  });

  it('shrinking a record deletes the parts it no longer needs', async () => {
    const { memory, items } = setup();
    await items.write('certificate', bigValue(1000));
    expect(partsOf(memory)).toHaveLength(10);
    await items.write('certificate', bigValue(250, 'y'));
    expect(partsOf(memory)).toHaveLength(3);
    expect(await items.read('certificate')).toEqual({ state: 'present', value: bigValue(250, 'y') });
    await items.write('certificate', 'small');
    expect(memory.snapshot()).toEqual({ certificate: 'small' });
  });

  it('delete removes the manifest and every part, leftovers of an earlier longer version included', async () => {
    const memory = new MemoryCredentialStore();
    let deletesFail = false;
    const flaky: CredentialStore = {
      get: (a) => memory.get(a),
      set: (a, v) => memory.set(a, v),
      delete: async (a) => {
        if (deletesFail) throw new Error('keychain busy');
        return memory.delete(a);
      },
      findAccounts: () => memory.findAccounts(),
    };
    const items = new ChunkedItemStore(flaky, { chunkBytes: LIMIT });
    await items.write('token', 'other item');
    await items.write('certificate', bigValue(1200));
    deletesFail = true;
    await items.write('certificate', bigValue(400));
    deletesFail = false;
    expect(partsOf(memory).length).toBeGreaterThan(12);

    await items.remove('certificate');
    expect(memory.snapshot()).toEqual({ token: 'other item' });
  });

  it('never lists the keychain (keytar crashes listing a locked collection)', async () => {
    const memory = new MemoryCredentialStore();
    const noListing: CredentialStore = {
      get: (a) => memory.get(a),
      set: (a, v) => memory.set(a, v),
      delete: (a) => memory.delete(a),
      findAccounts: () => Promise.reject(new Error('findAccounts must not be called')),
    };
    const items = new ChunkedItemStore(noListing, { chunkBytes: LIMIT });
    await items.write('certificate', bigValue(900));
    await items.write('certificate', bigValue(300));
    expect(await items.read('certificate')).toEqual({ state: 'present', value: bigValue(300) });
    await items.remove('certificate');
    expect(memory.snapshot()).toEqual({});
  });

  it('a write that fails half-way leaves the previous version whole and no new parts behind', async () => {
    const memory = new MemoryCredentialStore();
    let failAfter = Number.POSITIVE_INFINITY;
    const flaky: CredentialStore = {
      get: (a) => memory.get(a),
      set: async (a, v) => {
        if (failAfter-- <= 0) throw new Error('disk full');
        return memory.set(a, v);
      },
      delete: (a) => memory.delete(a),
      findAccounts: () => memory.findAccounts(),
    };
    const items = new ChunkedItemStore(flaky, { chunkBytes: LIMIT });
    const old = bigValue(300, 'old');
    await items.write('certificate', old);
    const before = memory.snapshot();

    failAfter = 4;
    await expect(items.write('certificate', bigValue(900, 'new'))).rejects.toThrow('disk full');
    expect(memory.snapshot()).toEqual(before);
    expect(await items.read('certificate')).toEqual({ state: 'present', value: old });
  });

  it('a reader never sees a mix of two versions while a write is in progress', async () => {
    const memory = new MemoryCredentialStore();
    const pauses: Array<() => void> = [];
    let pauseAt = -1;
    const slow: CredentialStore = {
      get: (a) => memory.get(a),
      set: async (a, v) => {
        if (pauseAt-- === 0) {
          await new Promise<void>((resolve) => pauses.push(resolve));
        }
        return memory.set(a, v);
      },
      delete: (a) => memory.delete(a),
      findAccounts: () => memory.findAccounts(),
    };
    const writer = new ChunkedItemStore(slow, { chunkBytes: LIMIT });
    const old = bigValue(600, 'old');
    const next = bigValue(700, 'new');
    await writer.write('certificate', old);

    // Another reader on the same keychain (no shared lock) while the writer is mid-way.
    const reader = new ChunkedItemStore(memory, { chunkBytes: LIMIT });
    expect(await reader.read('certificate')).toEqual({ state: 'present', value: old });
    // Pause before the first part, mid-way, and just before the manifest (next = 7 parts + manifest).
    const steps: Array<[number, string, string]> = [
      [0, next, old],
      [3, old, next],
      [7, next, old],
    ];
    for (const [stopAfter, value, current] of steps) {
      pauseAt = stopAfter;
      const paused = writer.write('certificate', value);
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(pauses).toHaveLength(1);
      expect(await reader.read('certificate')).toEqual({ state: 'present', value: current });
      pauses.shift()?.();
      await paused;
      expect(await reader.read('certificate')).toEqual({ state: 'present', value });
    }
  });

  it('one store instance runs operations one at a time, so a read waits for a write', async () => {
    const { items } = setup();
    await items.write('certificate', bigValue(500, 'a'));
    const write = items.write('certificate', bigValue(800, 'b'));
    const read = items.read('certificate');
    await write;
    expect(await read).toEqual({ state: 'present', value: bigValue(800, 'b') });
  });

  it('rejects item names that could collide with part names', async () => {
    const { items } = setup();
    await expect(items.write('cert#1', 'x')).rejects.toThrow();
    await expect(items.write('token', '')).rejects.toThrow();
  });
});
