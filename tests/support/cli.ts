/**
 * Running the real `tipwb` bin (bin/tipwb.js, as `npx tipwb` does) in a child process, with an
 * environment built from scratch: no TIP_* variable of the developer's leaks in, the settings
 * folder is a temp folder, and the keychain service is a throw-away one, so a test never reads or
 * writes the analyst's real entries.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { MockTip } from '../../tools/mock-tip';

export const TIPWB_BIN = resolve(__dirname, '../../bin/tipwb.js');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliSandbox {
  dir: string;
  /** TIPWB_DATA_DIR, TIPWB_KEYCHAIN_SERVICE and the session's D-Bus/XDG variables; no credentials. */
  baseEnv: NodeJS.ProcessEnv;
  cleanup(): void;
}

/** Variables a child needs to find node, the keyring session and a home; nothing TIP_*. */
const PASSED_THROUGH = ['PATH', 'DBUS_SESSION_BUS_ADDRESS', 'XDG_DATA_HOME', 'XDG_RUNTIME_DIR', 'TMPDIR', 'LANG', 'SYSTEMROOT'];

export function cliSandbox(service: string): CliSandbox {
  const dir = mkdtempSync(join(tmpdir(), 'tipwb-cli-'));
  const baseEnv: NodeJS.ProcessEnv = { HOME: dir, TIPWB_DATA_DIR: join(dir, 'data'), TIPWB_KEYCHAIN_SERVICE: service };
  for (const name of PASSED_THROUGH) if (process.env[name] !== undefined) baseEnv[name] = process.env[name];
  return { dir, baseEnv, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Certificate mode against the mock, everything from the environment (the keychain is never opened). */
export function certificateEnv(mock: MockTip): NodeJS.ProcessEnv {
  return {
    TIP_BASE_URL: mock.url,
    TIP_CA: mock.paths.ca,
    TIP_CERT: mock.paths.clientCert,
    TIP_KEY: mock.paths.clientKey,
    TIP_USER: mock.user,
    TIP_PASSWORD: mock.password,
  };
}

export function startTipwb(args: readonly string[], env: NodeJS.ProcessEnv): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [TIPWB_BIN, ...args], { env, stdio: 'pipe' });
}

export function finished(child: ChildProcessWithoutNullStreams): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolveRun, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolveRun({ code, signal, stdout, stderr }));
  });
}

/** Runs tipwb to the end; `input` is piped to its standard input (closed at once when absent). */
export function runTipwb(args: readonly string[], env: NodeJS.ProcessEnv, input = ''): Promise<CliRun> {
  const child = startTipwb(args, env);
  const done = finished(child);
  child.stdin.end(input);
  return done;
}

export function ndjson(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

export function writeTemp(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
