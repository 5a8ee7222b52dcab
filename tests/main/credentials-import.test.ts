import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../src/main/credentials/memory-store';
import { createCredentialVault, type CredentialVault } from '../../src/main/credentials/vault';
import { INSIDE, makeCertificateFixtures, PASSPHRASE, type CertificateFixtures } from './credentials-fixtures';

let fx: CertificateFixtures;
beforeAll(() => {
  fx = makeCertificateFixtures();
}, 60_000);
afterAll(() => fx.cleanup());

function setup(chunkBytes?: number): { memory: MemoryCredentialStore; vault: CredentialVault } {
  const memory = new MemoryCredentialStore();
  const vault = createCredentialVault({ store: memory, now: () => INSIDE, ...(chunkBytes ? { chunkBytes } : {}) });
  return { memory, vault };
}

function certificateEntries(memory: MemoryCredentialStore): string[] {
  return Object.keys(memory.snapshot()).filter((account) => account.startsWith('certificate'));
}

async function authOf(vault: CredentialVault) {
  await vault.setBasic('analyst', 'pw');
  const auth = await vault.getAuth();
  if (!auth.ok) throw new Error(auth.error.message);
  return auth.value;
}

describe('importCertificateFile: good files', () => {
  it('imports a PEM bundle (certificate + key + chain) and answers metadata only', async () => {
    const { vault } = setup();
    const result = await vault.importCertificateFile(fx.files.bundle);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      format: 'pem',
      chainLength: 1,
      validFrom: '2025-01-01T00:00:00.000Z',
      validTo: '2026-01-01T00:00:00.000Z',
      daysLeft: 214,
      fingerprint256: new X509Certificate(fx.client.cert).fingerprint256,
    });
    expect(result.value.subject).toContain('analyst@example.com');
    expect(Object.keys(result.value).sort()).toEqual(
      ['chainLength', 'daysLeft', 'fingerprint256', 'format', 'issuer', 'serialNumber', 'subject', 'validFrom', 'validTo'],
    );

    const status = await vault.status();
    expect(status.ok && status.value.certificate).toEqual(result.value);
    const auth = await authOf(vault);
    expect(auth).toEqual({ kind: 'certificate', cert: fx.client.cert + fx.ca.cert, key: fx.client.key, user: 'analyst', password: 'pw' });
  });

  it('stores the leaf first even when the file lists the chain first', async () => {
    const { vault } = setup();
    expect((await vault.importCertificateFile(fx.files.chainFirst)).ok).toBe(true);
    const auth = await authOf(vault);
    expect(auth.kind === 'certificate' && auth.cert).toBe(fx.client.cert + fx.ca.cert);
  });

  it('imports a PEM with an encrypted key and keeps its passphrase for the TLS agent', async () => {
    const { vault } = setup();
    expect((await vault.importCertificateFile(fx.files.encrypted, PASSPHRASE)).ok).toBe(true);
    const auth = await authOf(vault);
    expect(auth).toMatchObject({ kind: 'certificate', passphrase: PASSPHRASE });
    expect(auth.kind === 'certificate' && auth.key).toContain('BEGIN ENCRYPTED PRIVATE KEY');
  });

  it('does not keep a passphrase given for a key that is not encrypted', async () => {
    const { vault } = setup();
    expect((await vault.importCertificateFile(fx.files.bundle, 'needless')).ok).toBe(true);
    expect(await authOf(vault)).not.toHaveProperty('passphrase');
  });

  it('imports a PKCS#12 file as is, with its passphrase', async () => {
    const { vault } = setup();
    const result = await vault.importCertificateFile(fx.files.pkcs12, PASSPHRASE);
    expect(result.ok && result.value.format).toBe('pkcs12');
    expect(result.ok && result.value.chainLength).toBe(1);
    const auth = await authOf(vault);
    expect(auth.kind).toBe('pkcs12');
    if (auth.kind !== 'pkcs12') return;
    expect(Buffer.compare(auth.pfx, readFileSync(fx.files.pkcs12))).toBe(0);
    expect(auth.passphrase).toBe(PASSPHRASE);
  });

  it('splits a stored certificate over many entries when the keychain limit is small, and reads it back whole', async () => {
    const { memory, vault } = setup(100);
    expect((await vault.importCertificateFile(fx.files.bundle)).ok).toBe(true);
    expect(certificateEntries(memory).length).toBeGreaterThan(40);
    for (const value of Object.values(memory.snapshot())) expect(Buffer.byteLength(value)).toBeLessThanOrEqual(100);
    expect(await authOf(vault)).toMatchObject({ cert: fx.client.cert + fx.ca.cert, key: fx.client.key });
  });

  it('replacing a certificate by a shorter one leaves no parts of the old one', async () => {
    const { memory, vault } = setup(256);
    expect((await vault.importCertificateFile(fx.files.pkcs12, PASSPHRASE)).ok).toBe(true);
    const before = certificateEntries(memory).length;
    expect((await vault.importCertificateFile(fx.files.chainFirst)).ok).toBe(true);
    const parts = certificateEntries(memory).filter((account) => account.includes('#'));
    expect(parts.length).toBeLessThan(before - 1);
    expect(new Set(parts.map((account) => account.split('#')[1])).size).toBe(1);
    const manifest = memory.snapshot().certificate ?? '';
    expect(manifest.split(':')[2]).toBe(String(parts.length));
  });
});

