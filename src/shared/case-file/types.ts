/**
 * What the workbench keeps, as plain data: the rows of the local store (IndexedDB `tip-workbench`)
 * and the case file (`*.tipcase.json`) that carries a case between the app, the command line and
 * other analysts. Shared so the command line writes exactly what the app imports.
 */
import type { LicenseInfo, LookupFormat, LookupType } from '../tip/types';

export const CASE_FILE_FORMAT = 'tip-workbench-case';
/** The case-file version this build writes, and the newest it reads. */
export const CASE_FILE_VERSION = 1;

/** One answer TIP gave, kept as received. Immutable once written. */
export interface StoredLookup {
  /** Deterministic (`lookupId`): the same answer imported twice is one row. */
  id: string;
  type: LookupType;
  /** The value sent, normalised (`validateLookupValue`). */
  value: string;
  /** The entity the answer is about (`relationsFromLookup`'s first entity): a file by its MD5. */
  entityId: string;
  params: LookupParams;
  /** When the answer arrived, ISO-8601 UTC with milliseconds. */
  fetchedAt: string;
  durationMs: number;
  /** 200, or 404 for "not known" (a result, not a failure). */
  status: number;
  zone: string | null;
  /** `LicenseInfo` as this answer gave it (quota at the time). */
  license: LicenseInfo | null;
  /** The raw JSON answer or STIX bundle, as TIP sent it; null for an empty 404. */
  body: unknown;
}

export interface LookupParams {
  /** Records per list section asked for; absent = TIP's default (up to 1000). */
  count?: number;
  /** Sections asked for; absent = every section. */
  sections?: string[];
  format: LookupFormat;
}

/** An investigation. */
export interface CaseRecord {
  id: string;
  name: string;
  notes: string;
  createdAt: string;
  updatedAt: string;
}

export interface Point {
  x: number;
  y: number;
}

/** An entity shown in a case, with what the analyst did to it there. */
export interface CaseNode {
  caseId: string;
  entityId: string;
  /** Position on the graph canvas; null until laid out. */
  position: Point | null;
  pinned: boolean;
  notes: string;
  tags: string[];
  addedAt: string;
  /** The operation that added it (provenance). */
  addedBy: string | null;
}

/** How nodes came into a case, for provenance ("added by expanding X on 12 May"). */
export type NodeSource =
  /** `entityId`: the indicator looked up, when the nodes include what its answer named. */
  | { source: 'lookup'; lookupId: string; entityId?: string }
  | { source: 'expand'; from: string; lookupId?: string }
  | { source: 'manual' };

/** What an operation did, with enough of the before state to undo it. */
export type CaseOpData =
  | { kind: 'case.create'; name: string }
  | { kind: 'case.rename'; before: string; after: string }
  | { kind: 'case.notes'; before: string; after: string }
  | { kind: 'node.add'; nodes: CaseNode[]; via: NodeSource }
  | { kind: 'node.remove'; nodes: CaseNode[] }
  | { kind: 'node.move'; moves: { entityId: string; from: Point | null; to: Point | null }[] }
  | { kind: 'node.pin'; entityIds: string[]; before: boolean[]; after: boolean }
  | { kind: 'node.notes'; entityId: string; before: string; after: string }
  | { kind: 'node.tags'; entityId: string; before: string[]; after: string[] }
  /** A lookup whose indicator was already in the case: provenance only, nothing to undo. */
  | { kind: 'lookup'; lookupId: string; entityId: string };

export type CaseOpKind = CaseOpData['kind'];

export const CASE_OP_KINDS = [
  'case.create',
  'case.rename',
  'case.notes',
  'node.add',
  'node.remove',
  'node.move',
  'node.pin',
  'node.notes',
  'node.tags',
  'lookup',
] as const satisfies readonly CaseOpKind[];

/** Operations that change nothing undoable. */
export const NOT_UNDOABLE: ReadonlySet<CaseOpKind> = new Set(['case.create', 'lookup']);

export type CaseOp = {
  id: string;
  caseId: string;
  /** Order within the case, from 1. */
  seq: number;
  at: string;
  /** Undone operations form a suffix of the log; a new operation discards them (the redo branch). */
  undone: boolean;
} & CaseOpData;

export interface CaseFile {
  format: typeof CASE_FILE_FORMAT;
  version: number;
  exportedAt: string;
  /** Which program wrote the file, e.g. "TIP Workbench 0.1.0" or "tipwb 0.1.0". */
  generator: string;
  case: CaseRecord;
  /** Raw answers, so the case opens with no network: every answer about every node's entity. */
  lookups: StoredLookup[];
  nodes: CaseNode[];
  ops: CaseOp[];
}
