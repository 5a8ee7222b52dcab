// How `tipwb lookup` prints rows, the progress line, and the whole command on strings: the exact
// NDJSON shape, CSV a spreadsheet reads safely, a table that cannot be hijacked by an escape
// sequence, and the exit statuses of usage errors.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';
import { createPrinter, csvCell, type OutputRow } from '../../src/cli/lookup/output';
import { createProgress, progressLine } from '../../src/cli/lookup/progress';
import { isSpent } from '../../src/cli/commands/lookup';

const ANSWER: OutputRow = { type: 'ip', value: '203.0.113.66', ok: true, status: 200, zone: 'Red', fetchedAt: '2026-05-12T08:30:00.000Z', body: { Zone: 'Red' } };
const FAILED: OutputRow = { type: 'ip', value: '300.1.2.3', ok: false, error: { code: 'INVALID_INPUT', message: 'not an address, "really"' } };

describe('row printers', () => {
  it('NDJSON: one object per line, keys in the documented order', () => {
    const printer = createPrinter('ndjson');
    const text = printer.start() + printer.row(ANSWER) + printer.row(FAILED) + printer.end();
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(Object.keys(JSON.parse(lines[0] ?? ''))).toEqual(['type', 'value', 'ok', 'status', 'zone', 'fetchedAt', 'body']);
    expect(JSON.parse(lines[1] ?? '')).toEqual({ type: 'ip', value: '300.1.2.3', ok: false, error: { code: 'INVALID_INPUT', message: 'not an address, "really"' } });
  });

  it('JSON: nothing until the end, then one array', () => {
    const printer = createPrinter('json');
    expect(printer.row(ANSWER)).toBe('');
    expect(JSON.parse(printer.end())).toEqual([ANSWER]);
  });

  it('CSV: a header, quoted cells, and formulas defused', () => {
    const printer = createPrinter('csv');
    expect(printer.start()).toBe('type,value,ok,status,zone,fetchedAt,error_code,error_message\r\n');
    expect(printer.row(FAILED)).toBe('ip,300.1.2.3,false,,,,INVALID_INPUT,"not an address, ""really"""\r\n');
    expect(printer.row(ANSWER)).toBe('ip,203.0.113.66,true,200,Red,2026-05-12T08:30:00.000Z,,\r\n');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
  });

  it('table: aligned columns, 404 spelled out, control characters never reach the terminal', () => {
    const printer = createPrinter('table');
    expect(printer.start()).toMatch(/^TYPE\s+ZONE\s+RESULT\s+VALUE\n$/);
    expect(printer.row({ ...ANSWER, status: 404, zone: null })).toContain('404 not known');
    const hostile = printer.row({ ...FAILED, value: 'x\u001b]0;pwned\u0007' });
    expect(hostile).not.toContain('\u001b');
    expect(hostile).not.toContain('\u0007');
    expect(hostile).toContain('INVALID_INPUT');
  });
});

describe('progress', () => {
  it('describes the run, the failures and a pause TIP asked for', () => {
    expect(progressLine({ total: 10, finished: 5, failed: 1, pausedUntil: 13_000 }, 1_000, 10)).toBe('[#####.....] 5/10  1 failed  TIP asked to slow down: resuming in 12 s');
  });

  it('draws nothing when standard error is not a terminal', () => {
    const written: string[] = [];
    const progress = createProgress({ write: (t: string) => written.push(t) > 0, on: () => undefined, isTTY: false });
    progress.update({ total: 1, finished: 1, failed: 0, pausedUntil: null });
    progress.clear();
    expect(written).toEqual([]);
  });
});

describe('the quota rule', () => {
  it('is spent when DayRequests reaches DayQuota, and unknown counts never stop a run', () => {
    expect(isSpent({ DayRequests: 5000, DayQuota: 5000 })).toBe(true);
    expect(isSpent({ DayRequests: 4999, DayQuota: 5000 })).toBe(false);
    expect(isSpent({ AccessType: 'Commercial' })).toBe(false);
    expect(isSpent(undefined)).toBe(false);
  });
});

function fakeIo(stdinText: string | null, env: NodeJS.ProcessEnv = {}) {
  let out = '';
  let err = '';
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  if (stdinText === null) stdin.isTTY = true;
  else stdin.end(stdinText);
  const io: CliIo = {
    stdout: { write: (t: string) => ((out += t), true), on: () => undefined },
    stderr: { write: (t: string) => ((err += t), true), on: () => undefined },
    stdin,
    env: { TIPWB_DATA_DIR: '/nonexistent-tipwb-test', ...env },
    platform: 'linux',
    homedir: '/nonexistent-home',
    onInterrupt: () => () => undefined,
  };
  return { io, out: () => out, err: () => err };
}

describe('runCli', () => {
  it('extract prints one {type,value,raw} per indicator', async () => {
    const t = fakeIo('seen at hxxp://bad[.]example[.]com/gate.php from 198.51.100[.]23\n');
    expect(await runCli(['extract'], t.io)).toBe(0);
    expect(t.out().trimEnd().split('\n').map((line) => JSON.parse(line))).toEqual([
      { type: 'url', value: 'http://bad.example.com/gate.php', raw: 'hxxp://bad[.]example[.]com/gate.php' },
      { type: 'ip', value: '198.51.100.23', raw: '198.51.100[.]23' },
    ]);
  });

  it('usage errors: one line, exit 2, no stack', async () => {
    for (const argv of [['frobnicate'], ['lookup', '--jobs', '99', '1.2.3.4'], ['case'], ['auth', 'set-token', 'tok-123456'], ['lookup']]) {
      const t = fakeIo(null);
      expect(await runCli(argv, t.io)).toBe(2);
      expect(t.err()).toMatch(/^tipwb: USAGE: [^\n]+\n$/);
      expect(t.err()).not.toContain('tok-123456');
      expect(t.out()).toBe('');
    }
  });

  it('--help on every command and subcommand, with examples', async () => {
    for (const argv of [['--help'], ['lookup', '--help'], ['extract', '-h'], ['case', '--help'], ['case', 'check', '--help'], ['auth', '--help'], ['auth', 'set-token', '-h']]) {
      const t = fakeIo(null);
      expect(await runCli(argv, t.io)).toBe(0);
      expect(t.out()).toMatch(/Usage:/);
      expect(t.out()).toMatch(/Examples?:/);
    }
  });

  it('a lookup with nothing but malformed indicators fails its rows without credentials or a request', async () => {
    const t = fakeIo(null);
    expect(await runCli(['lookup', '--output', 'ndjson', '300.1.2.3', 'not_a_domain'], t.io)).toBe(1);
    const rows = t.out().trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(rows.map((row) => [row.ok, row.error.code])).toEqual([
      [false, 'INVALID_INPUT'],
      [false, 'INVALID_INPUT'],
    ]);
  });
});
