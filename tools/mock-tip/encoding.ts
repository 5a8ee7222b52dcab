/**
 * Content codings of the mock's answers: what the client accepts (Accept-Encoding, RFC 9110
 * §12.5.3), how a body is encoded, and how a compressed body is spoilt for the fault rules.
 */
import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';

/**
 * Answers smaller than this go plain by default. The mock runs in the process of whoever drives it,
 * so its compression CPU (spent by a real TIP on its own machine) would be charged to the client in
 * the throughput benchmark, whose typical answers are a few KiB; big answers (lists of hundreds of
 * records) are where compression matters, and they still go compressed.
 */
export const COMPRESS_MIN_BYTES = 8 * 1024;

/** `br` when the client accepts it, else `gzip`, else `identity`; plain below `minBytes`. */
export function negotiateEncoding(header: string | string[] | undefined, size: number, minBytes = COMPRESS_MIN_BYTES): string {
  if (size < minBytes || header === undefined) return 'identity';
  const weights = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(',') : header).split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name !== '') weights.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const weight = (name: string): number => weights.get(name) ?? weights.get('*') ?? 0;
  const br = weight('br');
  const gzip = Math.max(weight('gzip'), weights.get('x-gzip') ?? 0);
  if (br > 0 && br >= gzip) return 'br';
  return gzip > 0 ? 'gzip' : 'identity';
}

/** The body in that coding; a coding the mock does not know leaves the bytes as they are. */
export function encodeBody(plain: Buffer, encoding: string): Buffer {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return gzipSync(plain);
    case 'deflate':
      return deflateSync(plain);
    case 'br':
      // Quality 4: most of the size gain at a fraction of the default (11)'s cost.
      return brotliCompressSync(plain, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: plain.length },
      });
    default:
      return plain;
  }
}

/** A copy with 16 bytes in the middle inverted: gzip's CRC (or the deflate stream itself) fails. */
export function spoilEncoded(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  const start = Math.max(10, Math.floor(copy.length / 2) - 8);
  for (let i = start; i < Math.min(copy.length - 8, start + 16); i += 1) copy[i] = (copy[i] ?? 0) ^ 0xff;
  return copy;
}
