/**
 * Building what the workbench stores from TIP answers, with no store attached: the row an answer
 * becomes (the renderer's ingest and the command line both use it, so both write the same ids) and
 * a whole case file around a list of answers (`tipwb lookup --case`), which the app imports as is.
 */
import { relationsFromLookup } from '../graph';
import { entityId, type EntityType } from '../graph/types';
import type { LookupAnswer, LookupType } from '../tip/types';
import { lookupId } from './lookup-id';
import { CASE_FILE_FORMAT, CASE_FILE_VERSION, type CaseFile, type CaseNode, type CaseOp, type LookupParams, type StoredLookup } from './types';

const ENTITY_TYPE: Record<LookupType, EntityType> = { ip: 'ip', domain: 'domain', url: 'url', hash: 'file' };

/** The entity a lookup of (type, value) is about, before any answer names it (a hash by itself). */
export function seedEntityId(type: LookupType, value: string): string {
  return relationsFromLookup(type, value, null).entities[0]?.id ?? entityId(ENTITY_TYPE[type], value.trim().toLowerCase());
}

/** The stored row an answer becomes; `request.value` is the normalised value that was sent. */
export function storedLookupFrom(
  request: { type: LookupType; value: string; params: LookupParams },
  answer: LookupAnswer,
  fetchedAt: string,
): StoredLookup {
  const graph = relationsFromLookup(request.type, request.value, answer.body);
  return {
    id: lookupId(request.type, request.value, request.params.format, fetchedAt),
    type: request.type,
    value: request.value,
    entityId: graph.entities[0]?.id ?? seedEntityId(request.type, request.value),
    params: request.params,
    fetchedAt,
    durationMs: answer.durationMs,
    status: answer.status,
    zone: answer.zone ?? zoneOf(answer.body),
    license: answer.license ?? null,
    body: answer.body,
  };
}

function zoneOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('Zone' in body)) return null;
  return typeof body.Zone === 'string' ? body.Zone : null;
}

export interface CaseFromLookupsOptions {
  /** The case's id; the caller makes it unique (shared code has no random source). */
  id: string;
  name: string;
  notes?: string;
  /** The answers, in the order they should appear in the case. */
  lookups: readonly StoredLookup[];
  /** e.g. "tipwb 0.1.0". */
  generator: string;
  /** ISO time of the export. */
  now: string;
  /** When the case was started (the run began); default `now`. */
  createdAt?: string;
}

/**
 * A case holding one node per looked-up entity (not laid out: position null), with the log the
 * app would have written: `case.create`, then a `node.add` per new entity with the lookup as its
 * provenance, or a `lookup` op when an earlier answer already put that entity in the case (the same
 * file looked up by its MD5 and its SHA-256).
 */
export function caseFileFromLookups(options: CaseFromLookupsOptions): CaseFile {
  const caseId = options.id;
  let seq = 0;
  const op = (at: string): Pick<CaseOp, 'id' | 'caseId' | 'seq' | 'at' | 'undone'> => {
    seq += 1;
    return { id: `${caseId}:op-${seq}`, caseId, seq, at, undone: false };
  };
  const createdAt = options.createdAt ?? options.now;
  const ops: CaseOp[] = [{ ...op(createdAt), kind: 'case.create', name: options.name }];
  const nodes: CaseNode[] = [];
  const inCase = new Set<string>();
  for (const lookup of options.lookups) {
    const base = op(lookup.fetchedAt);
    if (inCase.has(lookup.entityId)) {
      ops.push({ ...base, kind: 'lookup', lookupId: lookup.id, entityId: lookup.entityId });
      continue;
    }
    inCase.add(lookup.entityId);
    const node: CaseNode = {
      caseId,
      entityId: lookup.entityId,
      position: null,
      pinned: false,
      notes: '',
      tags: [],
      addedAt: lookup.fetchedAt,
      addedBy: base.id,
    };
    nodes.push(node);
    ops.push({ ...base, kind: 'node.add', nodes: [node], via: { source: 'lookup', lookupId: lookup.id, entityId: lookup.entityId } });
  }
  const updatedAt = options.lookups.reduce((latest, lookup) => (lookup.fetchedAt > latest ? lookup.fetchedAt : latest), createdAt);
  return {
    format: CASE_FILE_FORMAT,
    version: CASE_FILE_VERSION,
    exportedAt: options.now,
    generator: options.generator,
    case: { id: caseId, name: options.name, notes: options.notes ?? '', createdAt, updatedAt },
    lookups: [...options.lookups],
    nodes,
    ops,
  };
}
