/**
 * Row shapes of the `tip-workbench` IndexedDB database. Lookups, case nodes and operations are the
 * shared case-file shapes (so export and import are plain copies); entities and relations are the
 * merge of every answer that mentioned them.
 */
import type { CaseNode, CaseOp, CaseRecord, StoredLookup } from '@shared/case-file/types';
import type { Entity, Relation } from '@shared/graph/types';

export type LookupRow = StoredLookup;
export type CaseNodeRow = CaseNode;
export type CaseOpRow = CaseOp;

export interface CaseRow extends CaseRecord {
  /** Set when deleted: the case is hidden and can be restored until it is purged. */
  deletedAt: string | null;
  /** The case lookups land in when no case is open. */
  isDefault: boolean;
}

/** One ip, domain, url or file: what the latest answers said of it. */
export interface EntityRow extends Entity {
  aliases: string[];
  /**
   * Stamps of the answers the zone, threat score and summary came from (`<fetchedAt>#<rank>`), so
   * merges keep the latest whatever order answers arrive in.
   */
  zoneAt?: string;
  threatScoreAt?: string;
  summaryAt?: string;
  /** Whether that answer was a lookup of this entity itself, or of a neighbour that listed it. */
  zoneFrom?: 'lookup' | 'neighbour';
  /** The first and latest answer that mentioned this entity (ours, not TIP's first/last seen). */
  firstObservedAt: string;
  lastObservedAt: string;
  /** fetchedAt of the latest lookup of this entity itself; absent when only seen as a neighbour. */
  lookedUpAt?: string;
}

/** One edge, with its evidence merged across answers. */
export interface RelationRow extends Relation {
  /** The answers that showed this edge, sorted. */
  lookupIds: string[];
  firstObservedAt: string;
  lastObservedAt: string;
}
