/**
 * The mock's certificates, made once and cached on disk so later starts take milliseconds.
 *
 * Test files run in parallel processes that all start a mock at once, so a bundle is written into
 * a private temporary folder and renamed into place in one step: the first process to rename wins,
 * the others discard theirs and load the winner's. A cached bundle that is unreadable, inconsistent
 * or expiring within a day is moved aside and made again.
 */

import { randomBytes, X509Certificate, createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import { createCa, encryptPrivateKey, issueCertificate, type Pki, toPkcs12 } from './pki';

export const PFX_PASSPHRASE = 'demo-pfx-passphrase';
export const KEY_PASSPHRASE = 'demo-key-passphrase';
const BUNDLE_DIR = 'pki-v1';
const DAY = 86_400_000;

const FILES = {
  ca: 'ca.pem',
  caKey: 'ca-key.pem',
  serverCert: 'server.pem',
  serverKey: 'server-key.pem',
  clientCert: 'client.pem',
  clientKey: 'client-key.pem',
  clientKeyEncrypted: 'client-key-encrypted.pem',
  clientPfx: 'client.p12',
  clientPfxLegacy: 'client-legacy.p12',
} as const;
const SECRET_FILES: ReadonlySet<string> = new Set([FILES.caKey, FILES.serverKey, FILES.clientKey, FILES.clientKeyEncrypted, FILES.clientPfx, FILES.clientPfxLegacy]);

export type PkiPaths = { dir: string } & { [K in keyof typeof FILES]: string };

export interface PkiBundle {
  ca: Pki;
  server: Pki;
  client: Pki & { pfx: Buffer; pfxPassphrase: string; encryptedKey: string; keyPassphrase: string; legacyPfx: Buffer };
  paths: PkiPaths;
}

function pathsIn(dir: string): PkiPaths {
  const entries = Object.entries(FILES).map(([name, file]) => [name, path.join(dir, file)]);
  return { dir, ...Object.fromEntries(entries) } as PkiPaths;
}

function generate(): Omit<PkiBundle, 'paths'> {
  const ca = createCa({ commonName: 'TIP Workbench Mock CA' });
  const server = issueCertificate(ca, { commonName: 'localhost', kind: 'server', altNames: ['localhost', '127.0.0.1', '::1'] });
  const client = issueCertificate(ca, { commonName: 'demo-analyst', kind: 'client' });
  return {
    ca,
    server,
    client: {
      ...client,
      pfx: toPkcs12(client, PFX_PASSPHRASE, { chain: [ca.cert], friendlyName: 'TIP Workbench demo client' }),
      pfxPassphrase: PFX_PASSPHRASE,
      encryptedKey: encryptPrivateKey(client.key, KEY_PASSPHRASE),
      keyPassphrase: KEY_PASSPHRASE,
      legacyPfx: toPkcs12(client, PFX_PASSPHRASE, { legacy: true, chain: [ca.cert] }),
    },
  };
}

function write(dir: string, bundle: Omit<PkiBundle, 'paths'>): void {
  const contents: Record<string, string | Buffer> = {
    [FILES.ca]: bundle.ca.cert,
    [FILES.caKey]: bundle.ca.key,
    [FILES.serverCert]: bundle.server.cert,
    [FILES.serverKey]: bundle.server.key,
    [FILES.clientCert]: bundle.client.cert,
    [FILES.clientKey]: bundle.client.key,
    [FILES.clientKeyEncrypted]: bundle.client.encryptedKey,
    [FILES.clientPfx]: bundle.client.pfx,
    [FILES.clientPfxLegacy]: bundle.client.legacyPfx,
  };
  for (const [file, data] of Object.entries(contents)) {
    fs.writeFileSync(path.join(dir, file), data, { mode: SECRET_FILES.has(file) ? 0o600 : 0o644 });
  }
}

/** Reads and checks a cached bundle; null when anything is missing, mismatched or near expiry. */
function read(dir: string): PkiBundle | null {
  try {
    const paths = pathsIn(dir);
    const text = (file: string): string => fs.readFileSync(file, 'utf8');
    const ca = { cert: text(paths.ca), key: text(paths.caKey) };
    const server = { cert: text(paths.serverCert), key: text(paths.serverKey) };
    const client = { cert: text(paths.clientCert), key: text(paths.clientKey) };
    const encryptedKey = text(paths.clientKeyEncrypted);
    const pfx = fs.readFileSync(paths.clientPfx);
    const legacyPfx = fs.readFileSync(paths.clientPfxLegacy);
    const caCert = new X509Certificate(ca.cert);
    const soon = Date.now() + DAY;
    if (!caCert.checkPrivateKey(createPrivateKey(ca.key)) || Date.parse(caCert.validTo) < soon) return null;
    for (const leaf of [server, client]) {
      const cert = new X509Certificate(leaf.cert);
      if (!cert.verify(caCert.publicKey) || !cert.checkPrivateKey(createPrivateKey(leaf.key)) || Date.parse(cert.validTo) < soon) return null;
    }
    if (!new X509Certificate(client.cert).checkPrivateKey(createPrivateKey({ key: encryptedKey, passphrase: KEY_PASSPHRASE }))) return null;
    tls.createSecureContext({ pfx, passphrase: PFX_PASSPHRASE });
    return {
      ca, server, paths,
      client: { ...client, pfx, pfxPassphrase: PFX_PASSPHRASE, encryptedKey, keyPassphrase: KEY_PASSPHRASE, legacyPfx },
    };
  } catch {
    return null;
  }
}

function removeQuietly(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The cached bundle under `dataDir`, made (and cached) when missing or unusable. */
export function loadOrCreatePki(dataDir: string): PkiBundle {
  const finalDir = path.join(dataDir, BUNDLE_DIR);
  const cached = read(finalDir);
  if (cached !== null) return cached;
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const unique = `${process.pid}-${randomBytes(4).toString('hex')}`;
  if (fs.existsSync(finalDir)) {
    const stale = path.join(dataDir, `stale-${unique}`);
    try {
      fs.renameSync(finalDir, stale);
      removeQuietly(stale);
    } catch {
      // Another process moved it first.
    }
  }
  const temp = path.join(dataDir, `tmp-${unique}`);
  fs.mkdirSync(temp, { mode: 0o700 });
  try {
    write(temp, generate());
    fs.renameSync(temp, finalDir);
  } catch (error) {
    removeQuietly(temp);
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
  }
  const bundle = read(finalDir);
  if (bundle === null) throw new Error(`mock PKI in ${finalDir} is unusable after creating it`);
  return bundle;
}
