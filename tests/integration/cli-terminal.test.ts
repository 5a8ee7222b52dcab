/**
 * `tipwb` on a real terminal: a pseudo-terminal from util-linux `script`, so the command sees a TTY
 * exactly as in an analyst's shell. On a terminal, lookup prints a table and draws its progress bar
 * on standard error; a secret is typed at a prompt whose echo is off. Skipped, with the reason,
 * where `script` or the keychain is missing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeytarApi } from '../../src/main/credentials/keytar-store';
import { DEMO_INDICATORS, startMockTip, type MockTip } from '../../tools/mock-tip';
import { certificateEnv, cliSandbox, runTipwb, TIPWB_BIN, type CliSandbox } from '../support/cli';
import { keychainAvailability } from '../support/keychain';
import { skipWithReason } from '../support/skips';

/** The terminal's "erase to end of line" (the progress bar clears itself with it). */
const ERASE_LINE = '\u001b[K';
const scriptMissing = spawnSync('script', ['--version']).status === 0 ? null : 'no util-linux `script` to give tipwb a pseudo-terminal';
const service = `tip-workbench-cli-tty-${process.pid}-${randomBytes(4).toString('hex')}`;
const availability = await keychainAvailability(service);

interface Terminal {
  /** Everything the terminal showed: the command's stdout and stderr, and what the terminal echoed. */
  screen(): string;
  /** Resolves once the screen shows `text`. */
  waitFor(text: string): Promise<void>;
  type(text: string): void;
  exit: Promise<number | null>;
}

/** Runs tipwb in a pseudo-terminal (`script -qec`), with `env`. */
function inTerminal(args: string[], env: NodeJS.ProcessEnv): Terminal {
  const quoted = [process.execPath, TIPWB_BIN, ...args].map((word) => `'${word.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qec', quoted, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  const waiting: Array<{ text: string; resolve: () => void }> = [];
  const onData = (chunk: Buffer): void => {
    screen += chunk.toString('utf8');
    for (const wait of waiting.splice(0)) {
      if (screen.includes(wait.text)) wait.resolve();
      else waiting.push(wait);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return {
    screen: () => screen,
    waitFor: (text) => new Promise((resolve) => (screen.includes(text) ? resolve() : waiting.push({ text, resolve }))),
    type: (text) => child.stdin.write(text),
    exit: new Promise((resolve) => child.once('close', (code) => resolve(code))),
  };
}

describe.skipIf(skipWithReason(scriptMissing))('tipwb on a terminal', () => {
  let mock: MockTip;
  let box: CliSandbox;

  beforeAll(async () => {
    mock = await startMockTip();
    box = cliSandbox(service);
  });

  afterAll(async () => {
    await mock?.stop();
    box?.cleanup();
    if (availability.available) {
      const loaded: { default?: KeytarApi } & Partial<KeytarApi> = await import('keytar');
      const keytar = loaded.default ?? (loaded as KeytarApi);
      for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account);
    }
  });

  it('lookup shows a table (not NDJSON) and a progress bar that ends at the total', async () => {
    const ips = DEMO_INDICATORS.ip.slice(0, 3);
    const terminal = inTerminal(['lookup', '--sections', 'Zone', ...ips], { ...box.baseEnv, ...certificateEnv(mock), TERM: 'xterm' });
    expect(await terminal.exit).toBe(0);
    // What stays on screen of each line: the text after its last carriage return (the bar is drawn
    // over and erased before each row).
    const lines = terminal
      .screen()
      .split('\n')
      .map((line) => line.replaceAll(ERASE_LINE, '').replace(/\r$/, '').split('\r').pop() ?? '');
    expect(lines[0]).toMatch(/^TYPE\s+ZONE\s+RESULT\s+VALUE$/);
    for (const ip of ips) expect(lines.some((line) => new RegExp(`^ip\\s+\\w+\\s+200\\s+${ip.replace(/\./g, '\\.')}$`).test(line))).toBe(true);
    expect(terminal.screen()).not.toContain('{"type"');
    // The bar is redrawn in place; its last drawing counts every lookup.
    expect(terminal.screen()).toMatch(/\[#+\] 3\/3/);
  });

  it.skipIf(skipWithReason(availability.available ? null : availability.reason))(
    'auth set-token prompts with echo off: what is typed never shows, and the token is stored',
    async () => {
      const secret = `tok-${randomBytes(12).toString('hex')}`;
      const terminal = inTerminal(['auth', 'set-token'], { ...box.baseEnv, TERM: 'xterm' });
      // Typed only once the prompt is up, as a person would: by then echo is off.
      await terminal.waitFor('(not shown)');
      terminal.type(`${secret}\r`);
      expect(await terminal.exit).toBe(0);
      expect(terminal.screen()).not.toContain(secret);
      const status = await runTipwb(['auth', 'status'], box.baseEnv);
      expect(status.stdout).toMatch(/^API token:\s+stored/m);
      expect(status.stdout).not.toContain(secret);
    },
  );
});
