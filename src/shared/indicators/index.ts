/**
 * Indicator handling shared by the renderer, main and the command line (pure TypeScript).
 *
 * `extractIndicators` is a public seam (ARCHITECTURE.md, "Seams that outside checks use"): keep its
 * name and shape. The rules it follows are written where each is applied — prepare-text.ts
 * (refanging, text pasted from PDFs), scan-url.ts (web addresses), scan-word.ts (addresses, names,
 * hashes), host.ts (which names count) — and every value it returns passes `validateLookupValue`
 * unchanged, except that a URL over 2000 characters is still returned and refused at lookup with
 * URL_TOO_LONG.
 */
import { extractInto } from './extract';
import type { Indicator } from './types';

export type { Indicator, IndicatorType } from './types';

/**
 * Every IPv4 / IPv6 address, domain, http(s) URL and MD5 / SHA-1 / SHA-256 in free text, in order
 * of appearance, one entry per (type, value). Never throws; linear in the length of the text.
 */
export function extractIndicators(text: string): Indicator[] {
  const found: Indicator[] = [];
  if (typeof text !== 'string') return found;
  try {
    extractInto(text, found);
  } catch {
    // A bug must not take the paste box down: what was found before it is still right.
  }
  return found;
}
