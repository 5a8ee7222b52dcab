/**
 * The credential vault against a real keychain: keytar → libsecret → gnome-keyring over D-Bus.
 * Run headless with `tools/with-keyring.sh npx vitest run --project integration tests/integration/keychain.test.ts`.
 * Without keytar's binary or a reachable Secret Service the tests are skipped, and the reason is
 * printed (by `npm test`, once, in its summary).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeytarStore, KeytarCredentialStore, type KeytarApi } from '../../src/main/credentials/keytar-store';
import { keychainAvailability } from '../support/keychain';
import { skipWithReason } from '../support/skips';
import { createCredentialVault } from '../../src/main/credentials/vault';
import { INSIDE, makeCertificateFixtures, type CertificateFixtures } from '../main/credentials-fixtures';

const WINDOWS_LIMIT = 2560;
const service = `tip-workbench-test-${process.pid}-${randomBytes(4).toString('hex')}`;

const availability = await keychainAvailability(service);

async function loadKeytar(): Promise<KeytarApi> {
  const loaded: { default?: KeytarApi } & Partial<KeytarApi> = await import('keytar');
  return loaded.default ?? (loaded as KeytarApi);
}

async function entriesOf(keytar: KeytarApi): Promise<Map<string, string>> {
  const found = await keytar.findCredentials(service);
  return new Map(found.map((entry) => [entry.account, entry.password]));
}

describe.skipIf(skipWithReason(availability.available ? null : availability.reason))('credential vault on a real keychain', () => {
  let keytar: KeytarApi;
  let fx: CertificateFixtures;

  beforeAll(async () => {
    keytar = await loadKeytar();
    fx = makeCertificateFixtures();
  });

  afterAll(async () => {
    fx?.cleanup();
    if (keytar === undefined) return;
    for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account);
  });

  it('stores, lists, reads back and deletes single entries', async () => {
    const store = new KeytarCredentialStore({ service });
    await store.set('probe-a', 'value ✓ with UTF-8');
    expect(await store.get('probe-a')).toBe('value ✓ with UTF-8');
    expect(await store.findAccounts()).toContain('probe-a');
    expect(await store.delete('probe-a')).toBe(true);
    expect(await store.get('probe-a')).toBeNull();
    expect(await store.delete('probe-a')).toBe(false);
  });

  it('chunks a PEM bundle larger than 2,560 bytes, reads it back whole, and deletes every part', async () => {
    const bundle = fx.client.cert + fx.client.key + fx.ca.cert;
    expect(Buffer.byteLength(bundle)).toBeGreaterThan(WINDOWS_LIMIT);

    const vault = createCredentialVault({ store: createKeytarStore({ service }), chunkBytes: WINDOWS_LIMIT, now: () => INSIDE });
    const imported = await vault.importCertificateFile(fx.files.bundle);
    expect(imported.ok).toBe(true);
    expect((await vault.setBasic('analyst', 'pw')).ok).toBe(true);

    // Looked at with keytar directly: a manifest plus numbered parts, none over the limit.
    const entries = await entriesOf(keytar);
    const parts = [...entries.keys()].filter((account) => /^certificate#[0-9a-f]{8}#\d+$/.test(account));
    expect(parts.length).toBeGreaterThanOrEqual(2);
    expect(entries.get('certificate')).toMatch(new RegExp(`^tipwb-chunks:1:${parts.length}:`));
    for (const value of entries.values()) expect(Buffer.byteLength(value, 'utf8')).toBeLessThanOrEqual(WINDOWS_LIMIT);
    const ordered = parts.sort((a, b) => Number(a.split('#')[2]) - Number(b.split('#')[2]));
    const record = JSON.parse(ordered.map((account) => entries.get(account)).join('')) as { cert: string; key: string };
    expect(record.key).toBe(fx.client.key);

    // Read back through a fresh vault (as after a restart).
    const again = createCredentialVault({ store: createKeytarStore({ service }), chunkBytes: WINDOWS_LIMIT, now: () => INSIDE });
    const auth = await again.getAuth();
    expect(auth).toEqual({
      ok: true,
      value: { kind: 'certificate', cert: fx.client.cert + fx.ca.cert, key: fx.client.key, user: 'analyst', password: 'pw' },
    });
    const status = await again.status();
    expect(status.ok && status.value.certificate).toEqual(imported.ok ? imported.value : null);

    const deleted = await again.delete('certificate');
    expect(deleted.ok).toBe(true);
    const left = [...(await entriesOf(keytar)).keys()];
    expect(left.filter((account) => account.startsWith('certificate'))).toEqual([]);
    expect(left).toContain('basic');

    expect((await again.delete('all')).ok).toBe(true);
    expect(await keytar.findCredentials(service)).toEqual([]);
  });

  it('never uses a part tampered with in the keychain, and removes the whole item', async () => {
    const vault = createCredentialVault({ store: createKeytarStore({ service }), chunkBytes: WINDOWS_LIMIT, now: () => INSIDE });
    expect((await vault.importCertificateFile(fx.files.bundle)).ok).toBe(true);
    await vault.setBasic('analyst', 'pw');
    const part = [...(await entriesOf(keytar)).keys()].find((account) => account.startsWith('certificate#')) ?? '';
    await keytar.setPassword(service, part, 'tampered');

    const auth = await vault.getAuth();
    expect(!auth.ok && auth.error.code).toBe('NO_CREDENTIALS');
    expect([...(await entriesOf(keytar)).keys()].filter((account) => account.startsWith('certificate'))).toEqual([]);
    await vault.delete('all');
  });
});
