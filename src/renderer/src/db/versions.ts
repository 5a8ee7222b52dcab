/**
 * Schema versions of `tip-workbench`: append-only. A released version's stores and upgrade are
 * never edited — a change is a new entry with its own upgrade function, and
 * tests/renderer/db-versions.test.ts opens a database made by each earlier version with rows in
 * every table.
 */
import type Dexie from 'dexie';

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: Parameters<ReturnType<Dexie['version']>['upgrade']>[0];
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      // [entityId+fetchedAt]: an entity's answers in time order (history, cache, latest answer).
      lookups: 'id, [entityId+fetchedAt], fetchedAt',
      // Few indexes on purpose: each costs every write, and one answer can name 2,000 entities.
      // Search reads the ids (`<type>:<value>`); zone filters and a file's SHA-1 / SHA-256 use these.
      entities: 'id, zone, *aliases',
      relations: 'id, src, dst',
      cases: 'id, updatedAt',
      caseNodes: '[caseId+entityId], entityId',
      caseOps: 'id, [caseId+seq]',
    },
  },
];

export const CURRENT_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]?.version ?? 1;

export function declareVersions(db: Dexie, upTo: number = CURRENT_VERSION): void {
  for (const step of SCHEMA_VERSIONS) {
    if (step.version > upTo) break;
    const declared = db.version(step.version).stores(step.stores);
    if (step.upgrade) declared.upgrade(step.upgrade);
  }
}
