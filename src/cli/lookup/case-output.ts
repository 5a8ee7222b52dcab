/**
 * `tipwb lookup --case FILE`: the run as a case file the app imports (`caseFileFromLookups`,
 * shared with nothing but pure code), written atomically so an interrupted write never leaves
 * half a file where a case was expected.
 */
import { randomUUID } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { writeAtomically } from '../../main/settings/settings-store';
import { caseFileFromLookups } from '../../shared/case-file/build';
import { CASE_FILE_LIMITS } from '../../shared/case-file/limits';
import type { StoredLookup } from '../../shared/case-file/types';
import { usageError } from '../errors';
import { fsReason } from '../connection';
import { CLI_GENERATOR } from '../version';

/** Refuses, before anything is sent, a case file that could not be written at the end. */
export async function checkCasePath(path: string): Promise<void> {
  const full = resolve(path);
  const stat = await fs.stat(full).catch((error: unknown) => {
    if (isNotFound(error)) return null;
    throw usageError(`--case ${path} cannot be written (${fsReason(error)}).`);
  });
  if (stat?.isDirectory()) throw usageError(`--case ${path} is a folder; name the file to write, e.g. ${path}/run.tipcase.json.`);
  try {
    await fs.access(dirname(full), constants.W_OK);
  } catch (error) {
    throw usageError(`--case ${path}: the folder ${dirname(full)} cannot be written to (${fsReason(error)}).`);
  }
}

/** "incident-42" for incident-42.tipcase.json; a dated name when the file name says nothing. */
export function caseNameFor(path: string, startedAt: string): string {
  const stem = basename(path).replace(/\.tipcase\.json$/i, '').replace(/\.json$/i, '').trim();
  const name = stem !== '' ? stem : `tipwb lookup ${startedAt.slice(0, 16).replace('T', ' ')}`;
  return name.slice(0, CASE_FILE_LIMITS.name);
}

export async function writeCase(path: string, lookups: readonly StoredLookup[], startedAt: string): Promise<void> {
  const file = caseFileFromLookups({
    id: randomUUID(),
    name: caseNameFor(path, startedAt),
    lookups,
    generator: CLI_GENERATOR,
    now: new Date().toISOString(),
    createdAt: startedAt,
  });
  await writeAtomically(resolve(path), `${JSON.stringify(file, null, 2)}\n`);
}

function isNotFound(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ENOENT';
}
