// Skipped tests by reason, for the closing summary of `npm test` (tools/test-all.mjs).
//
// A test file that skips for want of something (keytar's binary, a Secret Service, Chromium, an
// Electron binary) records its reason through tests/support/skips.ts: one JSON line
// `{"file": "/abs/path.test.ts", "reason": "…"}` per file in the step's record. The counts come
// from vitest's JSON report, file by file, so a reason is only ever printed with the number of
// tests vitest itself reported as skipped in the files that gave it.
import { relative } from 'node:path';

/** Skipped tests in a file that gave no reason (an `it.skip` in the file itself, say). */
export const NO_REASON = 'no reason given';

/** The record's lines as a map from test file to reason; blank lines are ignored. */
export function parseSkipRecord(text) {
  const reasons = new Map();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const entry = JSON.parse(line);
    if (typeof entry?.file !== 'string' || typeof entry?.reason !== 'string') {
      throw new Error(`not a skip record line: ${line}`);
    }
    reasons.set(entry.file, entry.reason);
  }
  return reasons;
}

/**
 * Counts one vitest JSON report's skipped and todo tests by reason: a file's skipped tests under
 * the reason that file recorded, todo tests as todo, anything else under NO_REASON with the file's
 * path (relative to `root`). Whatever the report counts but does not list test by test is kept as
 * its own line, so the lines always add up to the step's skipped count.
 */
export function countSkips(report, reasons, root) {
  const counts = new Map();
  const add = (reason, n) => counts.set(reason, (counts.get(reason) ?? 0) + n);
  let listed = 0;
  for (const file of report.testResults ?? []) {
    const where = relative(root, file.name);
    for (const test of file.assertionResults ?? []) {
      if (test.status === 'skipped' || test.status === 'pending') {
        add(reasons.get(file.name) ?? `${NO_REASON} in ${where}`, 1);
        listed += 1;
      } else if (test.status === 'todo') {
        add(`todo in ${where}`, 1);
        listed += 1;
      }
    }
  }
  const total = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (total > listed) add("not listed test by test in vitest's report", total - listed);
  return counts;
}

/** Adds the counts of `more` into `into` (reason → count) and returns `into`. */
export function mergeSkips(into, more) {
  for (const [reason, n] of more) into.set(reason, (into.get(reason) ?? 0) + n);
  return into;
}

/** `M skipped: <reason>`, one line per reason, the largest count first, then by reason. */
export function skipLines(counts) {
  return [...counts]
    .filter(([, n]) => n > 0)
    .sort(([a, m], [b, n]) => n - m || a.localeCompare(b))
    .map(([reason, n]) => `${n} skipped: ${reason}`);
}
