/**
 * `tipwb lookup` on a corporate network: through a real CONNECT proxy on loopback (HTTPS_PROXY, or
 * the app's own proxy setting, with Basic credentials from the proxy address or the keychain),
 * around it (NO_PROXY, the "no proxy" setting), and trusting the extra CA the analyst added in the
 * app. What a user would see: the rows, the exit status, the proxy's own error code.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCredentialVault, createKeytarStore } from '../../src/main/credentials';
import type { KeytarApi } from '../../src/main/credentials/keytar-store';
import { EXTRA_CA_FILE } from '../../src/main/network/extra-ca';
import { DEMO_INDICATORS, startMockTip, type MockTip } from '../../tools/mock-tip';
import { certificateEnv, cliSandbox, ndjson, runTipwb, type CliSandbox } from '../support/cli';
import { startConnectProxy, type ConnectProxy } from '../support/connect-proxy';
import { keychainAvailability } from '../support/keychain';
import { skipWithReason } from '../support/skips';

const PROXY_USER = 'corp-analyst';
const PROXY_PASSWORD = `pw-${randomBytes(8).toString('hex')}`;
const service = `tip-workbench-cli-net-${process.pid}-${randomBytes(4).toString('hex')}`;
const availability = await keychainAvailability(service);

let mock: MockTip;
let proxy: ConnectProxy;
let box: CliSandbox;
let dataDir: string;

const ips = DEMO_INDICATORS.ip.slice(0, 3);

beforeAll(async () => {
  mock = await startMockTip();
  proxy = await startConnectProxy({ user: PROXY_USER, password: PROXY_PASSWORD });
  box = cliSandbox(service);
  dataDir = box.baseEnv.TIPWB_DATA_DIR ?? '';
  mkdirSync(dataDir, { recursive: true });
});

afterEach(() => {
  writeSettings({});
});

afterAll(async () => {
  await proxy?.close();
  await mock?.stop();
  box?.cleanup();
  if (availability.available) {
    const loaded: { default?: KeytarApi } & Partial<KeytarApi> = await import('keytar');
    const keytar = loaded.default ?? (loaded as KeytarApi);
    for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account);
  }
});

function writeSettings(settings: Record<string, unknown>): void {
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ version: 1, settings }));
}

function proxyUrl(user?: string, password?: string): string {
  const port = new URL(proxy.url).port;
  return user === undefined ? `http://127.0.0.1:${port}` : `http://${user}:${password}@127.0.0.1:${port}`;
}

async function lookup(env: NodeJS.ProcessEnv, extra: string[] = []) {
  return runTipwb(['lookup', '--sections', 'Zone', '--jobs', '1', ...extra, ...ips], { ...box.baseEnv, ...certificateEnv(mock), ...env });
}

describe('tipwb through an HTTPS proxy', () => {
  it('HTTPS_PROXY with credentials in it: every lookup answers, over one kept-alive tunnel the proxy cannot read', async () => {
    const before = proxy.connects.length;
    const run = await lookup({ HTTPS_PROXY: proxyUrl(PROXY_USER, PROXY_PASSWORD) });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(ndjson(run.stdout).map((row) => [row.value, row.ok])).toEqual(ips.map((ip) => [ip, true]));
    const connects = proxy.connects.slice(before);
    expect(connects).toEqual([{ target: new URL(mock.url).host, authorized: true }]);
    expect(proxy.bytesSeen().includes(Buffer.from(`/api/ip/${ips[0]}`))).toBe(false);
  });

  it('a proxy that wants credentials and gets none: each row says PROXY_AUTH_REQUIRED, exit 1', async () => {
    const run = await lookup({ HTTPS_PROXY: proxyUrl() });
    expect(run.code).toBe(1);
    const rows = ndjson(run.stdout);
    expect(rows).toHaveLength(ips.length);
    for (const row of rows) {
      expect(row.ok).toBe(false);
      expect((row.error as { code: string }).code).toBe('PROXY_AUTH_REQUIRED');
    }
  });

  it('wrong proxy credentials: PROXY_AUTH_REQUIRED, and the password is never printed', async () => {
    const wrong = `wrong-${randomBytes(6).toString('hex')}`;
    const run = await lookup({ HTTPS_PROXY: proxyUrl(PROXY_USER, wrong) });
    expect(run.code).toBe(1);
    expect((ndjson(run.stdout)[0]?.error as { code: string; message: string }).message).toMatch(/refused the user name and password/);
    expect(`${run.stdout}${run.stderr}`).not.toContain(wrong);
  });

  it('NO_PROXY naming the TIP host: lookups go direct, the proxy sees nothing', async () => {
    const before = proxy.connects.length;
    const run = await lookup({ HTTPS_PROXY: proxyUrl(), NO_PROXY: new URL(mock.url).hostname });
    expect(run.code).toBe(0);
    expect(proxy.connects.length).toBe(before);
  });

  it("the app's proxy setting: manual is used without HTTPS_PROXY, and \"no proxy\" ignores HTTPS_PROXY", async () => {
    writeSettings({ proxyMode: 'manual', proxyUrl: proxyUrl(), noProxy: '' });
    const manual = await lookup({});
    // The manual proxy is reached (no credentials are stored for it, so it answers 407).
    expect((ndjson(manual.stdout)[0]?.error as { code: string }).code).toBe('PROXY_AUTH_REQUIRED');

    writeSettings({ proxyMode: 'off' });
    const before = proxy.connects.length;
    const direct = await lookup({ HTTPS_PROXY: proxyUrl() });
    expect(direct.code).toBe(0);
    expect(proxy.connects.length).toBe(before);
  });

  it('a malformed HTTPS_PROXY is a usage error that names it (exit 2), before anything is sent', async () => {
    const requests = mock.requests.length;
    const run = await lookup({ HTTPS_PROXY: 'socks5://127.0.0.1:1080' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^tipwb: .*HTTPS_PROXY/m);
    expect(mock.requests.length).toBe(requests);
  });
});

describe("tipwb and the app's extra CA certificates", () => {
  it('the CA added in the app (Settings → Network) is trusted without TIP_CA; without it the server is untrusted', async () => {
    const { TIP_CA: _ca, ...noCa } = certificateEnv(mock);
    const untrusted = await runTipwb(['lookup', '--sections', 'Zone', ips[0] ?? ''], { ...box.baseEnv, ...noCa });
    expect(untrusted.code).toBe(1);
    expect((ndjson(untrusted.stdout)[0]?.error as { code: string }).code).toBe('TLS_UNTRUSTED_SERVER');

    copyFileSync(mock.paths.ca, join(dataDir, EXTRA_CA_FILE));
    try {
      const trusted = await runTipwb(['lookup', '--sections', 'Zone', ips[0] ?? ''], { ...box.baseEnv, ...noCa });
      expect(trusted.stderr).toBe('');
      expect(trusted.code).toBe(0);
    } finally {
      writeFileSync(join(dataDir, EXTRA_CA_FILE), '');
    }
  });
});

describe.skipIf(skipWithReason(availability.available ? null : availability.reason))('tipwb and proxy credentials in the keychain', () => {
  it('the proxy credentials the app stored in the keychain are used for a proxy address without any', async () => {
    const vault = createCredentialVault({ store: createKeytarStore({ service }) });
    const stored = await vault.setProxyCredentials(PROXY_USER, PROXY_PASSWORD);
    expect(stored.ok).toBe(true);
    const before = proxy.connects.length;
    const run = await lookup({ HTTPS_PROXY: proxyUrl() });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(proxy.connects.slice(before).every((c) => c.authorized)).toBe(true);
    expect(`${run.stdout}${run.stderr}`).not.toContain(PROXY_PASSWORD);
    // `auth status` says who signs in to the proxy, never with what.
    const status = await runTipwb(['auth', 'status'], box.baseEnv);
    expect(status.stdout).toMatch(/^proxy user:\s+corp-analyst \(password stored\)$/m);
    expect(status.stdout).not.toContain(PROXY_PASSWORD);
  });
});
