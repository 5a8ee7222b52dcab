/**
 * TIP's dates as the answer view shows them: always in UTC and labelled so (TIP answers in UTC, and
 * an analyst comparing with a colleague or a log must see the same text), with the analyst's local
 * time kept for the tooltip. Lists use minute precision (`2024-05-01T08:00Z`), WHOIS seconds.
 */

/** An ISO-8601 date or date-time as TIP writes them (`2024-05-01`, `…T08:00Z`, `…T20:00:00.000+00:00`). */
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && ISO.test(value) && !Number.isNaN(Date.parse(value));
}

function hasTime(iso: string): boolean {
  return /[T ]\d{2}:\d{2}/.test(iso);
}

/** "2024-05-01 08:00 UTC" (seconds only when TIP gave some), "2024-05-01 UTC" for a bare day. */
export function formatUtcStamp(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const text = new Date(time).toISOString();
  if (!hasTime(iso)) return `${text.slice(0, 10)} UTC`;
  const seconds = text.slice(17, 19);
  return `${text.slice(0, 10)} ${text.slice(11, 16)}${seconds === '00' ? '' : `:${seconds}`} UTC`;
}

const LOCAL = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
});

/** The same moment on the analyst's clock, for the tooltip: "Local time: 1 May 2024, 10:00 CEST". */
export function formatLocalStamp(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return `Local time: ${LOCAL.format(new Date(time))}`;
}
