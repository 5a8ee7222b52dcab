import { createPrivateKey, X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCa, encryptPrivateKey, issueCertificate, type Pki, toPkcs12 } from '../../tools/mock-tip/pki';

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

function oid(name: string): string {
  const value = forge.pki.oids[name];
  if (value === undefined) throw new Error(`no OID named ${name}`);
  return value;
}

describe('test PKI (node-forge)', () => {
  let ca: Pki;
  let client: Pki;

  beforeAll(() => {
    ca = createCa({ commonName: 'Unit Test CA' });
    client = issueCertificate(ca, { commonName: 'unit-client', kind: 'client' });
  });

  it('makes a CA that is a CA, with the given name and dates', () => {
    const notBefore = new Date('2024-01-01T00:00:00Z');
    const notAfter = new Date('2034-01-01T00:00:00Z');
    const dated = createCa({ commonName: 'Dated CA', notBefore, notAfter, keyBits: 1024 });
    const cert = new X509Certificate(dated.cert);
    expect(cert.ca).toBe(true);
    expect(cert.subject).toContain('CN=Dated CA');
    expect(cert.issuer).toBe(cert.subject);
    expect(new Date(cert.validFrom).toISOString()).toBe(notBefore.toISOString());
    expect(new Date(cert.validTo).toISOString()).toBe(notAfter.toISOString());
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(1024);
  });

  it('issues a server certificate for localhost and 127.0.0.1, signed by the CA', () => {
    const server = issueCertificate(ca, { commonName: 'localhost', kind: 'server', altNames: ['localhost', '127.0.0.1'] });
    const cert = new X509Certificate(server.cert);
    expect(cert.ca).toBe(false);
    expect(cert.verify(new X509Certificate(ca.cert).publicKey)).toBe(true);
    expect(cert.checkPrivateKey(createPrivateKey(server.key))).toBe(true);
    expect(cert.subjectAltName).toContain('DNS:localhost');
    expect(cert.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.keyUsage).toEqual([SERVER_AUTH]);
    expect(cert.issuer).toContain('CN=Unit Test CA');
    expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it('issues client certificates for client authentication, honouring dates (expired ones too)', () => {
    expect(new X509Certificate(client.cert).keyUsage).toEqual([CLIENT_AUTH]);
    const notBefore = new Date('2020-01-01T00:00:00Z');
    const notAfter = new Date('2021-01-01T00:00:00Z');
    const expired = issueCertificate(ca, { commonName: 'old-client', kind: 'client', notBefore, notAfter, keyBits: 1024 });
    const cert = new X509Certificate(expired.cert);
    expect(new Date(cert.validFrom).toISOString()).toBe(notBefore.toISOString());
    expect(new Date(cert.validTo).toISOString()).toBe(notAfter.toISOString());
    expect(cert.subject).toContain('CN=old-client');
  });

  it('writes PEM with \\n line ends and a final newline', () => {
    for (const pem of [ca.cert, ca.key, client.cert, client.key, encryptPrivateKey(client.key, 'x')]) {
      expect(pem.endsWith('-----\n')).toBe(true);
      expect(pem).not.toContain('\r');
    }
  });

  it('encrypts a private key as AES-256 PKCS#8 that Node reads with the passphrase only', () => {
    const encrypted = encryptPrivateKey(client.key, 'correct horse');
    expect(encrypted.startsWith('-----BEGIN ENCRYPTED PRIVATE KEY-----\n')).toBe(true);
    const key = createPrivateKey({ key: encrypted, passphrase: 'correct horse' });
    expect(new X509Certificate(client.cert).checkPrivateKey(key)).toBe(true);
    expect(() => createPrivateKey({ key: encrypted, passphrase: 'wrong' })).toThrow();
    expect(() => createPrivateKey(encrypted)).toThrow();
    // The same key works as a TLS client identity.
    expect(() => tls.createSecureContext({ cert: client.cert, key: encrypted, passphrase: 'correct horse' })).not.toThrow();
  });

  it('makes an AES-256 PKCS#12 that Node 20 loads, and refuses a wrong passphrase', () => {
    const pfx = toPkcs12(client, 'p12-pass', { chain: [ca.cert], friendlyName: 'unit client' });
    expect(() => tls.createSecureContext({ pfx, passphrase: 'p12-pass' })).not.toThrow();
    expect(() => tls.createSecureContext({ pfx, passphrase: 'nope' })).toThrow(/mac verify failure/);
    const parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(pfx.toString('binary')), 'p12-pass');
    const certs = parsed.getBags({ bagType: oid('certBag') })[oid('certBag')] ?? [];
    expect(certs).toHaveLength(2);
    const friendly = parsed.getBags({ friendlyName: 'unit client' }).friendlyName ?? [];
    expect(friendly.length).toBeGreaterThan(0);
  });

  it('makes a legacy PKCS#12 that Node 20 (OpenSSL 3) refuses although the file is well formed', () => {
    const legacy = toPkcs12(client, 'p12-pass', { legacy: true });
    expect(() => tls.createSecureContext({ pfx: legacy, passphrase: 'p12-pass' })).toThrow(/Unsupported PKCS12 PFX data/);
    // forge still reads it: the refusal is OpenSSL 3 rejecting RC2-40, not a broken file.
    const parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(legacy.toString('binary')), 'p12-pass');
    expect(parsed.safeContents.map((contents) => contents.encrypted)).toContain(true);
    const keyBags = parsed.getBags({ bagType: oid('pkcs8ShroudedKeyBag') })[oid('pkcs8ShroudedKeyBag')] ?? [];
    expect(keyBags).toHaveLength(1);
    const certBags = parsed.getBags({ bagType: oid('certBag') })[oid('certBag')] ?? [];
    expect(certBags[0]?.cert?.subject.getField('CN')?.value).toBe('unit-client');
  });
});
