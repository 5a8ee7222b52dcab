import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { StaticCredentialProvider } from '../../src/main/credentials/provider';
import { MemoryCredentialStore } from '../../src/main/credentials/memory-store';
import { createCredentialVault } from '../../src/main/credentials/vault';
import { createLookupService } from '../../src/main/lookups/lookup-service';
import { createNetworkService } from '../../src/main/network/connection';
import { openExtraCaStore } from '../../src/main/network/extra-ca';
import { openSettingsStore } from '../../src/main/settings/settings-store';
import type { TipClient, TipClientOptions } from '../../src/main/tip';
import { ok } from '../../src/shared/ipc/result';
import { createCa, type Pki } from '../../tools/mock-tip/pki';

const PROXY_PASSWORD = 'Proxy-Pa55-7f3e91c0';
const dirs: string[] = [];
let ca: Pki;
let caFile: string;

beforeAll(() => {
  ca = createCa({ commonName: 'Corp Inspection CA' });
  const dir = mkdtempSync(join(tmpdir(), 'tipwb-net-ca-'));
  dirs.push(dir);
  caFile = join(dir, 'corp.pem');
  writeFileSync(caFile, ca.cert);
}, 60_000);
afterAll(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
afterEach(() => vi.restoreAllMocks());

async function setup(env: Record<string, string | undefined> = {}, store = new MemoryCredentialStore()) {
  const dir = mkdtempSync(join(tmpdir(), 'tipwb-net-'));
  dirs.push(dir);
  const settings = await openSettingsStore(dir);
  const vault = createCredentialVault({ store });
  const extraCa = await openExtraCaStore(dir);
  const network = createNetworkService({ settings, vault, extraCa, fixedCa: ['DEMO-CA'], env });
  return { dir, settings, vault, extraCa, network };
}

const TIP = 'https://tip.kaspersky.com';

describe('the connection for a TIP address', () => {
  it('follows HTTPS_PROXY by default, with the keychain\'s proxy credentials, and NO_PROXY', async () => {
    const { network, vault } = await setup({ HTTPS_PROXY: 'http://proxy.corp.example:3128' });
    expect(await network.connectionFor(TIP)).toEqual(ok({ proxy: { url: 'http://proxy.corp.example:3128' }, ca: ['DEMO-CA'] }));
    await vault.setProxyCredentials('corp-user', PROXY_PASSWORD);
    expect(await network.connectionFor(TIP)).toEqual(
      ok({ proxy: { url: 'http://proxy.corp.example:3128', user: 'corp-user', password: PROXY_PASSWORD }, ca: ['DEMO-CA'] }),
    );
    const bypassed = await setup({ HTTPS_PROXY: 'http://proxy.corp.example:3128', NO_PROXY: '.kaspersky.com' });
    expect(await bypassed.network.connectionFor(TIP)).toEqual(ok({ proxy: null, ca: ['DEMO-CA'] }));
  });

  it('uses the manual proxy and its bypass list instead of the environment, and nothing when off', async () => {
    const { network, settings } = await setup({ HTTPS_PROXY: 'http://env-proxy.example:8080' });
    await settings.update({ proxyMode: 'manual', proxyUrl: 'http://manual-proxy.example:3128' });
    expect(await network.connectionFor(TIP)).toMatchObject({ ok: true, value: { proxy: { url: 'http://manual-proxy.example:3128' } } });
    await settings.update({ noProxy: 'tip.kaspersky.com' });
    expect(await network.connectionFor(TIP)).toMatchObject({ ok: true, value: { proxy: null } });
    await settings.update({ proxyMode: 'off' });
    expect(await network.connectionFor('https://elsewhere.example')).toMatchObject({ ok: true, value: { proxy: null } });
  });

  it('adds the analyst\'s CA certificates after the ones main was started with', async () => {
    const { network } = await setup();
    await network.importCa(caFile);
    const connection = await network.connectionFor(TIP);
    expect(connection.ok && connection.value.ca).toEqual(['DEMO-CA', expect.stringContaining('-----BEGIN CERTIFICATE-----')]);
  });

  it('says a malformed HTTPS_PROXY comes from the environment, and what to do', async () => {
    const { network } = await setup({ HTTPS_PROXY: 'socks5://proxy.example:1080' });
    const connection = await network.connectionFor(TIP);
    expect(connection).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^HTTPS_PROXY in the environment: .*SOCKS.*Settings → Network/) } });
    const status = await network.status();
    expect(status.ok && status.value.proxy.problem).toMatch(/HTTPS_PROXY in the environment/);
  });

  it('goes on without stored proxy credentials when no keychain answers', async () => {
    const failing = new MemoryCredentialStore();
    vi.spyOn(failing, 'get').mockRejectedValue(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'));
    vi.spyOn(failing, 'set').mockRejectedValue(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'));
    const { network } = await setup({ HTTPS_PROXY: 'http://proxy.corp.example:3128' }, failing);
    expect(await network.connectionFor(TIP)).toEqual(ok({ proxy: { url: 'http://proxy.corp.example:3128' }, ca: ['DEMO-CA'] }));
  });
});

