/**
 * Tolerant reads of a stored TIP answer. Bodies are kept exactly as received, so anything may be
 * missing, null or of the wrong type; every reader answers "nothing" instead of throwing.
 */

import { formatIPv4, formatIPv6, parseIPv4, parseIPv6 } from '../indicators/validate-ip';

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function recordAt(body: unknown, key: string): JsonRecord | null {
  if (!isRecord(body)) return null;
  const value = body[key];
  return isRecord(value) ? value : null;
}

/** A trimmed non-empty string, or a finite number written out (an ASN, an IANA id); else null. */
export function textOf(value: unknown): string | null {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : null;
}

export function numberOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The strings of a list, junk dropped; a lone string counts as a one-item list. */
export function textsOf(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.map(textOf).filter((text): text is string => text !== null);
}

/** The items of a list section; null when the section is there but is not a list (unreadable). */
export function listAt(body: unknown, key: string): unknown[] | null {
  if (!isRecord(body) || !(key in body) || body[key] === null || body[key] === undefined) return [];
  const value = body[key];
  return Array.isArray(value) ? value : null;
}

export function lower(text: string): string {
  return text.toLowerCase();
}

/** Domain names compare without case and without a root dot. */
export function domainKey(text: string): string {
  return text.toLowerCase().replace(/\.$/, '');
}

/** IP addresses compare in canonical form (RFC 5952 for IPv6), so `2001:DB8:0::1` is `2001:db8::1`. */
export function ipKey(text: string): string {
  const v4 = parseIPv4(text);
  if (v4.ok) return formatIPv4(v4.value);
  const v6 = parseIPv6(text);
  return v6.ok ? formatIPv6(v6.value) : text.toLowerCase();
}

/** URLs and URL masks compare with the scheme dropped and the host in lower case; paths keep their case. */
export function urlKey(text: string): string {
  const bare = text.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const end = bare.search(/[/?#]/);
  return end < 0 ? bare.toLowerCase() : bare.slice(0, end).toLowerCase() + bare.slice(end);
}

/** Set difference by key, in the order the answers list them; the first spelling of a key wins. */
export function keyedDifference(before: Map<string, string>, after: Map<string, string>): { added: string[]; removed: string[] } {
  return {
    added: [...after].filter(([key]) => !before.has(key)).map(([, label]) => label),
    removed: [...before].filter(([key]) => !after.has(key)).map(([, label]) => label),
  };
}

/** `texts` keyed by `keyOf`, first spelling kept. */
export function keyed(texts: readonly string[], keyOf: (text: string) => string = (text) => text): Map<string, string> {
  const map = new Map<string, string>();
  for (const text of texts) {
    const key = keyOf(text);
    if (!map.has(key)) map.set(key, text);
  }
  return map;
}
