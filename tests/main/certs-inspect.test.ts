import { createPrivateKey, X509Certificate } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectClientMaterial, type ClientMaterial } from '../../src/main/certs/inspect';
import { secureContextOptionsFor } from '../../src/main/certs/secure-context';
import { createCa, encryptPrivateKey, issueCertificate, toPkcs12 as packPkcs12, type Pki } from '../../tools/mock-tip/pki';

type Issued = Pki;

function issue(ca: Pki, options: { commonName?: string; notBefore?: Date; notAfter?: Date } = {}): Pki {
  return issueCertificate(ca, { commonName: 'analyst@example.com', kind: 'client', ...options });
}

/** PKCS#8 from the mock PKI, or the traditional OpenSSL form (Proc-Type header) from Node. */
function encryptKey(keyPem: string, passphrase: string, form: 'pkcs8' | 'traditional' = 'pkcs8'): string {
  if (form === 'pkcs8') return encryptPrivateKey(keyPem, passphrase);
  return createPrivateKey(keyPem)
    .export({ type: 'pkcs1', format: 'pem', cipher: 'aes-256-cbc', passphrase })
    .toString();
}

function toPkcs12(key: string, [cert = '', ...chain]: string[], passphrase: string, kind: 'aes256' | 'legacy' = 'aes256'): Buffer {
  return packPkcs12({ cert, key }, passphrase, { chain, legacy: kind === 'legacy' });
}

const DAY = 86_400_000;
const PASS = 'correct horse battery staple';

let ca: Issued;
let client: Issued;
let other: Issued;

beforeAll(() => {
  ca = createCa({ commonName: 'Workbench Test CA' });
  client = issue(ca, { commonName: 'analyst@example.com' });
  other = issue(ca, { commonName: 'someone-else@example.com' });
});

function expectError(material: ClientMaterial, code: string, now?: Date): string {
  const result = inspectClientMaterial(material, now);
  if (result.ok) throw new Error('expected the material to be refused');
  expect(result.error.code).toBe(code);
  expect(result.error.message).not.toContain(PASS);
  expect(result.error.message).not.toMatch(/MII[A-Za-z0-9+/]{8}/); // no DER/base64 key bytes
  return result.error.message;
}

describe('PEM', () => {
  it('describes a good certificate with its metadata', () => {
    const result = inspectClientMaterial({ kind: 'pem', cert: client.cert, key: client.key });
    if (!result.ok) throw new Error(result.error.message);
    const x509 = new X509Certificate(client.cert);
    expect(result.value).toMatchObject({
      format: 'pem',
      subject: 'CN=analyst@example.com, O=TIP Workbench demo',
      issuer: 'CN=Workbench Test CA, O=TIP Workbench demo',
      serialNumber: x509.serialNumber.toUpperCase(),
      fingerprint256: x509.fingerprint256,
      chainLength: 0,
      chain: [],
    });
    expect(result.value.daysLeft).toBeGreaterThanOrEqual(728);
    expect(result.value.daysLeft).toBeLessThanOrEqual(730);
    expect(new Date(result.value.validTo).getTime()).toBe(new Date(x509.validTo).getTime());
  });

  it('returns the extra CA certificates as the chain, whatever their order in the file', () => {
    const result = inspectClientMaterial({ kind: 'pem', cert: ca.cert + client.cert, key: client.key });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.subject).toContain('analyst@example.com');
    expect(result.value.chainLength).toBe(1);
    expect(result.value.chain[0]).toContain('BEGIN CERTIFICATE');
    expect(new X509Certificate(result.value.chain[0] ?? '').subject).toContain('Workbench Test CA');
  });

  it('accepts PEM text without trailing newlines and a combined cert+key file', () => {
    const combined = client.cert.trim() + '\n' + client.key.trim();
    expect(inspectClientMaterial({ kind: 'pem', cert: combined, key: '' }).ok).toBe(true);
    expect(inspectClientMaterial({ kind: 'pem', cert: client.cert.trim(), key: client.key.trim() }).ok).toBe(true);
  });

  it('says when the certificate or the key is missing', () => {
    expect(expectError({ kind: 'pem', cert: 'hello', key: client.key }, 'CERT_INVALID')).toContain('No certificate');
    expect(expectError({ kind: 'pem', cert: client.cert, key: '' }, 'CERT_INVALID')).toContain('No private key');
  });

  it('says when the certificate is damaged', () => {
    const damaged = client.cert.replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAAAAAAAAAAAAAAAAAA');
    expect(expectError({ kind: 'pem', cert: damaged, key: client.key }, 'CERT_INVALID')).toContain('damaged');
  });

  it('opens an encrypted key with its passphrase (PKCS#8 and traditional forms)', () => {
    for (const form of ['pkcs8', 'traditional'] as const) {
      const key = encryptKey(client.key, PASS, form);
      expect(inspectClientMaterial({ kind: 'pem', cert: client.cert, key, passphrase: PASS }).ok).toBe(true);
    }
  });

  it('asks for the passphrase of an encrypted key, and refuses a wrong one', () => {
    for (const form of ['pkcs8', 'traditional'] as const) {
      const key = encryptKey(client.key, PASS, form);
      expect(expectError({ kind: 'pem', cert: client.cert, key }, 'BAD_PASSPHRASE')).toContain('enter its passphrase');
      expect(expectError({ kind: 'pem', cert: client.cert, key, passphrase: 'wrong' }, 'BAD_PASSPHRASE')).toContain(
        'does not unlock',
      );
    }
  });

  it('refuses a key that belongs to another certificate', () => {
    const message = expectError({ kind: 'pem', cert: client.cert, key: other.key }, 'CERT_INVALID');
    expect(message).toContain('does not belong to the certificate ‘CN=analyst@example.com');
  });

  it('says expired, with the date', () => {
    const expired = issue(ca, { notBefore: new Date(Date.UTC(2020, 0, 1)), notAfter: new Date(Date.UTC(2021, 0, 1)) });
    const message = expectError({ kind: 'pem', cert: expired.cert, key: expired.key }, 'CERT_EXPIRED');
    expect(message).toContain('expired on 2021-01-01T00:00:00.000Z');
  });

  it('says not yet valid, with the date', () => {
    const future = new Date(Date.now() + 10 * DAY);
    future.setUTCMilliseconds(0);
    const early = issue(ca, { notBefore: future, notAfter: new Date(future.getTime() + 30 * DAY) });
    const message = expectError({ kind: 'pem', cert: early.cert, key: early.key }, 'CERT_EXPIRED');
    expect(message).toContain(`not valid yet: it becomes valid on ${future.toISOString()}`);
  });

  it('judges validity at the given moment', () => {
    const material: ClientMaterial = { kind: 'pem', cert: client.cert, key: client.key };
    expect(expectError(material, 'CERT_EXPIRED', new Date(Date.now() + 800 * DAY))).toContain('expired on');
    expect(expectError(material, 'CERT_EXPIRED', new Date(Date.now() - 365 * DAY))).toContain('not valid yet');
  });
});

