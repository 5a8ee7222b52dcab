/**
 * How `tipwb lookup` prints its rows. NDJSON, CSV and the table stream one line per finished
 * lookup; JSON is one array, printed at the end. The row shape is fixed (ARCHITECTURE.md):
 *   { "type", "value", "ok": true, "status", "zone", "fetchedAt", "body" }
 *   { "type", "value", "ok": false, "error": { "code", "message" } }
 */
import type { LookupType } from '../../shared/tip/types';
import { printable } from '../text';

export const OUTPUT_KINDS = ['ndjson', 'json', 'csv', 'table'] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

export type OutputRow =
  | { type: LookupType; value: string; ok: true; status: number; zone: string | null; fetchedAt: string; body: unknown }
  | { type: LookupType; value: string; ok: false; error: { code: string; message: string } };

export interface RowPrinter {
  /** Text to print before the first row (a header), or ''. */
  start(): string;
  row(row: OutputRow): string;
  /** Text to print after the last row, or ''. */
  end(): string;
}

export function createPrinter(kind: OutputKind): RowPrinter {
  switch (kind) {
    case 'ndjson':
      return { start: () => '', row: (row) => `${JSON.stringify(row)}\n`, end: () => '' };
    case 'json': {
      const rows: OutputRow[] = [];
      return {
        start: () => '',
        row: (row) => {
          rows.push(row);
          return '';
        },
        end: () => `${JSON.stringify(rows, null, 2)}\n`,
      };
    }
    case 'csv':
      return { start: () => `${CSV_COLUMNS.join(',')}\r\n`, row: csvLine, end: () => '' };
    case 'table':
      return { start: tableHeader, row: tableLine, end: () => '' };
  }
}

const CSV_COLUMNS = ['type', 'value', 'ok', 'status', 'zone', 'fetchedAt', 'error_code', 'error_message'];

/** RFC 4180 (CRLF, quotes doubled); a cell a spreadsheet would run as a formula is defused with `'`. */
export function csvLine(row: OutputRow): string {
  const cells = row.ok
    ? [row.type, row.value, 'true', String(row.status), row.zone ?? '', row.fetchedAt, '', '']
    : [row.type, row.value, 'false', '', '', '', row.error.code, row.error.message];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function csvCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const WIDTH = { type: 6, zone: 7, result: 14 };

function tableHeader(): string {
  return `${'TYPE'.padEnd(WIDTH.type)}  ${'ZONE'.padEnd(WIDTH.zone)}  ${'RESULT'.padEnd(WIDTH.result)}  VALUE\n`;
}

/** One line per lookup; the value last, so a long URL does not push the other columns about. */
export function tableLine(row: OutputRow): string {
  const zone = row.ok ? (row.zone ?? '-') : '-';
  const result = row.ok ? (row.status === 404 ? '404 not known' : String(row.status)) : row.error.code;
  const tail = row.ok ? '' : `  (${printable(row.error.message)})`;
  return `${row.type.padEnd(WIDTH.type)}  ${zone.padEnd(WIDTH.zone)}  ${result.padEnd(WIDTH.result)}  ${printable(row.value)}${tail}\n`;
}
