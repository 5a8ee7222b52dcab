/**
 * Extra CA certificates the analyst adds (a TLS-inspecting gateway's CA, a self-hosted portal's):
 * kept as one PEM file, `<dataDir>/extra-ca.pem`, which the app uses and the command line reads.
 * CA certificates are public, so they live in a file, not the keychain; a private key is never
 * stored. They are ADDED to the system roots by the TLS layer, never replace them.
 */
import { X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { AppNotice, ExtraCaInfo } from '../../shared/ipc/contract';
import { fail, ok, type Result } from '../../shared/ipc/result';
import { certificateBlocks } from '../certs/pem';
import { describeFsError, writeAtomically } from '../settings/settings-store';

export const EXTRA_CA_FILE = 'extra-ca.pem';
/** A CA certificate is a few kilobytes; a bundle of a few dozen stays far below this. */
export const MAX_CA_FILE_BYTES = 1024 * 1024;
export const MAX_EXTRA_CAS = 64;
const DAY_MS = 86_400_000;
const EXPIRY_WARNING_DAYS = 30;

export interface ExtraCaStore {
  readonly path: string;
  /** Problems found while loading the stored file. */
  readonly notices: readonly AppNotice[];
  /** The certificates in force, PEM, each ending in a newline. */
  pems(): string[];
  list(): ExtraCaInfo[];
  /** Reads the file the analyst picked (main reads it, size-capped), checks every certificate, adds them. */
  importFile(path: string): Promise<Result<ExtraCaInfo[]>>;
  remove(fingerprint256: string): Promise<Result<ExtraCaInfo[]>>;
}

/** The stored certificates as PEM blocks; [] when none were added. For the command line. */
export async function readExtraCaFile(dataDir: string): Promise<string[]> {
  try {
    return certificateBlocks(await fs.readFile(join(dataDir, EXTRA_CA_FILE), 'utf8'));
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === 'ENOENT') return [];
    throw error;
  }
}

export async function openExtraCaStore(dataDir: string, now: () => Date = () => new Date()): Promise<ExtraCaStore> {
  const path = join(dataDir, EXTRA_CA_FILE);
  const notices: AppNotice[] = [];
  let stored: X509Certificate[] = await load(path, notices);
  let tail: Promise<unknown> = Promise.resolve();

  /** One change at a time: each reads and rewrites the whole file. */
  function serial<T>(change: () => Promise<Result<T>>): Promise<Result<T>> {
    const run = tail.then(change);
    tail = run.catch(() => undefined);
    return run;
  }

  async function save(next: X509Certificate[]): Promise<Result<void>> {
    try {
      if (next.length === 0) await fs.rm(path, { force: true });
      else await writeAtomically(path, next.map((cert) => pemOf(cert)).join(''));
    } catch (error) {
      return fail('STORAGE', `The CA certificates could not be saved (${describeFsError(error)}). Nothing was changed.`, {
        retryable: true,
      });
    }
    stored = next;
    return ok(undefined);
  }

  const list = (): ExtraCaInfo[] => stored.map((cert) => describeCa(cert, now()));

  return {
    path,
    notices,
    pems: () => stored.map((cert) => pemOf(cert)),
    list,
    importFile: (file) =>
      serial(async () => {
        const bytes = await readBounded(file);
        if (!bytes.ok) return bytes;
        const checked = checkCaFile(bytes.value, now());
        if (!checked.ok) return checked;
        const known = new Set(stored.map((cert) => cert.fingerprint256));
        const added = checked.value.filter((cert) => !known.has(cert.fingerprint256));
        if (added.length === 0) return ok(list());
        if (stored.length + added.length > MAX_EXTRA_CAS) {
          return fail('CERT_INVALID', `At most ${MAX_EXTRA_CAS} extra CA certificates can be added; remove some first.`);
        }
        const saved = await save([...stored, ...added]);
        return saved.ok ? ok(list()) : saved;
      }),
    remove: (fingerprint256) =>
      serial(async () => {
        const next = stored.filter((cert) => cert.fingerprint256 !== fingerprint256);
        if (next.length === stored.length) return fail('INVALID_INPUT', 'That CA certificate is not among the extra CA certificates.');
        const saved = await save(next);
        return saved.ok ? ok(list()) : saved;
      }),
  };
}

/**
 * Every certificate in the file, or why none is stored: no certificate, a private key (never
 * kept), a damaged block, or one that is expired or not valid yet.
 */
export function checkCaFile(bytes: Buffer, now: Date): Result<X509Certificate[]> {
  if (bytes.byteLength === 0) return fail('CERT_INVALID', 'The file is empty: choose the CA certificate file (.pem or .crt).');
  const text = bytes.toString('latin1');
  if (/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(text)) {
    return fail(
      'CERT_INVALID',
      'The file holds a private key. A CA certificate is public and its key must stay with whoever runs the CA: nothing was stored. Choose a file with the certificate alone (-----BEGIN CERTIFICATE-----).',
    );
  }
  const blocks = certificateBlocks(text);
  if (blocks.length === 0) return derOrNothing(bytes, text, now);
  if (blocks.length > MAX_EXTRA_CAS) {
    return fail('CERT_INVALID', `The file holds ${blocks.length} certificates; at most ${MAX_EXTRA_CAS} can be added.`);
  }
  const certs: X509Certificate[] = [];
  for (const [index, block] of blocks.entries()) {
    try {
      certs.push(new X509Certificate(block));
    } catch {
      const which = blocks.length === 1 ? 'The certificate' : `Certificate number ${index + 1}`;
      return fail('CERT_INVALID', `${which} in the file is damaged and cannot be read: nothing was stored.`);
    }
  }
  return validNow(certs, now);
}

