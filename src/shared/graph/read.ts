/**
 * Tolerant readers for answers that arrive as `unknown`. TIP's documentation is thin and answers are
 * stored raw (REFERENCE.md: "parse tolerantly"), so every reader returns `undefined` (or an empty
 * list) for a value of the wrong shape instead of throwing: a bad field costs that field, never the
 * whole answer.
 */

export type JsonRecord = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `parent[key]` when it is an object (not an array), else undefined. */
export function recordAt(parent: JsonRecord | undefined, key: string): JsonRecord | undefined {
  const value = parent?.[key];
  return isRecord(value) ? value : undefined;
}

/**
 * The object items of the list at `parent[key]`. A missing list, a string or an object where a list
 * was expected gives no items; null, numbers and strings inside the list are passed over.
 */
export function itemsAt(parent: JsonRecord | undefined, key: string): JsonRecord[] {
  const value = parent?.[key];
  if (!Array.isArray(value)) return [];
  const items: JsonRecord[] = [];
  for (const item of value as unknown[]) if (isRecord(item)) items.push(item);
  return items;
}

/** A non-empty string (surrounding white space dropped), else undefined. */
export function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A count (hits, sizes): a finite number ≥ 0. `"12"` is not a count: TIP sends numbers. */
export function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** TIP's threat score is 0–100; anything else is not a score. */
export function score(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100
    ? value
    : undefined;
}

/**
 * A date as the answer wrote it (TIP mixes `2024-05-01T08:00Z` and `2014-05-07T20:00:00Z`), kept
 * only when `Date.parse` understands it, so later min/max comparisons never meet NaN.
 */
export function date(value: unknown): string | undefined {
  const written = text(value);
  return written !== undefined && !Number.isNaN(Date.parse(written)) ? written : undefined;
}

/** The first of `keys` that holds a count (TIP names hits differently per section). */
export function firstCount(item: JsonRecord, keys: readonly string[]): number | undefined {
  for (const key of keys) {
    const found = count(item[key]);
    if (found !== undefined) return found;
  }
  return undefined;
}
