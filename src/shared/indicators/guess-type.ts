/**
 * For text in which `extractIndicators` found nothing: which kind of indicator it most looks like,
 * so the lookup's validation can say what is wrong with it ("300.1.2.3 is not an IPv4 address: …")
 * instead of it being looked up as something else. Not a detector — the extractor is the one.
 */
import type { LookupType } from '../tip/types';
import { refangText } from './defang';

const DOTTED_NUMBERS = /^\[?[\d.]+\]?$/;
const HEXISH = /^[0-9a-f]{20,}$/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const IPV6ISH = /^\[?[0-9a-f]*:[0-9a-f:.%\w]*\]?$/i;

export function guessType(text: string): LookupType {
  const value = refangText(text.trim());
  if (SCHEME.test(value) || value.includes('/')) return 'url';
  if (DOTTED_NUMBERS.test(value) || IPV6ISH.test(value)) return 'ip';
  if (HEXISH.test(value)) return 'hash';
  return 'domain';
}
