import { promises as fs, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSettingsStore, parseSettingsFile, SETTINGS_FILE } from '../../src/main/settings/settings-store';
import { defaultSettings, DEFAULT_TIP_BASE_URL } from '../../src/shared/settings';
import type { SettingsPatch } from '../../src/shared/ipc/contract';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tipwb-settings-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(dirs.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
});

describe('the settings store', () => {
  it('starts from defaults pointing at the real TIP', async () => {
    const store = await openSettingsStore(tempDir());
    expect(store.get()).toEqual(defaultSettings());
    expect(store.get().tipBaseUrl).toBe(DEFAULT_TIP_BASE_URL);
    expect(store.notices).toEqual([]);
  });

  it('saves atomically and a new store reads the saved values', async () => {
    const dir = tempDir();
    const store = await openSettingsStore(dir);
    const saved = await store.update({ defaultCount: 250, offline: true, theme: 'dark', defaultSections: { ip: ['Zone', 'IpDnsResolutions'] } });
    expect(saved.ok).toBe(true);
    expect(readdirSync(dir)).toEqual([SETTINGS_FILE]);
    const again = await openSettingsStore(dir);
    expect(again.get()).toMatchObject({ defaultCount: 250, offline: true, theme: 'dark' });
    expect(again.get().defaultSections.ip).toEqual(['Zone', 'IpDnsResolutions']);
  });

  it('keeps a corrupt file aside, uses defaults and says so', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, SETTINGS_FILE), '{"version":1,"settings":{"defaultCount":');
    const store = await openSettingsStore(dir, () => new Date('2026-11-22T10:00:00Z'));
    expect(store.get()).toEqual(defaultSettings());
    expect(store.notices).toHaveLength(1);
    expect(store.notices[0]?.message).toMatch(/damaged and has been kept aside/);
    const aside = readdirSync(dir).find((f) => f.startsWith('settings.corrupt-'));
    expect(aside).toBeDefined();
    expect(readFileSync(join(dir, aside ?? ''), 'utf8')).toContain('"defaultCount":');
  });

  it('drops bad stored values one by one and keeps the good ones', () => {
    const parsed = parseSettingsFile(
      JSON.stringify({ version: 1, settings: { tipBaseUrl: 'http://plain.example', defaultCount: 42, theme: 'neon', offline: 'yes' } }),
    );
    expect(parsed).toMatchObject({ tipBaseUrl: DEFAULT_TIP_BASE_URL, defaultCount: 42, theme: 'system', offline: false });
  });

  it.each([
    [{ tipBaseUrl: 'http://tip.example' }, /must start with https/],
    [{ tipBaseUrl: 'https://user:pw@tip.example' }, /must not contain a user name/],
    [{ tipBaseUrl: 'not a url' }, /not a valid web address/],
    [{ defaultSections: { ip: ['FileNames'] } }, /Unknown ip section: FileNames/],
  ])('refuses %j with a clear message and changes nothing', async (patch, message) => {
    const dir = tempDir();
    const store = await openSettingsStore(dir);
    const result = await store.update(patch);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!result.ok) expect(result.error.message).toMatch(message);
    expect(store.get()).toEqual(defaultSettings());
  });

  it('reports a full disk, and the saved file and the values in use stay as they were', async () => {
    const dir = tempDir();
    const store = await openSettingsStore(dir);
    await store.update({ defaultCount: 300 });
    const before = readFileSync(join(dir, SETTINGS_FILE), 'utf8');
    vi.spyOn(fs, 'open').mockRejectedValueOnce(Object.assign(new Error('no space'), { code: 'ENOSPC' }));
    const result = await store.update({ defaultCount: 400 });
    expect(result).toMatchObject({ ok: false, error: { code: 'STORAGE', retryable: true } });
    if (!result.ok) expect(result.error.message).toMatch(/disk is full/);
    expect(readFileSync(join(dir, SETTINGS_FILE), 'utf8')).toBe(before);
    expect(store.get().defaultCount).toBe(300);
    expect(readdirSync(dir)).toEqual([SETTINGS_FILE]);
  });

  it('normalises the base URL', async () => {
    const store = await openSettingsStore(tempDir());
    const result = await store.update({ tipBaseUrl: ' https://TIP.Example.com:8443/ ' });
    expect(result.ok && result.value.tipBaseUrl).toBe('https://tip.example.com:8443');
  });
});

