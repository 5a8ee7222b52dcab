/**
 * Case-file import rules, shared by the app and `tipwb case check`: the whole file is checked —
 * schema, sizes, counts, ids that refer to something — before anything is written, and the first
 * problem is reported with where it is ("lookups[12].fetchedAt: …"). A file from a newer version is
 * refused, never half-read.
 */
import { fail, ok, type Result } from '../ipc/result';
import { relationsFromLookup } from '../graph';
import { isGroupNodeId, parseGroupNodeId } from '../graph/group-id';
import { validateLookupValue } from '../indicators/validate';
import { LOOKUP_FORMATS, LOOKUP_TYPES, SECTIONS, type LookupType } from '../tip/types';
import { CASE_FILE_LIMITS } from './limits';
import { lookupId } from './lookup-id';
import {
  CASE_FILE_FORMAT,
  CASE_FILE_VERSION,
  CASE_OP_KINDS,
  type CaseFile,
  type CaseNode,
  type CaseOp,
  type StoredLookup,
} from './types';

export { CASE_FILE_LIMITS };

class Invalid extends Error {}

function where(path: string, problem: string): never {
  throw new Invalid(`${path}: ${problem}`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value.length > 40 ? `"${value.slice(0, 37)}…"` : JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function record(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) where(path, `expected an object, got ${describe(value)}`);
  return value as Record<string, unknown>;
}

function list(value: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(value)) where(path, `expected a list, got ${describe(value)}`);
  if (value.length > max) where(path, `holds ${value.length} entries, at most ${max} are allowed`);
  return value;
}

function text(value: unknown, path: string, max: number, options: { empty?: boolean } = {}): string {
  if (typeof value !== 'string') where(path, `expected text, got ${describe(value)}`);
  if (value.length > max) where(path, `is ${value.length} characters long, at most ${max} are allowed`);
  if (!options.empty && value.trim() === '') where(path, 'is empty');
  return value;
}

function time(value: unknown, path: string): string {
  const stamp = text(value, path, 40);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(stamp) || Number.isNaN(Date.parse(stamp))) {
    where(path, `expected an ISO-8601 time such as 2026-05-12T08:30:00.000Z, got ${describe(value)}`);
  }
  return stamp;
}

function number(value: unknown, path: string, min: number, max: number, integer = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) where(path, `expected a number, got ${describe(value)}`);
  if (integer && !Number.isInteger(value)) where(path, `expected a whole number, got ${value}`);
  if (value < min || value > max) where(path, `expected a number from ${min} to ${max}, got ${value}`);
  return value;
}

function bool(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') where(path, `expected true or false, got ${describe(value)}`);
  return value;
}

function oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    where(path, `expected one of ${allowed.join(', ')}, got ${describe(value)}`);
  }
  return value as T;
}

function checkLookup(raw: unknown, path: string): StoredLookup {
  const row = record(raw, path);
  const type = oneOf(row.type, `${path}.type`, LOOKUP_TYPES);
  const value = text(row.value, `${path}.value`, 8192);
  const normal = validateLookupValue(type, value);
  if (!normal.ok) where(`${path}.value`, normal.error.message);
  if (normal.value !== value) where(`${path}.value`, `is not in normal form (expected ${describe(normal.value)})`);
  const params = record(row.params, `${path}.params`);
  const format = oneOf(params.format, `${path}.params.format`, LOOKUP_FORMATS);
  if (params.count !== undefined) number(params.count, `${path}.params.count`, 1, 100_000, true);
  if (params.sections !== undefined) {
    list(params.sections, `${path}.params.sections`, 64).forEach((section, i) =>
      oneOf(section, `${path}.params.sections[${i}]`, SECTIONS[type as LookupType]),
    );
  }
  const fetchedAt = time(row.fetchedAt, `${path}.fetchedAt`);
  number(row.durationMs, `${path}.durationMs`, 0, 86_400_000);
  number(row.status, `${path}.status`, 100, 599, true);
  if (row.zone !== null) text(row.zone, `${path}.zone`, 32);
  if (row.license !== null) record(row.license, `${path}.license`);
  if (!('body' in row)) where(`${path}.body`, 'is missing (the raw answer is what makes a case work offline)');
  const id = text(row.id, `${path}.id`, CASE_FILE_LIMITS.id);
  if (id !== lookupId(type, value, format, fetchedAt)) {
    where(`${path}.id`, 'does not match the answer it names (type, value, format and fetchedAt)');
  }
  return row as unknown as StoredLookup;
}

/**
 * What a case node may stand for: an entity some answer names, or a group of that entity's
 * neighbours (group-id.ts) — the group's members are read from the same answers, so its parent
 * being known is what makes it drawable.
 */
