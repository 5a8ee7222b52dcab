/**
 * The one typed Dexie database, `tip-workbench` (outside checks open it by that name). Two
 * connections to it: the default one for answers, whose bulk writes would pay an fsync each if
 * strict, and a strict-durability one for case edits, which must survive a power cut the moment
 * they are acknowledged. Both declare the same versions, so either may open or upgrade it.
 */
import Dexie, { type EntityTable, type Table } from 'dexie';
import { declareVersions } from './versions';
import type { CaseNodeRow, CaseOpRow, CaseRow, EntityRow, LookupRow, RelationRow } from './rows';

export const DATABASE_NAME = 'tip-workbench';

export class WorkbenchDb extends Dexie {
  lookups!: EntityTable<LookupRow, 'id'>;
  entities!: EntityTable<EntityRow, 'id'>;
  relations!: EntityTable<RelationRow, 'id'>;
  cases!: EntityTable<CaseRow, 'id'>;
  caseNodes!: Table<CaseNodeRow, [string, string]>;
  caseOps!: EntityTable<CaseOpRow, 'id'>;

  constructor(name: string = DATABASE_NAME, options: { strict?: boolean; version?: number } = {}) {
    super(name, { chromeTransactionDurability: options.strict ? 'strict' : 'default' });
    declareVersions(this, options.version);
  }
}

let answers: WorkbenchDb | null = null;
let edits: WorkbenchDb | null = null;

/** The connection for answers, entities, relations and reads. */
export function db(): WorkbenchDb {
  answers ??= new WorkbenchDb();
  return answers;
}

/** The strict-durability connection: case edits and imports. */
export function strictDb(): WorkbenchDb {
  edits ??= new WorkbenchDb(DATABASE_NAME, { strict: true });
  return edits;
}

/** Closes both connections and deletes the database (tests start from nothing). */
export async function resetDatabase(): Promise<void> {
  answers?.close();
  edits?.close();
  answers = null;
  edits = null;
  await Dexie.delete(DATABASE_NAME);
}
