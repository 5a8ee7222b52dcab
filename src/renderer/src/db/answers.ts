/**
 * Reading stored answers: an entity's history, its latest answer, and the cache rule — an answer
 * is reused instead of asking TIP again when it is fresh enough and asked for at least as much.
 */
import Dexie from 'dexie';
import type { LookupParams } from '@shared/case-file/types';
import type { LookupType } from '@shared/tip/types';
import type { WorkbenchDb } from './database';
import { seedEntityId } from './ingest';
import type { LookupRow } from './rows';

function answersOf(db: WorkbenchDb, entityId: string) {
  return db.lookups.where('[entityId+fetchedAt]').between([entityId, Dexie.minKey], [entityId, Dexie.maxKey]);
}

/** Every answer about an entity, newest first. */
export async function historyOf(db: WorkbenchDb, entityId: string): Promise<LookupRow[]> {
  return answersOf(db, entityId).reverse().toArray();
}

export async function latestAnswer(db: WorkbenchDb, entityId: string): Promise<LookupRow | undefined> {
  return answersOf(db, entityId).last();
}

/**
 * The entity a lookup of (type, value) is about. A file may be asked for by SHA-1 or SHA-256 while
 * the store knows it by MD5: the alias index finds it.
 */
export async function resolveEntityId(db: WorkbenchDb, type: LookupType, value: string): Promise<string> {
  const seed = seedEntityId(type, value);
  if (type !== 'hash') return seed;
  if (await db.entities.get(seed)) return seed;
  const byAlias = await db.entities.where('aliases').equals(value.trim().toLowerCase()).first();
  return byAlias?.id ?? seed;
}

/** True when a stored answer made with `have` answers a request for `want`. */
export function covers(have: LookupParams, want: LookupParams): boolean {
  if (have.format !== want.format) return false;
  if (want.format === 'stix') return true; // TIP ignores count and sections for STIX
  if (have.sections?.length) {
    if (!want.sections?.length) return false;
    if (!want.sections.every((section) => have.sections?.includes(section))) return false;
  }
  const haveCount = have.count ?? Number.POSITIVE_INFINITY;
  const wantCount = want.count ?? Number.POSITIVE_INFINITY;
  return haveCount >= wantCount;
}

/**
 * The newest stored answer that covers the request and is no older than `maxAgeMs` (Infinity when
 * offline: any stored answer beats none).
 */
export async function findCached(
  db: WorkbenchDb,
  request: { type: LookupType; value: string; params: LookupParams },
  maxAgeMs: number,
  nowMs: number = Date.now(),
): Promise<LookupRow | undefined> {
  const entityId = await resolveEntityId(db, request.type, request.value);
  const oldest = Number.isFinite(maxAgeMs) ? new Date(nowMs - maxAgeMs).toISOString() : '';
  return db.lookups
    .where('[entityId+fetchedAt]')
    .between([entityId, oldest], [entityId, Dexie.maxKey])
    .reverse()
    .filter((row) => covers(row.params, request.params))
    .first();
}
