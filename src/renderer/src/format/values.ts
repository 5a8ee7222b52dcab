import { ZONES, type Zone } from '@shared/tip/types';

const grouped = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return grouped.format(n);
}

export function isZone(value: unknown): value is Zone {
  return typeof value === 'string' && (ZONES as readonly string[]).includes(value);
}

/** Fields that name a zone: `Zone`, `SignerZone`, … */
export function isZoneField(field: string): boolean {
  return /Zone$/.test(field);
}

// Counts read better grouped; identifiers such as an ASN or an IANA id must stay as written.
export function isCountField(field: string): boolean {
  return /(Count|Hits|Peak|Requests|Quota|Size|attacks)$/i.test(field);
}

/** Indicators and identifiers are shown in monospace so they can be read and compared exactly. */
export function isIndicatorField(field: string): boolean {
  return /^(Ip|Domain|Url|Host|Md5|Sha1|Sha256|NormalizedMask|Subdomain|DomainName|RangeStart|RangeEnd|SerialNumber|Path|Id|DescriptionUrl)$/.test(
    field,
  );
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isObjectList(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) && value.length > 0 && value.every(isPlainObject);
}

/** Column names of a list of records: every key, in order of first appearance. */
export function columnsOf(rows: readonly Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

/** A one-line text form of any value, for compact cells and titles. */
export function inlineText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(inlineText).join(', ');
  if (isPlainObject(value)) {
    return Object.entries(value)
      .map(([key, item]) => `${key}: ${inlineText(item)}`)
      .join(' · ');
  }
  return String(value);
}