describe('PKCS#12', () => {
  it('reads an AES-256 PKCS#12 with its chain', () => {
    const pfx = toPkcs12(client.key, [client.cert, ca.cert], PASS, 'aes256');
    const result = inspectClientMaterial({ kind: 'pkcs12', pfx, passphrase: PASS });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.format).toBe('pkcs12');
    expect(result.value.fingerprint256).toBe(new X509Certificate(client.cert).fingerprint256);
    expect(result.value.chainLength).toBe(1);
  });

  it('accepts a Uint8Array as well as a Buffer', () => {
    const pfx = new Uint8Array(toPkcs12(client.key, [client.cert], PASS));
    expect(inspectClientMaterial({ kind: 'pkcs12', pfx, passphrase: PASS }).ok).toBe(true);
  });

  it('refuses a wrong or missing passphrase without throwing', () => {
    const pfx = toPkcs12(client.key, [client.cert], PASS);
    expect(expectError({ kind: 'pkcs12', pfx, passphrase: 'wrong' }, 'BAD_PASSPHRASE')).toContain('does not open');
    expect(expectError({ kind: 'pkcs12', pfx }, 'BAD_PASSPHRASE')).toContain('enter its passphrase');
  });

  it('refuses legacy encryption (3DES + RC2-40) and says how to re-export with AES-256', () => {
    const pfx = toPkcs12(client.key, [client.cert], PASS, 'legacy');
    const message = expectError({ kind: 'pkcs12', pfx, passphrase: PASS }, 'CERT_INVALID');
    expect(message).toContain('legacy encryption');
    expect(message).toContain('-keypbe AES-256-CBC -certpbe AES-256-CBC');
  });

  it('refuses a key that does not match the certificate', () => {
    const pfx = toPkcs12(other.key, [client.cert], PASS);
    expect(expectError({ kind: 'pkcs12', pfx, passphrase: PASS }, 'CERT_INVALID')).toContain('does not belong');
  });

  it('refuses what is not PKCS#12 at all', () => {
    const pfx = Buffer.from('not a certificate');
    expect(expectError({ kind: 'pkcs12', pfx, passphrase: PASS }, 'CERT_INVALID')).toContain('not a readable PKCS#12');
  });

  it('says when a PKCS#12 certificate has expired', () => {
    const expired = issue(ca, { notBefore: new Date(Date.UTC(2020, 0, 1)), notAfter: new Date(Date.UTC(2021, 0, 1)) });
    const pfx = toPkcs12(expired.key, [expired.cert], PASS);
    expect(expectError({ kind: 'pkcs12', pfx, passphrase: PASS }, 'CERT_EXPIRED')).toContain('expired on 2021-01-01');
  });
});

describe('secureContextOptionsFor', () => {
  it('adds the extra CA to the system roots instead of replacing them', () => {
    const options = secureContextOptionsFor(undefined, undefined, ca.cert.trim());
    const roots = options.ca as string[];
    expect(roots.length).toBeGreaterThan(100);
    expect(roots[roots.length - 1]).toBe(ca.cert);
    expect(options.minVersion).toBe('TLSv1.2');
  });

  it('puts the leaf certificate first so TLS presents the right one', () => {
    const material: ClientMaterial = { kind: 'pem', cert: ca.cert + client.cert, key: client.key };
    const inspected = inspectClientMaterial(material);
    if (!inspected.ok) throw new Error(inspected.error.message);
    const options = secureContextOptionsFor(material, inspected.value);
    expect(String(options.cert).indexOf('-----BEGIN CERTIFICATE-----')).toBe(0);
    expect(new X509Certificate(String(options.cert)).fingerprint256).toBe(new X509Certificate(client.cert).fingerprint256);
    expect(() => createSecureContext(options)).not.toThrow();
  });

  it('builds a usable context from an encrypted key and from PKCS#12', () => {
    const pem: ClientMaterial = { kind: 'pem', cert: client.cert, key: encryptKey(client.key, PASS), passphrase: PASS };
    const p12: ClientMaterial = { kind: 'pkcs12', pfx: toPkcs12(client.key, [client.cert], PASS), passphrase: PASS };
    for (const material of [pem, p12]) {
      const inspected = inspectClientMaterial(material);
      if (!inspected.ok) throw new Error(inspected.error.message);
      expect(() => createSecureContext(secureContextOptionsFor(material, inspected.value))).not.toThrow();
    }
  });
});