describe('the network status', () => {
  it('shows the proxy in force, the system proxy, the user name — and never the password', async () => {
    const { network, settings } = await setup({ https_proxy: 'http://envuser:env-Pa55-secret@proxy.corp.example:3128', no_proxy: 'intranet.example' });
    await network.setProxyCredentials('corp-user', PROXY_PASSWORD);
    const status = await network.status();
    expect(status).toEqual(
      ok({
        proxy: {
          mode: 'system',
          source: 'environment',
          url: 'http://proxy.corp.example:3128',
          user: 'corp-user',
          hasPassword: true,
          noProxy: 'intranet.example',
          bypassedBy: null,
          system: { url: 'http://proxy.corp.example:3128', noProxy: 'intranet.example' },
          problem: null,
        },
        extraCa: [],
      }),
    );
    await settings.update({ proxyMode: 'off' });
    const off = await network.status();
    expect(off.ok && off.value.proxy).toMatchObject({ mode: 'off', source: 'none', url: null, system: { url: 'http://proxy.corp.example:3128' } });
    const text = JSON.stringify([status, off, await network.deleteProxyCredentials()]);
    expect(text).not.toContain(PROXY_PASSWORD);
    expect(text).not.toContain('env-Pa55-secret');
    expect(text).not.toContain('envuser');
  });

  it('names the no-proxy entry that sends TIP around the proxy', async () => {
    const { network } = await setup({ HTTPS_PROXY: 'http://proxy.corp.example:3128', NO_PROXY: 'localhost, .kaspersky.com' });
    const status = await network.status();
    expect(status.ok && status.value.proxy).toMatchObject({ source: 'none', url: null, bypassedBy: '.kaspersky.com', system: { url: 'http://proxy.corp.example:3128' } });
  });

  it('lists the extra CA certificates after an import and a removal', async () => {
    const { network } = await setup();
    const added = await network.importCa(caFile);
    expect(added.ok && added.value.extraCa.map((c) => c.subject)).toEqual(['CN=Corp Inspection CA, O=TIP Workbench demo']);
    const fingerprint = added.ok ? (added.value.extraCa[0]?.fingerprint256 ?? '') : '';
    const removed = await network.removeCa(fingerprint);
    expect(removed.ok && removed.value.extraCa).toEqual([]);
  });
});

describe('the lookup service with a network connection', () => {
  it('hands the proxy and CA to the client, and builds a new client when either changes', async () => {
    const { settings, vault, network } = await setup({ HTTPS_PROXY: 'http://proxy.corp.example:3128' });
    const made: Array<{ options: TipClientOptions; closed: boolean }> = [];
    const factory = vi.fn((options: TipClientOptions): TipClient => {
      const record = { options, closed: false };
      made.push(record);
      return {
        lookup: async () => ok({ status: 200, body: {}, durationMs: 1 }),
        close: () => {
          record.closed = true;
        },
      };
    });
    const credentials = new StaticCredentialProvider({ kind: 'token', token: 'tok-1' });
    const lookups = createLookupService({ settings, credentials, clientFactory: factory, connection: (target) => network.connectionFor(target) });
    const ask = () => lookups.lookup({ type: 'ip', value: '192.0.2.1' });

    await ask();
    await ask();
    expect(made).toHaveLength(1);
    expect(made[0]?.options).toMatchObject({ proxy: { url: 'http://proxy.corp.example:3128' }, ca: ['DEMO-CA'] });

    await vault.setProxyCredentials('corp-user', PROXY_PASSWORD);
    await ask();
    expect(made).toHaveLength(2);
    expect(made[0]?.closed).toBe(true);
    expect(made[1]?.options.proxy).toEqual({ url: 'http://proxy.corp.example:3128', user: 'corp-user', password: PROXY_PASSWORD });

    await vault.setProxyCredentials('corp-user', `${PROXY_PASSWORD}-new`);
    await ask();
    expect(made).toHaveLength(3);

    await network.importCa(caFile);
    await ask();
    expect(made).toHaveLength(4);
    expect(made[3]?.options.ca).toHaveLength(2);

    await settings.update({ proxyMode: 'off' });
    await ask();
    expect(made).toHaveLength(5);
    expect(made[4]?.options.proxy).toBeUndefined();
    await ask();
    expect(made).toHaveLength(5);
    lookups.close();
  });

  it('sends nothing when the proxy setting cannot be used', async () => {
    const { settings, network } = await setup({ HTTPS_PROXY: 'ftp://proxy.example:21' });
    const factory = vi.fn();
    const lookups = createLookupService({
      settings,
      credentials: new StaticCredentialProvider({ kind: 'token', token: 'tok-1' }),
      clientFactory: factory,
      connection: (target) => network.connectionFor(target),
    });
    expect(await lookups.lookup({ type: 'ip', value: '192.0.2.1' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(factory).not.toHaveBeenCalled();
  });
});
