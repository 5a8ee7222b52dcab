/**
 * `tipwb auth` against a real keychain (keytar → libsecret → gnome-keyring in the private D-Bus
 * session of tools/with-keyring.sh), under a throw-away service name: what it stores is what the
 * app's own vault reads, secrets come only from standard input (never an argument, never printed),
 * and a lookup signs in with what was stored. Skipped, with the reason, where no keychain answers.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredentialVault, createKeytarStore } from '../../src/main/credentials';
import type { KeytarApi } from '../../src/main/credentials/keytar-store';
import { startMockTip, type MockTip } from '../../tools/mock-tip';
import { cliSandbox, finished, ndjson, runTipwb, startTipwb, writeTemp, type CliSandbox } from '../support/cli';
import { keychainAvailability } from '../support/keychain';
import { skipWithReason } from '../support/skips';

const service = `tip-workbench-cli-test-${process.pid}-${randomBytes(4).toString('hex')}`;
const availability = await keychainAvailability(service);

const TOKEN_SECRET = `tok-${randomBytes(12).toString('hex')}`;

describe.skipIf(skipWithReason(availability.available ? null : availability.reason))('tipwb auth on a real keychain', () => {
  let mock: MockTip;
  let box: CliSandbox;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    mock = await startMockTip();
    box = cliSandbox(service);
    // The TIP address and CA only: credentials come from the keychain.
    env = { ...box.baseEnv, TIP_CA: mock.paths.ca };
  });

  afterAll(async () => {
    await mock?.stop();
    box?.cleanup();
    const loaded: { default?: KeytarApi } & Partial<KeytarApi> = await import('keytar');
    const keytar = loaded.default ?? (loaded as KeytarApi);
    for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account);
  });

  it('a secret given as an argument is refused (exit 2) and never repeated', async () => {
    for (const args of [
      ['auth', 'set-token', TOKEN_SECRET],
      ['auth', 'set-token', `--token=${TOKEN_SECRET}`],
      ['auth', 'set-basic', '--user', 'demo', TOKEN_SECRET],
      ['auth', 'set-basic', '--password', TOKEN_SECRET],
      ['auth', 'import-cert', mock.paths.clientPfx, `--passphrase=${TOKEN_SECRET}`],
    ]) {
      const run = await runTipwb(args, env);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^tipwb: USAGE: .*never taken from the command line/);
      expect(run.stdout + run.stderr).not.toContain(TOKEN_SECRET);
    }
    const status = await runTipwb(['auth', 'status'], env);
    expect(status.stdout).toMatch(/API token:\s+none/);
  });

  it('set-token reads standard input; while it waits, the secret is nowhere in its command line', async () => {
    const child = startTipwb(['auth', 'set-token'], env);
    const done = finished(child);
    const pid = child.pid;
    if (pid === undefined) throw new Error('tipwb did not start');
    await waitingForInput(pid);
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    expect(cmdline).toContain('set-token');
    expect(cmdline).not.toContain(TOKEN_SECRET);
    child.stdin.end(`${TOKEN_SECRET}\n`);
    const run = await done;
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toContain(TOKEN_SECRET);

    const status = await runTipwb(['auth', 'status'], env);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/API token:\s+stored/);
    expect(status.stdout).toContain(`service ${service}`);
    expect(status.stdout).not.toContain(TOKEN_SECRET);

    // The app's own vault, on the same keychain entries, reads the very token.
    const vault = createCredentialVault({ store: createKeytarStore({ service }) });
    expect(await vault.getAuth()).toEqual({ ok: true, value: { kind: 'token', token: TOKEN_SECRET } });
  });

  it('certificate mode from the keychain: import-cert (passphrase piped) + set-basic, then lookup and check sign in with them', async () => {
    const imported = await runTipwb(['auth', 'import-cert', mock.paths.clientPfx], env, `${mock.clientCert.pfxPassphrase}\n`);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/stored certificate .*CN=/);
    expect(imported.stdout + imported.stderr).not.toContain(mock.clientCert.pfxPassphrase);

    const basic = await runTipwb(['auth', 'set-basic', '--user', mock.user], env, `${mock.password}\n`);
    expect(basic.code).toBe(0);
    expect(basic.stdout + basic.stderr).not.toContain(mock.password);
    expect((await runTipwb(['auth', 'use', 'certificate'], env)).code).toBe(0);

    const status = await runTipwb(['auth', 'status'], env);
    expect(status.stdout).toMatch(/certificate:\s+.*CN=.*PKCS#12/);
    expect(status.stdout).toMatch(/SHA-256:\s+[0-9A-F]{2}(:[0-9A-F]{2}){31}/);
    expect(status.stdout).toMatch(/user name:\s+demo/);
    expect(status.stdout).toMatch(/password:\s+stored/);
    expect(status.stdout).not.toContain(mock.password);

    const lookup = await runTipwb(['lookup', '--sections', 'Zone', '192.0.2.10'], { ...env, TIP_BASE_URL: mock.url });
    expect(lookup.code).toBe(0);
    expect(ndjson(lookup.stdout)[0]).toMatchObject({ ok: true, zone: 'Green' });

    const before = mock.requestCount;
    const check = await runTipwb(['auth', 'check'], { ...env, TIP_BASE_URL: mock.url });
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/connection:\s+OK .*certificate \+ user demo \(keychain\)/);
    expect(check.stdout).toMatch(/quota today:\s+\d+ of \d+ requests used/);
    expect(mock.requestCount - before).toBe(1);
  });

  it('a wrong passphrase is refused without storing anything or echoing it', async () => {
    const run = await runTipwb(['auth', 'import-cert', mock.paths.clientPfx], env, 'not-the-passphrase\n');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^tipwb: BAD_PASSPHRASE: /);
    expect(run.stderr).not.toContain('not-the-passphrase');
  });

  it('an unreadable certificate file is a usage error (exit 2)', async () => {
    const run = await runTipwb(['auth', 'import-cert', `${box.dir}/missing.p12`], env);
    expect(run.code).toBe(2);
  });

  it('token mode from the keychain, then delete: status and lookups follow', async () => {
    expect((await runTipwb(['auth', 'use', 'token'], env)).code).toBe(0);
    // The vault holds the token of the first test; the mock accepts only its own.
    const set = await runTipwb(['auth', 'set-token'], env, `${mock.token}\n`);
    expect(set.code).toBe(0);
    const lookup = await runTipwb(['lookup', '--sections', 'Zone', '192.0.2.10'], { ...env, TIP_BASE_URL: mock.tokenUrl });
    expect(lookup.code).toBe(0);

    const removed = await runTipwb(['auth', 'delete', 'token'], env);
    expect(removed.code).toBe(0);
    expect((await runTipwb(['auth', 'status'], env)).stdout).toMatch(/API token:\s+none/);
    // Token mode with no token: nothing configured for it.
    const none = await runTipwb(['lookup', '192.0.2.10'], { ...env, TIP_BASE_URL: mock.tokenUrl });
    expect(none.code).toBe(3);
    expect(none.stderr).toMatch(/^tipwb: NO_CREDENTIALS: /);

    // Without a terminal, deleting everything must be asked for by name.
    expect((await runTipwb(['auth', 'delete'], env)).code).toBe(2);
    expect((await runTipwb(['auth', 'delete', 'all'], env)).code).toBe(0);
    const status = await runTipwb(['auth', 'status'], env);
    expect(status.stdout).toMatch(/certificate:\s+none/);
    expect(status.stdout).toMatch(/user name:\s+none/);
  });

  it('environment credentials take precedence and are named in status', async () => {
    const pem = writeTemp(box.dir, 'cert.pem', mock.clientCert.cert);
    const status = await runTipwb(['auth', 'status'], { ...env, TIP_CERT: pem, TIP_KEY: mock.paths.clientKey });
    expect(status.stdout).toMatch(/environment:\s+TIP_CERT and TIP_KEY are set/);
  });
});

/** epoll_wait / epoll_pwait / epoll_pwait2 on x86-64, epoll_pwait on arm64: node's idle event loop. */
const EPOLL_SYSCALLS = new Set(['232', '281', '441', '22']);

/**
 * Waits until the process sits idle in its event loop (started, and blocked waiting for standard
 * input) — seen three polls in a row — so the command line is read while it really waits.
 */
async function waitingForInput(pid: number): Promise<void> {
  let idle = 0;
  for (let i = 0; i < 200 && idle < 3; i += 1) {
    await sleep(50);
    if (!existsSync(`/proc/${pid}/syscall`)) break;
    let syscall: string;
    try {
      syscall = readFileSync(`/proc/${pid}/syscall`, 'utf8').split(' ')[0] ?? '';
    } catch {
      break; // not readable here: the command line is still checked, just maybe earlier
    }
    idle = EPOLL_SYSCALLS.has(syscall) ? idle + 1 : 0;
  }
}
