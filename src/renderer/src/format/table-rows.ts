/**
 * The pure half of a list section's table: filter, sort and copy work on row *indices* into the
 * records TIP sent, so the records themselves are never copied, reordered or made reactive.
 */
import { refangText } from '@shared/indicators/defang';
import { isIsoDate } from './dates';
import { copyValue, fieldIndicatorType } from './indicator-fields';
import { inlineText, isPlainObject, isZone, isZoneField } from './values';

export type Row = Record<string, unknown>;
export type SortDirection = 'ascending' | 'descending';
export interface SortState {
  column: string;
  direction: SortDirection;
}

/** A list of scalars (DataFeeds, say) becomes one-column records. */
export function asRecords(rows: readonly unknown[]): Row[] {
  return rows.map((row) => (isPlainObject(row) ? row : { Value: row }));
}

/** Lower-case text of every value of a row, searched by the filter box. */
export function searchTextOf(row: Row): string {
  return Object.values(row)
    .map((value) => inlineText(value))
    .join('\u0001')
    .toLowerCase();
}

/** What the analyst typed, made comparable: a pasted `bad[.]example[.]com` finds bad.example.com. */
export function normaliseQuery(query: string): string {
  return refangText(query.trim()).toLowerCase();
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Zones sort by how bad they are, not by spelling: descending puts Red first. */
const ZONE_RANK: Readonly<Record<string, number>> = { Green: 0, Grey: 1, Yellow: 2, Orange: 3, Red: 4 };

/** Ascending order of two cells; empty cells are compared by the caller (always last). */
function compareValues(column: string, a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (isZoneField(column) && isZone(a) && isZone(b)) return (ZONE_RANK[a] ?? 0) - (ZONE_RANK[b] ?? 0);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  // ISO dates sort as text; numbers inside text (IP octets, "file10") sort as numbers.
  return collator.compare(inlineText(a), inlineText(b));
}

/**
 * Indices of the rows to show, in order: those matching the query (every one when it is empty),
 * sorted by the column asked for, ties and unsorted rows in TIP's own order. Empty cells go last in
 * both directions: a blank is never the "largest" value an analyst is looking for.
 */
export function orderRows(records: readonly Row[], texts: readonly string[], query: string, sort: SortState | null): number[] {
  const needle = normaliseQuery(query);
  const indices: number[] = [];
  for (let i = 0; i < records.length; i += 1) {
    if (needle === '' || (texts[i] ?? '').includes(needle)) indices.push(i);
  }
  if (!sort) return indices;
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return indices.sort((i, j) => {
    const a = records[i]?.[sort.column];
    const b = records[j]?.[sort.column];
    const emptyA = isEmpty(a);
    const emptyB = isEmpty(b);
    if (emptyA || emptyB) return emptyA === emptyB ? i - j : emptyA ? 1 : -1;
    return sign * compareValues(sort.column, a, b) || i - j;
  });
}

function cellText(field: string, value: unknown, refanged: boolean): string {
  if (isEmpty(value)) return '';
  if (typeof value === 'string') return copyValue(field, value, refanged);
  if (Array.isArray(value)) {
    return value.map((item) => (typeof item === 'string' ? copyValue(field, item, refanged) : inlineText(item))).join(', ');
  }
  return inlineText(value);
}

/** Rows as tab-separated text, a header line first: pastes as a table into mail, tickets, sheets. */
export function rowsAsTsv(columns: readonly string[], records: readonly Row[], indices: readonly number[], refanged: boolean): string {
  const clean = (text: string): string => text.replace(/[\t\r\n]+/g, ' ');
  const lines = [columns.join('\t')];
  for (const index of indices) {
    const row = records[index];
    if (row) lines.push(columns.map((column) => clean(cellText(column, row[column], refanged))).join('\t'));
  }
  return lines.join('\n');
}

/**
 * A steady width for each column, in characters, from the longest text in the whole list (capped).
 * A virtualised table only lays out the rows in view; sizing columns from every row keeps them
 * from jumping as the analyst scrolls.
 */
export function columnWidthsCh(columns: readonly string[], records: readonly Row[]): number[] {
  return columns.map((column) => {
    let longest = column.length + 2;
    let pivots = false;
    for (const row of records) {
      const value = row[column];
      if (value === null || value === undefined) continue;
      if (!pivots && fieldIndicatorType(column, value)) pivots = true;
      if (longest >= 48) continue;
      // Dates read "2024-05-01 08:00 UTC"; a zone is a chip with a dot; tags have borders and gaps.
      let length = inlineText(value).length;
      if (isIsoDate(value)) length = 20;
      else if (isZoneField(column) && isZone(value)) length += 5;
      else if (Array.isArray(value)) length += 2 * value.length;
      if (length > longest) longest = length;
    }
    // Room for the pivot button beside an indicator.
    return Math.min(48, Math.max(6, longest)) + (pivots ? 3 : 0);
  });
}
