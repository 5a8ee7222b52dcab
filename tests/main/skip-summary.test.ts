// How `npm test` names its skips: test files record why they skip (tests/support/skips.ts), and
// tools/test-all.mjs counts each reason from vitest's JSON report (tools/skip-summary.mjs).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { countSkips, mergeSkips, NO_REASON, parseSkipRecord, skipLines, type VitestReport } from '../../tools/skip-summary.mjs';
import { NO_KEYTAR_REASON } from '../support/keychain';
import { SKIPS_FILE_ENV, skipWithReason } from '../support/skips';

const ROOT = '/repo';
const NO_CHROMIUM = 'no Chromium at /usr/bin/chromium (install Debian\'s "chromium" package or set CHROMIUM_PATH)';

const tests = (...statuses: string[]) => statuses.map((status) => ({ status }));

/** The shape vitest's JSON reporter writes, reduced to what the summary reads. */
function report(files: Record<string, string[]>, extra: { pending?: number; todo?: number } = {}): VitestReport {
  const all = Object.values(files).flat();
  return {
    numPendingTests: (extra.pending ?? 0) + all.filter((s) => s === 'skipped' || s === 'pending').length,
    numTodoTests: (extra.todo ?? 0) + all.filter((s) => s === 'todo').length,
    testResults: Object.entries(files).map(([file, statuses]) => ({ name: `${ROOT}/${file}`, assertionResults: tests(...statuses) })),
  };
}

describe('the skip summary of npm test', () => {
  it('reads one reason per test file from the step record, ignoring blank lines', () => {
    const record = [
      JSON.stringify({ file: `${ROOT}/tests/integration/keychain.test.ts`, reason: NO_KEYTAR_REASON }),
      '',
      JSON.stringify({ file: `${ROOT}/tests/e2e/shell.test.ts`, reason: NO_CHROMIUM }),
      '',
    ].join('\n');
    expect(parseSkipRecord(record)).toEqual(
      new Map([
        [`${ROOT}/tests/integration/keychain.test.ts`, NO_KEYTAR_REASON],
        [`${ROOT}/tests/e2e/shell.test.ts`, NO_CHROMIUM],
      ]),
    );
    expect(() => parseSkipRecord('{"file": "/repo/a.test.ts"}\n')).toThrow(/not a skip record line/);
  });

  it("counts each file's skipped tests under the reason it gave, and nothing it ran", () => {
    const reasons = new Map([[`${ROOT}/tests/integration/keychain.test.ts`, NO_KEYTAR_REASON]]);
    const integration = report({
      'tests/integration/keychain.test.ts': ['skipped', 'skipped', 'skipped'],
      'tests/integration/tip-client.test.ts': ['passed', 'passed', 'failed'],
    });
    expect(countSkips(integration, reasons, ROOT)).toEqual(new Map([[NO_KEYTAR_REASON, 3]]));
  });

  it('names the file of a skip that gave no reason, and todo tests as todo', () => {
    const unit = report({
      'tests/main/a.test.ts': ['passed', 'skipped'],
      'tests/main/b.test.ts': ['todo', 'todo', 'passed'],
    });
    expect(countSkips(unit, new Map(), ROOT)).toEqual(
      new Map([
        [`${NO_REASON} in tests/main/a.test.ts`, 1],
        ['todo in tests/main/b.test.ts', 2],
      ]),
    );
  });

  it('keeps what the report counts but does not list as its own line, so the lines add up', () => {
    const e2e = report({ 'tests/e2e/shell.test.ts': ['skipped'] }, { pending: 2 });
    const reasons = new Map([[`${ROOT}/tests/e2e/shell.test.ts`, NO_CHROMIUM]]);
    const counts = countSkips(e2e, reasons, ROOT);
    expect(counts).toEqual(new Map([[NO_CHROMIUM, 1], ["not listed test by test in vitest's report", 2]]));
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(e2e.numPendingTests);
  });

  it('prints each reason once over all steps, the largest count first', () => {
    const total = new Map<string, number>();
    mergeSkips(total, new Map([[NO_KEYTAR_REASON, 3]]));
    mergeSkips(total, new Map([[NO_CHROMIUM, 4], ['no Electron binary', 1]]));
    mergeSkips(total, new Map([[NO_KEYTAR_REASON, 2], ['a reason that skipped nothing', 0]]));
    expect(skipLines(total)).toEqual([
      `5 skipped: ${NO_KEYTAR_REASON}`,
      `4 skipped: ${NO_CHROMIUM}`,
      '1 skipped: no Electron binary',
    ]);
    expect(skipLines(new Map())).toEqual([]);
  });
});

// In order: the helper keeps the reason this file gave.
describe('skipWithReason (tests/support/skips.ts)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tipwb-skips-'));
  const record = join(dir, 'step.jsonl');
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('skips nothing and records nothing when nothing is missing', () => {
    vi.stubEnv(SKIPS_FILE_ENV, record);
    expect(skipWithReason(null)).toBe(false);
    expect(existsSync(record)).toBe(false);
  });

  it('records the reason against this test file once, on one line, for the summary', () => {
    vi.stubEnv(SKIPS_FILE_ENV, record);
    expect(skipWithReason('no thing\n  (install it)')).toBe(true);
    expect(skipWithReason('no thing (install it)')).toBe(true);
    const reasons = parseSkipRecord(readFileSync(record, 'utf8'));
    expect(reasons).toEqual(new Map([[expect.getState().testPath, 'no thing (install it)']]));
    expect(readFileSync(record, 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('refuses a second, different reason in the same file, which the summary could not count', () => {
    vi.stubEnv(SKIPS_FILE_ENV, record);
    expect(() => skipWithReason('another thing missing')).toThrow(/one reason per file/);
    expect(readFileSync(record, 'utf8').trim().split('\n')).toHaveLength(1);
  });
});