function nodeRef(value: unknown, path: string, known: Set<string>): string {
  const id = text(value, path, 9000);
  if (known.has(id)) return id;
  if (isGroupNodeId(id)) {
    const group = parseGroupNodeId(id);
    if (group === null) where(path, `${describe(id)} is not a group id (group:<entity id>|<kind>|<in|out>, the kind fitting the entity)`);
    if (!known.has(group.parent)) where(path, `the group's entity ${describe(group.parent)} is not named by any answer in the file`);
    return id;
  }
  where(path, `${describe(id)} is not named by any answer in the file`);
}

function checkNode(raw: unknown, path: string, caseId: string, known: Set<string>): CaseNode {
  const node = record(raw, path);
  if (node.caseId !== caseId) where(`${path}.caseId`, `expected the case's id ${describe(caseId)}, got ${describe(node.caseId)}`);
  nodeRef(node.entityId, `${path}.entityId`, known);
  if (node.position !== null) {
    const position = record(node.position, `${path}.position`);
    number(position.x, `${path}.position.x`, -1e9, 1e9);
    number(position.y, `${path}.position.y`, -1e9, 1e9);
  }
  bool(node.pinned, `${path}.pinned`);
  text(node.notes, `${path}.notes`, CASE_FILE_LIMITS.notes, { empty: true });
  list(node.tags, `${path}.tags`, CASE_FILE_LIMITS.tags).forEach((tag, i) => text(tag, `${path}.tags[${i}]`, CASE_FILE_LIMITS.tag));
  time(node.addedAt, `${path}.addedAt`);
  if (node.addedBy !== null) text(node.addedBy, `${path}.addedBy`, CASE_FILE_LIMITS.id);
  return node as unknown as CaseNode;
}

function checkOp(raw: unknown, path: string, caseId: string, known: Set<string>, lookups: Set<string>): CaseOp {
  const op = record(raw, path);
  text(op.id, `${path}.id`, CASE_FILE_LIMITS.id);
  if (op.caseId !== caseId) where(`${path}.caseId`, `expected the case's id ${describe(caseId)}, got ${describe(op.caseId)}`);
  number(op.seq, `${path}.seq`, 1, Number.MAX_SAFE_INTEGER, true);
  time(op.at, `${path}.at`);
  bool(op.undone, `${path}.undone`);
  const kind = oneOf(op.kind, `${path}.kind`, CASE_OP_KINDS);
  const entity = (value: unknown, at: string): void => {
    const id = text(value, at, 9000);
    if (!known.has(id)) where(at, `${describe(id)} is not named by any answer in the file`);
  };
  // Operations on nodes (notes, tags, moves, pins, expanding) apply to group nodes too.
  const node = (value: unknown, at: string): void => void nodeRef(value, at, known);
  const lookup = (value: unknown, at: string): void => {
    if (!lookups.has(text(value, at, CASE_FILE_LIMITS.id))) where(at, `${describe(value)} is not an answer in the file`);
  };
  switch (kind) {
    case 'case.create':
      text(op.name, `${path}.name`, CASE_FILE_LIMITS.name);
      break;
    case 'case.rename':
      text(op.before, `${path}.before`, CASE_FILE_LIMITS.name);
      text(op.after, `${path}.after`, CASE_FILE_LIMITS.name);
      break;
    case 'case.notes':
    case 'node.notes':
      text(op.before, `${path}.before`, CASE_FILE_LIMITS.notes, { empty: true });
      text(op.after, `${path}.after`, CASE_FILE_LIMITS.notes, { empty: true });
      if (kind === 'node.notes') node(op.entityId, `${path}.entityId`);
      break;
    case 'node.add':
    case 'node.remove': {
      list(op.nodes, `${path}.nodes`, CASE_FILE_LIMITS.nodes).forEach((node, i) => checkNode(node, `${path}.nodes[${i}]`, caseId, known));
      if (kind === 'node.add') {
        const via = record(op.via, `${path}.via`);
        const source = oneOf(via.source, `${path}.via.source`, ['lookup', 'expand', 'manual'] as const);
        if (source === 'lookup' || via.lookupId !== undefined) lookup(via.lookupId, `${path}.via.lookupId`);
        if (source === 'lookup' && via.entityId !== undefined) entity(via.entityId, `${path}.via.entityId`);
        if (source === 'expand') node(via.from, `${path}.via.from`);
      }
      break;
    }
    case 'node.move':
      list(op.moves, `${path}.moves`, CASE_FILE_LIMITS.nodes).forEach((raw, i) => node(record(raw, `${path}.moves[${i}]`).entityId, `${path}.moves[${i}].entityId`));
      break;
    case 'node.pin': {
      const ids = list(op.entityIds, `${path}.entityIds`, CASE_FILE_LIMITS.nodes);
      ids.forEach((id, i) => node(id, `${path}.entityIds[${i}]`));
      const before = list(op.before, `${path}.before`, CASE_FILE_LIMITS.nodes);
      if (before.length !== ids.length) where(`${path}.before`, 'must hold one value per entity');
      before.forEach((value, i) => bool(value, `${path}.before[${i}]`));
      bool(op.after, `${path}.after`);
      break;
    }
    case 'node.tags':
      node(op.entityId, `${path}.entityId`);
      list(op.before, `${path}.before`, CASE_FILE_LIMITS.tags).forEach((tag, i) => text(tag, `${path}.before[${i}]`, CASE_FILE_LIMITS.tag));
      list(op.after, `${path}.after`, CASE_FILE_LIMITS.tags).forEach((tag, i) => text(tag, `${path}.after[${i}]`, CASE_FILE_LIMITS.tag));
      break;
    case 'lookup':
      lookup(op.lookupId, `${path}.lookupId`);
      entity(op.entityId, `${path}.entityId`);
      break;
  }
  return op as unknown as CaseOp;
}

