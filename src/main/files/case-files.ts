/**
 * Case files and STIX bundles on disk. The renderer builds the text and names the file; main shows
 * the dialog, writes atomically (a crash mid-write leaves any earlier file whole) and reads back
 * with a size cap, so the page never touches the file system.
 */
import { promises as fs } from 'node:fs';
import { basename } from 'node:path';
import type { OpenedFile, SavedFile, SaveFileRequest } from '../../shared/ipc/contract';
import { fail, ok, type Result } from '../../shared/ipc/result';
import { CASE_FILE_LIMITS } from '../../shared/case-file/limits';
import { describeFsError, writeAtomically } from '../settings/settings-store';

export interface FileDialogs {
  /** Shows the save dialog; the chosen path, or null when cancelled. */
  pickSavePath(request: { kind: SaveFileRequest['kind']; suggestedName: string }): Promise<string | null>;
  /** Shows the open dialog for a case file; the chosen path, or null when cancelled. */
  pickCaseFile(): Promise<string | null>;
}

/** Keeps a name a plain file name: no folders, no control characters. */
const EXTENSIONS: Record<SaveFileRequest['kind'], string> = { case: '.tipcase.json', stix: '.stix.json', json: '.json', png: '.png', svg: '.svg' };

export function safeFileName(name: string, kind: SaveFileRequest['kind']): string {
  const cleaned = Array.from(name.replace(/[/\\:*?"<>|]/g, '-'))
    .filter((c) => (c.codePointAt(0) ?? 0) >= 0x20)
    .join('')
    .trim()
    .slice(0, 180);
  const extension = EXTENSIONS[kind];
  const stem = cleaned.replace(/\.(tipcase\.json|stix\.json|json|png|svg)$/i, '') || (kind === 'json' ? 'answer' : kind === 'png' || kind === 'svg' ? 'graph' : 'case');
  return `${stem}${extension}`;
}

export async function saveFile(dialogs: FileDialogs, request: SaveFileRequest): Promise<Result<SavedFile>> {
  const path = await dialogs.pickSavePath({ kind: request.kind, suggestedName: safeFileName(request.suggestedName, request.kind) });
  if (path === null) return ok({ saved: false });
  let bytes: Buffer;
  if (request.kind === 'png') {
    bytes = Buffer.from(request.content, 'base64');
    // A picture must be one: the PNG signature, or nothing is written.
    if (bytes.length < 8 || bytes.readUInt32BE(0) !== 0x89504e47) return fail('INVALID_INPUT', 'The picture to save is not a PNG image.');
  } else {
    // An SVG picture must be one too: a file that opens as something else is refused.
    if (request.kind === 'svg' && !/^<svg[\s>]/.test(request.content)) return fail('INVALID_INPUT', 'The picture to save is not an SVG image.');
    bytes = Buffer.from(request.content, 'utf8');
  }
  try {
    await writeAtomically(path, bytes);
  } catch (error) {
    return fail('STORAGE', `The file could not be saved: ${describeFsError(error)}. Nothing was written there.`, { retryable: true });
  }
  return ok({ saved: true, name: basename(path), bytes: bytes.length });
}

export async function openCaseFile(dialogs: FileDialogs): Promise<Result<OpenedFile | null>> {
  const path = await dialogs.pickCaseFile();
  if (path === null) return ok(null);
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile()) return fail('INVALID_INPUT', `${basename(path)} is not a file.`);
    if (stat.size > CASE_FILE_LIMITS.bytes) {
      return fail('INVALID_INPUT', `${basename(path)} is ${Math.round(stat.size / 1024 / 1024)} MiB; a case file can be at most ${CASE_FILE_LIMITS.bytes / 1024 / 1024} MiB.`);
    }
    return ok({ name: basename(path), content: await fs.readFile(path, 'utf8') });
  } catch (error) {
    return fail('STORAGE', `${basename(path)} could not be read: ${describeFsError(error)}.`, { retryable: true });
  }
}
