/**
 * Checks client certificate material before it is stored or used, and says exactly what is wrong.
 * Node `crypto`/`tls` only (plus node-forge to read PKCS#12 contents); no Electron import.
 * Synchronous and never throwing. Messages name the certificate and dates, never the passphrase or
 * any key bytes.
 */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import type { CertificateInfo } from '../../shared/ipc/contract';
import { fail, ok, type Result } from '../../shared/ipc/result';
import { pemMaterialBlocks } from './pem';
import { readPkcs12 } from './pkcs12';

export type ClientMaterial =
  | { kind: 'pem'; cert: string; key: string; passphrase?: string }
  | { kind: 'pkcs12'; pfx: Buffer | Uint8Array; passphrase?: string };

export type InspectedCertificate = CertificateInfo & { chain: string[] };

const DAY_MS = 86_400_000;

export const REEXPORT_ADVICE =
  'Re-export it with AES-256, e.g. `openssl pkcs12 -export -keypbe AES-256-CBC -certpbe AES-256-CBC ' +
  '-macalg sha256 -in cert.pem -inkey key.pem -out client.p12`, or from the legacy file with ' +
  '`openssl pkcs12 -legacy -in old.p12 -nodes | openssl pkcs12 -export -keypbe AES-256-CBC ' +
  '-certpbe AES-256-CBC -macalg sha256 -out client.p12`.';

export function inspectClientMaterial(
  material: ClientMaterial,
  now: Date = new Date(),
): Result<InspectedCertificate> {
  const read = readClientMaterial(material, now);
  if (!read.ok) return read;
  const validity = checkValidity(read.value, now);
  return validity.ok ? read : validity;
}

/** Everything `inspectClientMaterial` checks except the validity window. */
export function readClientMaterial(
  material: ClientMaterial,
  now: Date = new Date(),
): Result<InspectedCertificate> {
  try {
    const parsed = material.kind === 'pem' ? readPem(material) : readPfx(material);
    if (!parsed.ok) return parsed;
    return ok(describe(material.kind, parsed.value.leaf, parsed.value.chain, now));
  } catch {
    // Defensive: every known failure is handled above; whatever else cannot escape as a throw.
    return fail('CERT_INVALID', 'The client certificate could not be read.');
  }
}

/** Cheap re-check of the validity window (the certificate may expire while the app runs). */
export function checkValidity(
  info: Pick<CertificateInfo, 'subject' | 'validFrom' | 'validTo'>,
  now: Date,
): Result<void> {
  const from = Date.parse(info.validFrom);
  const to = Date.parse(info.validTo);
  if (now.getTime() < from) {
    return fail(
      'CERT_EXPIRED',
      `The client certificate ‘${info.subject}’ is not valid yet: it becomes valid on ${info.validFrom}. ` +
        "Check the computer's clock, or wait until then.",
    );
  }
  if (now.getTime() > to) {
    return fail(
      'CERT_EXPIRED',
      `The client certificate ‘${info.subject}’ expired on ${info.validTo}. Import the renewed certificate from TIP.`,
    );
  }
  return ok(undefined);
}

// ---------------------------------------------------------------------------------------------

interface Parsed {
  leaf: X509Certificate;
  chain: X509Certificate[];
}

function readPem(material: Extract<ClientMaterial, { kind: 'pem' }>): Result<Parsed> {
  const { certs, key: keyBlock } = pemMaterialBlocks(material.cert, material.key);
  if (certs.length === 0) {
    return fail('CERT_INVALID', 'No certificate was found: expected a "-----BEGIN CERTIFICATE-----" block.');
  }
  if (keyBlock === undefined) {
    return fail('CERT_INVALID', 'No private key was found: expected a "-----BEGIN PRIVATE KEY-----" block.');
  }

  const certificates: X509Certificate[] = [];
  for (const [index, pem] of certs.entries()) {
    try {
      certificates.push(new X509Certificate(pem));
    } catch {
      return fail('CERT_INVALID', `Certificate number ${index + 1} in the PEM text is damaged and cannot be read.`);
    }
  }

  const passphrase = material.passphrase ?? '';
  if (keyBlock.encrypted && passphrase === '') {
    return fail('BAD_PASSPHRASE', 'The private key is encrypted: enter its passphrase.');
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(keyBlock.encrypted ? { key: keyBlock.pem, passphrase } : keyBlock.pem);
  } catch {
    return keyBlock.encrypted
      ? fail('BAD_PASSPHRASE', 'The passphrase does not unlock the private key.')
      : fail('CERT_INVALID', 'The private key is damaged or in a format that cannot be read.');
  }
  return pairKeyWithCertificate(key, certificates);
}

