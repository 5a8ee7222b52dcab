/**
 * Certificate files for the credential tests, made with the demo PKI (tools/mock-tip/pki.ts) and
 * written to a temporary folder, so the vault reads real files the way it does in the app.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCa, encryptPrivateKey, issueCertificate, toPkcs12, type Pki } from '../../tools/mock-tip/pki';

export const DAY = 86_400_000;
/** Valid 2025-01-01 → 2026-01-01; tests set the vault's clock inside that window. */
export const VALID_FROM = new Date('2025-01-01T00:00:00.000Z');
export const VALID_TO = new Date('2026-01-01T00:00:00.000Z');
export const INSIDE = new Date('2025-06-01T00:00:00.000Z');

export const PASSPHRASE = 'Passphrase-S3cret-7f3a9';

export interface CertificateFixtures {
  dir: string;
  ca: Pki;
  client: Pki;
  files: Record<FixtureName, string>;
  cleanup(): void;
}

export type FixtureName =
  | 'bundle'
  | 'chainFirst'
  | 'encrypted'
  | 'pkcs12'
  | 'legacyPkcs12'
  | 'expired'
  | 'notYetValid'
  | 'keyMismatch'
  | 'certOnly'
  | 'derCertificate'
  | 'garbage'
  | 'garbagePem'
  | 'empty'
  | 'tooLarge';

export function makeCertificateFixtures(): CertificateFixtures {
  const dir = mkdtempSync(join(tmpdir(), 'tipwb-credentials-'));
  const ca = createCa({ notBefore: new Date('2024-01-01T00:00:00Z'), notAfter: new Date('2034-01-01T00:00:00Z') });
  const client = issueCertificate(ca, { commonName: 'analyst@example.com', kind: 'client', notBefore: VALID_FROM, notAfter: VALID_TO });
  const expired = issueCertificate(ca, {
    commonName: 'expired',
    kind: 'client',
    notBefore: new Date('2024-01-01T00:00:00Z'),
    notAfter: new Date('2025-01-01T00:00:00Z'),
  });
  const future = issueCertificate(ca, {
    commonName: 'future',
    kind: 'client',
    notBefore: new Date('2025-12-01T00:00:00Z'),
    notAfter: new Date('2027-01-01T00:00:00Z'),
  });
  const other = issueCertificate(ca, { commonName: 'someone else', kind: 'client', notBefore: VALID_FROM, notAfter: VALID_TO });

  const contents: Record<FixtureName, [string, string | Buffer]> = {
    bundle: ['bundle.pem', client.cert + client.key + ca.cert],
    chainFirst: ['chain-first.pem', ca.cert + client.cert + client.key],
    encrypted: ['encrypted.pem', client.cert + encryptPrivateKey(client.key, PASSPHRASE) + ca.cert],
    pkcs12: ['client.p12', toPkcs12(client, PASSPHRASE, { chain: [ca.cert] })],
    legacyPkcs12: ['legacy.pfx', toPkcs12(client, PASSPHRASE, { legacy: true })],
    expired: ['expired.pem', expired.cert + expired.key],
    notYetValid: ['future.pem', future.cert + future.key],
    keyMismatch: ['mismatch.pem', client.cert + other.key],
    certOnly: ['cert-only.pem', client.cert + ca.cert],
    derCertificate: ['client.cer', derOf(client.cert)],
    garbage: ['garbage.bin', Buffer.from('this is not a certificate at all\n'.repeat(20))],
    garbagePem: ['garbage.pem', '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n' + client.key],
    empty: ['empty.pem', ''],
    tooLarge: ['huge.pem', Buffer.alloc(1024 * 1024 + 1, 0x41)],
  };
  const files = {} as Record<FixtureName, string>;
  for (const [name, [file, data]] of Object.entries(contents) as Array<[FixtureName, [string, string | Buffer]]>) {
    files[name] = join(dir, file);
    writeFileSync(files[name], data);
  }
  return { dir, ca, client, files, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function derOf(pem: string): Buffer {
  const base64 = pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  return Buffer.from(base64, 'base64');
}