describe('how long answers are reused', () => {
  it('defaults to 24 hours, accepts 0 to a year, and refuses anything else', async () => {
    const { applyPatch } = await import('../../src/main/settings/settings-store');
    const { defaultSettings } = await import('../../src/shared/settings');
    const base = defaultSettings();
    expect(base.cacheTtlHours).toBe(24);
    expect(applyPatch(base, { cacheTtlHours: 0 })).toMatchObject({ ok: true, value: { cacheTtlHours: 0 } });
    expect(applyPatch(base, { cacheTtlHours: 8760 })).toMatchObject({ ok: true, value: { cacheTtlHours: 8760 } });
    for (const bad of [-1, 8761, Number.NaN]) {
      expect(applyPatch(base, { cacheTtlHours: bad })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });
});

describe('the proxy settings', () => {
  it('default to the system proxy (HTTPS_PROXY / NO_PROXY) with no manual address', () => {
    expect(defaultSettings()).toMatchObject({ proxyMode: 'system', proxyUrl: '', noProxy: '' });
  });

  it('accept a manual http proxy, normalised to http://host:port, and survive a restart', async () => {
    const dir = tempDir();
    const store = await openSettingsStore(dir);
    const saved = await store.update({ proxyMode: 'manual', proxyUrl: ' HTTP://Proxy.Corp.example:3128/ ', noProxy: 'intranet.example, .corp.example  10.0.0.0/8' });
    expect(saved).toMatchObject({
      ok: true,
      value: { proxyMode: 'manual', proxyUrl: 'http://proxy.corp.example:3128', noProxy: 'intranet.example, .corp.example, 10.0.0.0/8' },
    });
    const again = await openSettingsStore(dir);
    expect(again.get()).toMatchObject({ proxyMode: 'manual', proxyUrl: 'http://proxy.corp.example:3128' });
  });

  it('takes a bare host:port as http', async () => {
    const store = await openSettingsStore(tempDir());
    const saved = await store.update({ proxyUrl: 'proxy.corp.example:8080' });
    expect(saved.ok && saved.value.proxyUrl).toBe('http://proxy.corp.example:8080');
  });

  it.each([
    [{ proxyUrl: 'http://alice:hunter2-secret@proxy.example:3128' }, /Leave the user name and password out of the proxy address.*keychain/],
    [{ proxyUrl: 'http://alice@proxy.example:3128' }, /Leave the user name and password out/],
    [{ proxyUrl: 'https://proxy.example:3128' }, /Only http:\/\/ proxies are supported.*not https:\/\//],
    [{ proxyUrl: 'socks5://proxy.example:1080' }, /Only http:\/\/ proxies are supported.*not socks5:\/\//],
    [{ proxyUrl: 'http://proxy.example:3128/path' }, /no path, query or fragment/],
    [{ proxyUrl: 'http://proxy exa mple:3128' }, /not a valid address/],
    [{ proxyMode: 'manual' }, /manual proxy needs its address/],
    [{ noProxy: 'intranet.example, not a host!' }, /"host!" in "No proxy for" is not a host name/],
  ])('refuse %j with a clear message and change nothing', async (patch, message) => {
    const store = await openSettingsStore(tempDir());
    const result = await store.update(patch as SettingsPatch);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!result.ok) {
      expect(result.error.message).toMatch(message);
      expect(result.error.message).not.toContain('hunter2');
    }
    expect(store.get()).toEqual(defaultSettings());
  });

  it('clearing the address of a manual proxy is refused; switching mode and clearing together works', async () => {
    const store = await openSettingsStore(tempDir());
    await store.update({ proxyMode: 'manual', proxyUrl: 'http://proxy.example:3128' });
    expect((await store.update({ proxyUrl: '' })).ok).toBe(false);
    expect(await store.update({ proxyMode: 'off', proxyUrl: '' })).toMatchObject({ ok: true, value: { proxyMode: 'off', proxyUrl: '' } });
  });

  it('a stored file is read tolerantly: a bad address is dropped and the manual mode with it', () => {
    const good = parseSettingsFile(
      JSON.stringify({ version: 1, settings: { proxyMode: 'manual', proxyUrl: 'http://proxy.example:3128', noProxy: 'a.example' } }),
    );
    expect(good).toMatchObject({ proxyMode: 'manual', proxyUrl: 'http://proxy.example:3128', noProxy: 'a.example' });
    const bad = parseSettingsFile(
      JSON.stringify({ version: 1, settings: { proxyMode: 'manual', proxyUrl: 'ftp://proxy.example', noProxy: 42, defaultCount: 7 } }),
    );
    expect(bad).toMatchObject({ proxyMode: 'system', proxyUrl: '', noProxy: '', defaultCount: 7 });
    expect(parseSettingsFile(JSON.stringify({ version: 1, settings: { proxyMode: 'pac' } }))).toMatchObject({ proxyMode: 'system' });
  });
});