function readPfx(material: Extract<ClientMaterial, { kind: 'pkcs12' }>): Result<Parsed> {
  // Node decides whether it can use the file: the same call the TLS agent will make.
  let nodeRefused: string | undefined;
  try {
    createSecureContext({ pfx: Buffer.from(material.pfx), passphrase: material.passphrase });
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    const code = (error as { code?: unknown }).code;
    if (/mac verify failure/i.test(message)) {
      return material.passphrase === undefined || material.passphrase === ''
        ? fail('BAD_PASSPHRASE', 'The PKCS#12 file is protected: enter its passphrase.')
        : fail('BAD_PASSPHRASE', 'The passphrase does not open the PKCS#12 file.');
    }
    if (code === 'ERR_CRYPTO_UNSUPPORTED_OPERATION' || /unsupported pkcs12/i.test(message)) {
      return fail(
        'CERT_INVALID',
        `The PKCS#12 file uses legacy encryption (RC2 or DES) that this app cannot use. ${REEXPORT_ADVICE}`,
      );
    }
    // Anything else (not PKCS#12, damaged, key and certificate that do not match): look closer below.
    nodeRefused = typeof code === 'string' ? code : 'an unknown reason';
  }

  let contents;
  try {
    contents = readPkcs12(material.pfx, material.passphrase);
  } catch {
    return fail('CERT_INVALID', 'The file is not a readable PKCS#12 (.p12/.pfx) file, or it is damaged.');
  }
  if (contents.certificates.length === 0) {
    return fail('CERT_INVALID', 'The PKCS#12 file holds no certificate.');
  }
  const [key] = contents.keys;
  if (key === undefined) return fail('CERT_INVALID', 'The PKCS#12 file holds no private key.');
  const paired = pairKeyWithCertificate(key, contents.certificates);
  if (paired.ok && nodeRefused !== undefined) {
    return fail('CERT_INVALID', `The PKCS#12 file looks complete but TLS cannot use it (${nodeRefused}). ${REEXPORT_ADVICE}`);
  }
  return paired;
}

function pairKeyWithCertificate(key: KeyObject, certificates: X509Certificate[]): Result<Parsed> {
  const leaf = certificates.find((cert) => matches(cert, key));
  if (leaf === undefined) {
    const first = certificates[0];
    const name = first === undefined ? '' : ` ‘${oneLine(first.subject)}’`;
    return fail(
      'CERT_INVALID',
      `The private key does not belong to the certificate${name}: their public keys differ. ` +
        'Choose the key that was created with this certificate.',
    );
  }
  return ok({ leaf, chain: certificates.filter((cert) => cert !== leaf) });
}

function matches(cert: X509Certificate, key: KeyObject): boolean {
  try {
    return cert.checkPrivateKey(key);
  } catch {
    return false;
  }
}

function describe(
  format: ClientMaterial['kind'],
  leaf: X509Certificate,
  chain: X509Certificate[],
  now: Date,
): InspectedCertificate {
  const validFrom = new Date(leaf.validFrom);
  const validTo = new Date(leaf.validTo);
  return {
    format,
    subject: oneLine(leaf.subject),
    issuer: oneLine(leaf.issuer),
    serialNumber: leaf.serialNumber.toUpperCase(),
    fingerprint256: leaf.fingerprint256,
    validFrom: validFrom.toISOString(),
    validTo: validTo.toISOString(),
    daysLeft: Math.floor((validTo.getTime() - now.getTime()) / DAY_MS),
    chainLength: chain.length,
    chain: chain.map((cert) => cert.toString()),
  };
}

/** Node prints distinguished names one attribute per line. */
function oneLine(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}
