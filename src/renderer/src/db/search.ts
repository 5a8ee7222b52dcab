/**
 * Search across every stored entity: value prefix and substring, type and zone filters, and a file
 * found by its SHA-1 or SHA-256. Substring search cannot use an IndexedDB index, so the entity ids
 * (`<type>:<value>`, which carry both) are read once with getAllKeys and kept in memory until an
 * entity is written; a search is then one pass over plain strings and a bulkGet of the page shown.
 */
import type { EntityType } from '@shared/graph/types';
import type { WorkbenchDb } from './database';
import type { EntityRow } from './rows';

export interface SearchQuery {
  text: string;
  types?: readonly EntityType[];
  zones?: readonly string[];
  /** Rows returned (default 50); `total` still counts every match. */
  limit?: number;
}

export interface SearchResult {
  rows: EntityRow[];
  total: number;
}

let generation = 0;
let cache: { generation: number; db: WorkbenchDb; ids: string[] } | null = null;

/** Called by every write that adds or removes entities. */
export function markEntitiesChanged(): void {
  generation += 1;
}

async function allIds(db: WorkbenchDb): Promise<string[]> {
  if (cache && cache.generation === generation && cache.db === db) return cache.ids;
  const seen = generation;
  const ids = (await db.entities.toCollection().primaryKeys()) as string[];
  cache = { generation: seen, db, ids };
  return ids;
}

/** Reads the ids ahead of the first search (at start, when the app is idle). */
export async function warmSearch(db: WorkbenchDb): Promise<void> {
  await allIds(db);
}

/** What the analyst typed, as stored values are written: trimmed, lower case, common defangs undone. */
export function normaliseQuery(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]/g, '.')
    .replace(/^hxxp/, 'http')
    .replace(/\[:\]/g, ':');
}

export async function searchEntities(db: WorkbenchDb, query: SearchQuery): Promise<SearchResult> {
  const text = normaliseQuery(query.text);
  const limit = query.limit ?? 50;
  const types = query.types?.length ? new Set<string>(query.types) : null;
  // One equality range per zone: IndexedDB answers each with getAllKeys, where anyOf walks a cursor.
  const zoneIds = query.zones?.length
    ? new Set((await Promise.all(query.zones.map((zone) => db.entities.where('zone').equals(zone).primaryKeys()))).flat() as string[])
    : null;
  const ids = await allIds(db);

  const prefix: string[] = [];
  const inside: string[] = [];
  for (const id of ids) {
    const colon = id.indexOf(':');
    if (types && !types.has(id.slice(0, colon))) continue;
    if (zoneIds && !zoneIds.has(id)) continue;
    if (text === '') {
      prefix.push(id);
      continue;
    }
    const at = id.indexOf(text, colon + 1);
    if (at === colon + 1) prefix.push(id);
    else if (at > colon) inside.push(id);
  }
  // A file's SHA-1 / SHA-256 live in `aliases`: a prefix of one finds the file.
  if (text.length >= 8 && /^[0-9a-f]+$/.test(text) && (!types || types.has('file'))) {
    const byAlias = (await db.entities.where('aliases').startsWith(text).primaryKeys()) as string[];
    const known = new Set(prefix);
    for (const id of byAlias) {
      if (!known.has(id) && (!zoneIds || zoneIds.has(id))) prefix.push(id);
    }
  }
  const matches = prefix.concat(inside);
  const page = matches.slice(0, limit);
  const rows = (await db.entities.bulkGet(page)).filter((row): row is EntityRow => row !== undefined);
  return { rows, total: matches.length };
}
