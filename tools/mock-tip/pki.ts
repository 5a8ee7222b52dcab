/**
 * Test PKI in JavaScript (node-forge): a CA, server and client certificates, an encrypted private
 * key and PKCS#12 files, with no `openssl` binary.
 *
 * Every function here is synchronous: forge hands RSA key generation to Node's native
 * `crypto.generateKeyPairSync`, measured at 100–400 ms per 2048-bit key on this machine (pure-JS
 * forge takes ~1.2 s), so a promise would buy nothing.
 *
 * PEM output uses '\n' and always ends with a newline: concatenated CA files without one make Node
 * silently drop a CA.
 */

import { randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { legacyPkcs12 } from './pkcs12-legacy';

export interface Pki {
  /** PEM certificate. */
  cert: string;
  /** PEM private key (PKCS#1, unencrypted). */
  key: string;
}

export interface CaOptions {
  commonName?: string;
  notBefore?: Date;
  notAfter?: Date;
  keyBits?: number;
}

export interface CertificateOptions {
  commonName: string;
  kind: 'server' | 'client';
  /** DNS names or IP addresses (subjectAltName). */
  altNames?: string[];
  notBefore?: Date;
  notAfter?: Date;
  /** Default 2048. */
  keyBits?: number;
}

export interface Pkcs12Options {
  /** 3DES key bag + RC2-40 certificate bag, which OpenSSL 3 (Node ≥ 17) refuses. Default false: AES-256. */
  legacy?: boolean;
  /** Further certificates (PEM) to include, e.g. the CA. */
  chain?: string[];
  friendlyName?: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function normalisePem(pem: string): string {
  return `${pem.replace(/\r\n/g, '\n').trimEnd()}\n`;
}

function serialNumber(): string {
  // Positive and non-zero: a leading byte in 0x01..0x7f.
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return bytes.toString('hex');
}

function newKeys(bits: number): forge.pki.rsa.KeyPair {
  return forge.pki.rsa.generateKeyPair({ bits, e: 0x10001 });
}

function altName(name: string): { type: number; value?: string; ip?: string } {
  const isIp = /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || name.includes(':');
  return isIp ? { type: 7, ip: name } : { type: 2, value: name };
}

/** A self-signed CA. Defaults: CN "TIP Workbench Test CA", valid from an hour ago for 10 years. */
export function createCa(options: CaOptions = {}): Pki {
  const keys = newKeys(options.keyBits ?? 2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = options.notBefore ?? new Date(Date.now() - HOUR);
  cert.validity.notAfter = options.notAfter ?? new Date(Date.now() + 3650 * DAY);
  const subject = [
    { name: 'commonName', value: options.commonName ?? 'TIP Workbench Test CA' },
    { name: 'organizationName', value: 'TIP Workbench demo' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { cert: normalisePem(forge.pki.certificateToPem(cert)), key: normalisePem(forge.pki.privateKeyToPem(keys.privateKey)) };
}

function caKey(ca: Pki): forge.pki.rsa.PrivateKey {
  return forge.pki.privateKeyFromPem(ca.key) as forge.pki.rsa.PrivateKey;
}

/** A leaf certificate signed by `ca`. Defaults: valid from an hour ago for 2 years, RSA 2048. */
export function issueCertificate(ca: Pki, options: CertificateOptions): Pki {
  const caCert = forge.pki.certificateFromPem(ca.cert);
  const keys = newKeys(options.keyBits ?? 2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = options.notBefore ?? new Date(Date.now() - HOUR);
  cert.validity.notAfter = options.notAfter ?? new Date(Date.now() + 730 * DAY);
  cert.setSubject([
    { name: 'commonName', value: options.commonName },
    { name: 'organizationName', value: 'TIP Workbench demo' },
  ]);
  cert.setIssuer(caCert.subject.attributes);
  const server = options.kind === 'server';
  const extensions: object[] = [
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: server, clientAuth: !server },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ];
  const altNames = options.altNames ?? [];
  if (altNames.length > 0) extensions.push({ name: 'subjectAltName', altNames: altNames.map(altName) });
  cert.setExtensions(extensions);
  cert.sign(caKey(ca), forge.md.sha256.create());
  return { cert: normalisePem(forge.pki.certificateToPem(cert)), key: normalisePem(forge.pki.privateKeyToPem(keys.privateKey)) };
}

/** Encrypted PKCS#8 (`BEGIN ENCRYPTED PRIVATE KEY`): PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC. */
export function encryptPrivateKey(keyPem: string, passphrase: string): string {
  const key = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  return normalisePem(forge.pki.encryptRsaPrivateKey(key, passphrase, { algorithm: 'aes256', prfAlgorithm: 'sha256', count: 10_000 }));
}

/** PKCS#12 (DER) holding `cert.key` and `cert.cert` (+ `chain`). Modern: AES-256 PBES2, HMAC-SHA1 MAC. */
export function toPkcs12(cert: Pki, passphrase: string, options: Pkcs12Options = {}): Buffer {
  const key = forge.pki.privateKeyFromPem(cert.key) as forge.pki.rsa.PrivateKey;
  const certs = [cert.cert, ...(options.chain ?? [])].map((pem) => forge.pki.certificateFromPem(pem));
  if (options.legacy === true) return legacyPkcs12(key, certs, passphrase, options.friendlyName);
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, certs, passphrase, {
    algorithm: 'aes256', count: 10_000, generateLocalKeyId: true, ...(options.friendlyName === undefined ? {} : { friendlyName: options.friendlyName }),
  });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
