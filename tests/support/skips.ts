/**
 * One way for a test file to skip what needs something this machine lacks (keytar's binary, a
 * Secret Service, Chromium, an Electron binary), and to say why:
 *
 *   describe.skipIf(skipWithReason(chromiumMissingReason()))('…', () => { … });
 *
 * A null reason means nothing is missing: nothing is skipped or recorded. Under `npm test`
 * (tools/test-all.mjs names a file in TIPWB_SKIPS_FILE) the reason is recorded against this test
 * file, and the closing summary prints it once with the number of tests it skipped, counted from
 * vitest's report; run alone, vitest prints it here instead. One reason per file, so every skipped
 * test in a file is counted under the reason that file gave.
 */
import { appendFileSync } from 'node:fs';
import { expect } from 'vitest';

export const SKIPS_FILE_ENV = 'TIPWB_SKIPS_FILE';

/** Vitest evaluates each test file in its own module graph, so this holds one file's reason. */
const given = new Map<string, string>();

export function skipWithReason(reason: string | null): boolean {
  if (reason === null) return false;
  const file = expect.getState().testPath;
  if (!file) throw new Error('skipWithReason() belongs at the top level of a test file, where vitest collects it.');
  const text = reason.replace(/\s+/g, ' ').trim();
  if (text.length === 0) throw new Error('A skip needs a reason.');
  const earlier = given.get(file);
  if (earlier === text) return true;
  if (earlier !== undefined) {
    throw new Error(`${file} already skips because ${earlier}; give one reason per file (split the file) so the summary counts each.`);
  }
  given.set(file, text);
  const record = process.env[SKIPS_FILE_ENV];
  if (record) appendFileSync(record, `${JSON.stringify({ file, reason: text })}\n`);
  else console.warn(`skipped: ${text}`);
  return true;
}