function derOrNothing(bytes: Buffer, text: string, now: Date): Result<X509Certificate[]> {
  const labels = [...new Set([...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----/g)].map((match) => match[1]))];
  if (labels.length > 0) {
    return fail(
      'CERT_INVALID',
      `No certificate was found: the file holds ${labels.join(', ')} instead of -----BEGIN CERTIFICATE----- blocks.`,
    );
  }
  // A .crt or .cer is often one certificate in binary DER form.
  try {
    return validNow([new X509Certificate(bytes)], now);
  } catch {
    return fail(
      'CERT_INVALID',
      'No certificate was found in the file: expected PEM text with -----BEGIN CERTIFICATE----- (or a single DER certificate).',
    );
  }
}

function validNow(certs: X509Certificate[], now: Date): Result<X509Certificate[]> {
  for (const cert of certs) {
    const subject = oneLine(cert.subject);
    if (Date.parse(cert.validTo) <= now.getTime()) {
      return fail(
        'CERT_EXPIRED',
        `The CA certificate ‘${subject}’ expired on ${day(cert.validTo)}: nothing was stored. Ask whoever runs the CA for the current certificate.`,
      );
    }
    if (Date.parse(cert.validFrom) > now.getTime()) {
      return fail(
        'CERT_EXPIRED',
        `The CA certificate ‘${subject}’ is not valid before ${day(cert.validFrom)}: nothing was stored. Check this computer's date and time.`,
      );
    }
  }
  return ok(certs);
}

export function describeCa(cert: X509Certificate, now: Date): ExtraCaInfo {
  const validTo = Date.parse(cert.validTo);
  const daysLeft = Math.floor((validTo - now.getTime()) / DAY_MS);
  const warnings: string[] = [];
  if (!cert.ca) {
    warnings.push(
      'This is not a CA certificate (basicConstraints does not say CA:TRUE): it vouches only for the one server it was issued to.',
    );
  }
  if (validTo <= now.getTime()) {
    warnings.push(`Expired on ${day(cert.validTo)}: servers it vouched for are no longer trusted. Add the renewed certificate and remove this one.`);
  } else if (daysLeft <= EXPIRY_WARNING_DAYS) {
    warnings.push(`Expires ${daysLeft < 1 ? 'within a day' : daysLeft === 1 ? 'in 1 day' : `in ${daysLeft} days`} (${day(cert.validTo)}): ask for the renewed certificate.`);
  }
  return {
    subject: oneLine(cert.subject),
    issuer: oneLine(cert.issuer),
    fingerprint256: cert.fingerprint256,
    validFrom: new Date(cert.validFrom).toISOString(),
    validTo: new Date(validTo).toISOString(),
    daysLeft,
    isCa: cert.ca,
    warnings,
  };
}

async function load(path: string, notices: AppNotice[]): Promise<X509Certificate[]> {
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code !== 'ENOENT') {
      notices.push({ level: 'error', message: `The extra CA certificates could not be read (${describeFsError(error)}); none are in use.` });
    }
    return [];
  }
  const certs: X509Certificate[] = [];
  let damaged = 0;
  for (const block of certificateBlocks(text)) {
    try {
      certs.push(new X509Certificate(block));
    } catch {
      damaged += 1;
    }
  }
  if (damaged > 0) {
    notices.push({
      level: 'warning',
      message: `${damaged} of the extra CA certificates in ${path} ${damaged === 1 ? 'is' : 'are'} damaged and not used: add ${damaged === 1 ? 'it' : 'them'} again in Settings → Network.`,
    });
  }
  return certs;
}

async function readBounded(path: string): Promise<Result<Buffer>> {
  if (typeof path !== 'string' || path.length === 0) return fail('INVALID_INPUT', 'Choose a CA certificate file.');
  try {
    const handle = await fs.open(path, 'r');
    try {
      // Checked before reading, so a huge file picked by mistake is never loaded.
      if ((await handle.stat()).size > MAX_CA_FILE_BYTES) {
        return fail('CERT_INVALID', 'The file is larger than 1 MiB, far more than CA certificates (a few kilobytes each): choose the certificate file itself.');
      }
      return ok(await handle.readFile());
    } finally {
      await handle.close();
    }
  } catch (error) {
    return fail('STORAGE', `The CA certificate file could not be read (${readReason(error)}): check that it exists and that you may read it.`);
  }
}

function readReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'not found';
  if (code === 'EISDIR') return 'it is a folder';
  return describeFsError(error);
}

function pemOf(cert: X509Certificate): string {
  // Node's PEM ends in a newline; said explicitly because a missing one makes Node drop the next CA.
  const pem = cert.toString();
  return pem.endsWith('\n') ? pem : `${pem}\n`;
}

/** Node prints distinguished names one attribute per line. */
function oneLine(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}

function day(date: string): string {
  return new Date(date).toISOString().slice(0, 10);
}