function unique(values: readonly string[], path: (i: number) => string, what: string): void {
  const seen = new Set<string>();
  values.forEach((value, i) => {
    if (seen.has(value)) where(path(i), `${what} ${describe(value)} appears twice`);
    seen.add(value);
  });
}

/** Checks a parsed case file; every problem is reported by its path in the file. */
export function validateCaseFile(data: unknown): Result<CaseFile> {
  try {
    const file = record(data, 'file');
    if (file.format !== CASE_FILE_FORMAT) {
      where('format', `expected "${CASE_FILE_FORMAT}" — this is not a TIP Workbench case file`);
    }
    const version = number(file.version, 'version', 1, Number.MAX_SAFE_INTEGER, true);
    if (version > CASE_FILE_VERSION) {
      where('version', `the file was written by a newer TIP Workbench (case-file version ${version}; this one reads up to ${CASE_FILE_VERSION}). Update the workbench to open it`);
    }
    time(file.exportedAt, 'exportedAt');
    text(file.generator, 'generator', 200);
    const theCase = record(file.case, 'case');
    const caseId = text(theCase.id, 'case.id', CASE_FILE_LIMITS.id);
    text(theCase.name, 'case.name', CASE_FILE_LIMITS.name);
    text(theCase.notes, 'case.notes', CASE_FILE_LIMITS.notes, { empty: true });
    time(theCase.createdAt, 'case.createdAt');
    time(theCase.updatedAt, 'case.updatedAt');

    const lookups = list(file.lookups, 'lookups', CASE_FILE_LIMITS.lookups).map((row, i) => checkLookup(row, `lookups[${i}]`));
    unique(lookups.map((row) => row.id), (i) => `lookups[${i}].id`, 'the answer id');
    const known = new Set<string>();
    for (const [i, row] of lookups.entries()) {
      const graph = relationsFromLookup(row.type, row.value, row.body);
      const seed = graph.entities[0]?.id;
      if (seed !== undefined && row.entityId !== seed) {
        where(`lookups[${i}].entityId`, `expected ${describe(seed)}, the object the answer is about`);
      }
      known.add(row.entityId);
      for (const entity of graph.entities) known.add(entity.id);
    }
    const lookupIds = new Set(lookups.map((row) => row.id));
    const nodes = list(file.nodes, 'nodes', CASE_FILE_LIMITS.nodes).map((node, i) => checkNode(node, `nodes[${i}]`, caseId, known));
    unique(nodes.map((node) => node.entityId), (i) => `nodes[${i}].entityId`, 'the node');
    const ops = list(file.ops, 'ops', CASE_FILE_LIMITS.ops).map((op, i) => checkOp(op, `ops[${i}]`, caseId, known, lookupIds));
    unique(ops.map((op) => op.id), (i) => `ops[${i}].id`, 'the operation id');
    unique(ops.map((op) => String(op.seq)), (i) => `ops[${i}].seq`, 'the sequence number');
    const opIds = new Set(ops.map((op) => op.id));
    nodes.forEach((node, i) => {
      if (node.addedBy !== null && !opIds.has(node.addedBy)) where(`nodes[${i}].addedBy`, `${describe(node.addedBy)} is not an operation in the file`);
    });
    return ok(file as unknown as CaseFile);
  } catch (error) {
    if (error instanceof Invalid) return fail('INVALID_INPUT', `This case file cannot be imported — ${error.message}. Nothing was changed.`);
    throw error;
  }
}

/** Parses and checks the text of a case file. */
export function parseCaseFile(text: string): Result<CaseFile> {
  if (text.length > CASE_FILE_LIMITS.bytes) {
    return fail('INVALID_INPUT', `This case file cannot be imported — it is larger than ${CASE_FILE_LIMITS.bytes / 1024 / 1024} MiB. Nothing was changed.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'unreadable';
    return fail('INVALID_INPUT', `This case file cannot be imported — it is not valid JSON (${detail}). Nothing was changed.`);
  }
  return validateCaseFile(data);
}
