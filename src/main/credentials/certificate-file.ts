/**
 * Reads a certificate file picked by the analyst and turns it into client material. Main reads
 * the bytes itself; the renderer only ever names the file (through the dialog). The checks of the
 * certificate itself belong to `certs/inspect`; this module only finds out what kind of file it is.
 */
import { X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { extname } from 'node:path';
import { fail, ok, type Result } from '../../shared/ipc/result';
import { certificateBlocks, privateKeyBlock } from '../certs/pem';
import type { ClientMaterial, InspectedCertificate } from '../certs/inspect';

export const MAX_CERTIFICATE_FILE_BYTES = 1024 * 1024;

export type ReadFile = (path: string) => Promise<Uint8Array>;

class FileTooLarge extends Error {}

/** Checks the size before reading, so a huge file picked by mistake is never loaded. */
export const readBoundedFile: ReadFile = async (path) => {
  const handle = await fs.open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > MAX_CERTIFICATE_FILE_BYTES) throw new FileTooLarge();
    return await handle.readFile();
  } finally {
    await handle.close();
  }
};

export async function readCertificateFile(path: string, readFile: ReadFile = readBoundedFile): Promise<Result<Buffer>> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof FileTooLarge) return tooLarge();
    return fail('STORAGE', `The certificate file could not be read (${fsReason(error)}): check that it exists and that you may read it.`);
  }
  if (bytes.byteLength > MAX_CERTIFICATE_FILE_BYTES) return tooLarge();
  if (bytes.byteLength === 0) return fail('CERT_INVALID', 'The certificate file is empty.');
  return ok(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

function tooLarge(): Result<never> {
  return fail(
    'CERT_INVALID',
    'The file is larger than 1 MiB, far more than a client certificate (a few kilobytes): choose the certificate file itself (.pem, .p12 or .pfx).',
  );
}

function fsReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'not found';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  return typeof code === 'string' ? code : 'unknown error';
}

/** PEM when the text has PEM blocks, PKCS#12 when the name or the DER header says so. */
export function materialFromFile(path: string, bytes: Buffer, passphrase?: string): Result<ClientMaterial> {
  const secret = passphrase === '' ? undefined : passphrase;
  const text = bytes.toString('latin1');
  if (text.includes('-----BEGIN ')) {
    const key = privateKeyBlock(text);
    return ok({
      kind: 'pem',
      cert: certificateBlocks(text).join(''),
      key: key?.pem ?? '',
      // A passphrase given for a key that is not encrypted is not kept.
      ...(key?.encrypted === true && secret !== undefined ? { passphrase: secret } : {}),
    });
  }
  const extension = extname(path).toLowerCase();
  if (extension === '.p12' || extension === '.pfx' || bytes[0] === 0x30) {
    if (extension !== '.p12' && extension !== '.pfx' && isBareDerCertificate(bytes)) {
      return fail(
        'CERT_INVALID',
        'The file holds only a certificate (DER) and no private key: choose the PKCS#12 (.p12/.pfx) file, or a PEM file with both the certificate and its key.',
      );
    }
    return ok({ kind: 'pkcs12', pfx: bytes, ...(secret !== undefined ? { passphrase: secret } : {}) });
  }
  return fail(
    'CERT_INVALID',
    'The file is neither a PEM file (-----BEGIN CERTIFICATE-----) nor a PKCS#12 file (.p12/.pfx): choose the client certificate you received for TIP.',
  );
}

function isBareDerCertificate(bytes: Buffer): boolean {
  try {
    new X509Certificate(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The certificate text to store: the leaf (the one matching the key, as the inspector found it)
 * first, then the chain, because TLS sends the first certificate as the client's own.
 */
export function orderedCertificatePem(pem: string, inspected: InspectedCertificate): string {
  const blocks = certificateBlocks(pem);
  const leaf = blocks.find((block) => fingerprintOf(block) === inspected.fingerprint256);
  if (leaf === undefined) return blocks.join('');
  return [leaf, ...blocks.filter((block) => block !== leaf)].join('');
}

function fingerprintOf(block: string): string | null {
  try {
    return new X509Certificate(block).fingerprint256;
  } catch {
    return null;
  }
}