describe('importCertificateFile: bad files store nothing', () => {
  const cases: Array<{ name: string; file: () => string; passphrase?: string; code: string; message: RegExp }> = [
    { name: 'expired', file: () => fx.files.expired, code: 'CERT_EXPIRED', message: /expired on 2025-01-01.*renewed/ },
    { name: 'not yet valid', file: () => fx.files.notYetValid, code: 'CERT_EXPIRED', message: /not valid yet.*2025-12-01/ },
    { name: 'wrong PEM passphrase', file: () => fx.files.encrypted, passphrase: 'wrong-one', code: 'BAD_PASSPHRASE', message: /passphrase/ },
    { name: 'missing PEM passphrase', file: () => fx.files.encrypted, code: 'BAD_PASSPHRASE', message: /enter its passphrase/ },
    { name: 'wrong PKCS#12 passphrase', file: () => fx.files.pkcs12, passphrase: 'wrong-one', code: 'BAD_PASSPHRASE', message: /passphrase/ },
    { name: 'legacy PKCS#12', file: () => fx.files.legacyPkcs12, passphrase: PASSPHRASE, code: 'CERT_INVALID', message: /legacy/ },
    { name: 'key of another certificate', file: () => fx.files.keyMismatch, code: 'CERT_INVALID', message: /does not belong/ },
    { name: 'certificate without key', file: () => fx.files.certOnly, code: 'CERT_INVALID', message: /No private key/ },
    { name: 'bare DER certificate', file: () => fx.files.derCertificate, code: 'CERT_INVALID', message: /only a certificate/ },
    { name: 'garbage file', file: () => fx.files.garbage, code: 'CERT_INVALID', message: /neither a PEM file .* nor a PKCS#12 file/ },
    { name: 'damaged PEM', file: () => fx.files.garbagePem, code: 'CERT_INVALID', message: /damaged/ },
    { name: 'empty file', file: () => fx.files.empty, code: 'CERT_INVALID', message: /empty/ },
    { name: 'file over 1 MiB', file: () => fx.files.tooLarge, code: 'CERT_INVALID', message: /larger than 1 MiB/ },
    { name: 'missing file', file: () => `${fx.dir}/nope.pem`, code: 'STORAGE', message: /could not be read \(not found\)/ },
    { name: 'a folder', file: () => fx.dir, code: 'STORAGE', message: /could not be read/ },
  ];

  for (const c of cases) {
    it(`${c.name} → ${c.code}`, async () => {
      const { memory, vault } = setup();
      const result = await vault.importCertificateFile(c.file(), c.passphrase);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe(c.code);
      expect(result.error.message).toMatch(c.message);
      expect(certificateEntries(memory)).toEqual([]);
      const status = await vault.status();
      expect(status.ok && status.value.certificate).toBeNull();
    });
  }

  it('a failed import keeps the certificate stored before it', async () => {
    const { vault } = setup(100);
    const first = await vault.importCertificateFile(fx.files.bundle);
    expect((await vault.importCertificateFile(fx.files.expired)).ok).toBe(false);
    const status = await vault.status();
    expect(first.ok && status.ok && status.value.certificate).toEqual(first.ok ? first.value : null);
    expect(await authOf(vault)).toMatchObject({ key: fx.client.key });
  });

  it('refuses an over-long file through an injected reader too, without storing', async () => {
    const memory = new MemoryCredentialStore();
    const vault = createCredentialVault({ store: memory, now: () => INSIDE, readFile: async () => new Uint8Array(1024 * 1024 + 1) });
    const result = await vault.importCertificateFile('/anything.p12');
    expect(!result.ok && result.error.code).toBe('CERT_INVALID');
    expect(memory.snapshot()).toEqual({});
  });
});
