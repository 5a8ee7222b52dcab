/**
 * PEM text handling. Every block is re-emitted ending in a newline: Node silently ignores a CA or
 * chain certificate glued to the previous one when PEM text lacks its trailing newline
 * (selfsigned makes such text; see TOOLCHAIN.md).
 */

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
const PRIVATE_KEY_BLOCK =
  /-----BEGIN ((?:RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY)-----[\s\S]*?-----END \1-----/;

export function certificateBlocks(text: string): string[] {
  return (text.match(CERTIFICATE_BLOCK) ?? []).map(withTrailingNewline);
}

export interface PrivateKeyBlock {
  pem: string;
  encrypted: boolean;
}

export function privateKeyBlock(text: string): PrivateKeyBlock | undefined {
  const match = PRIVATE_KEY_BLOCK.exec(text);
  if (match === null) return undefined;
  const pem = withTrailingNewline(match[0]);
  // PKCS#8 says so in its label; the traditional OpenSSL format in a Proc-Type header.
  const encrypted = match[1] === 'ENCRYPTED PRIVATE KEY' || /Proc-Type:\s*4,ENCRYPTED/.test(pem);
  return { pem, encrypted };
}

/** A combined PEM file (certificate and key together) may come in either field. */
export function pemMaterialBlocks(
  cert: string,
  key: string,
): { certs: string[]; key: PrivateKeyBlock | undefined } {
  const certs = certificateBlocks(cert);
  return {
    certs: certs.length > 0 ? certs : certificateBlocks(key),
    key: privateKeyBlock(key) ?? privateKeyBlock(cert),
  };
}

/** Splits CA text (one or many certificates, any newline state) into separate PEM blocks. */
export function caBlocks(ca: string | readonly string[] | undefined): string[] {
  if (ca === undefined) return [];
  const texts = typeof ca === 'string' ? [ca] : ca;
  return texts.flatMap(certificateBlocks);
}

function withTrailingNewline(block: string): string {
  return `${block.replace(/\r\n/g, '\n').trim()}\n`;
}
