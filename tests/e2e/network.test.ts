// Reaching TIP from a corporate network, through the UI: a server the system does not trust is
// refused; the analyst adds its CA and a proxy (with Basic credentials) in Settings → Network; the
// same lookup then goes through the proxy's CONNECT tunnel, with TLS to TIP end to end inside it.
import { X509Certificate } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SHOWCASE, startMockTip, type MockTip } from '../../tools/mock-tip';
import { startConnectProxy, type ConnectProxy } from '../support/connect-proxy';
import { skipWithReason } from '../support/skips';
import { chromiumMissingReason, closeBrowser, demoService, openWorkbench, type Workbench } from './harness';

const missing = chromiumMissingReason();
const PROXY_USER = 'corp-analyst';
const PROXY_PASSWORD = 'Proxy-Pa55-e2e-6c1f0b';

describe.skipIf(skipWithReason(missing))('proxy and extra CA in the settings screen', () => {
  let mock: MockTip;
  let proxy: ConnectProxy;
  let workbench: Workbench | null = null;

  beforeAll(async () => {
    mock = await startMockTip();
    proxy = await startConnectProxy({ user: PROXY_USER, password: PROXY_PASSWORD });
  });
  afterEach(async () => {
    await workbench?.close();
    workbench = null;
  });
  afterAll(async () => {
    await closeBrowser();
    await proxy.close();
    await mock.stop();
  });

  it('refuses the untrusted server, then looks up through the proxy once the CA and proxy are set', async () => {
    const { fallbackCredentials, settingsOverride } = demoService(mock);
    const picked: string[] = [];
    workbench = await openWorkbench({
      core: {
        // The demo service's credentials and address, but NOT its CA: to this app it is untrusted.
        ...(fallbackCredentials ? { fallbackCredentials } : {}),
        ...(settingsOverride ? { settingsOverride } : {}),
        // No HTTPS_PROXY from the machine running the test.
        env: {},
        pickCaFile: async () => {
          picked.push(mock.paths.ca);
          return mock.paths.ca;
        },
      },
    });
    const { page, core } = workbench;
    const indicator = SHOWCASE.badDomain;

    // 1. Untrusted: refused before anything is sent, with what to do.
    const requestsBefore = mock.requestCount;
    await page.getByRole('textbox', { name: 'Indicators' }).fill(indicator);
    await page.getByRole('button', { name: /^Look up/ }).click();
    await expect(page.getByTestId('error-code').first().textContent()).resolves.toBe('TLS_UNTRUSTED_SERVER');
    await expect(page.getByTestId('error-message').first().textContent()).resolves.toMatch(/not trusted.*add its CA certificate in Settings/);
    expect(mock.requestCount).toBe(requestsBefore);
    expect(proxy.connects).toHaveLength(0);

    // 2. Settings → Network: add the CA (main's dialog, stubbed, picks the demo CA file).
    await page.getByTestId('open-settings').click();
    await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('button', { name: 'Network' }).click();
    const network = page.getByRole('region', { name: 'Network' });
    await network.getByRole('button', { name: 'Add CA certificate…' }).click();
    const cas = network.getByRole('list', { name: 'Extra CA certificates' });
    const caName = /CN=([^\n,]+)/.exec(new X509Certificate(mock.ca).subject)?.[1] ?? 'unreachable';
    await cas.getByText(caName).first().waitFor();
    await expect(cas.textContent()).resolves.toMatch(/expires in \d+ days/);
    await expect(cas.textContent()).resolves.toContain(new X509Certificate(mock.ca).fingerprint256);
    expect(picked).toEqual([mock.paths.ca]);

    // 3. A manual proxy at the loopback proxy's address, and its credentials (into the keychain).
    await network.getByRole('radiogroup', { name: 'Proxy' }).getByRole('radio', { name: 'Manual' }).check();
    await network.getByRole('textbox', { name: 'Proxy address' }).fill(proxy.url);
    await network.getByRole('button', { name: 'Save proxy settings' }).click();
    await network.getByText(`Lookups go through ${proxy.url}.`).waitFor();
    expect(core.settings.get()).toMatchObject({ proxyMode: 'manual', proxyUrl: proxy.url });

    await network.getByRole('textbox', { name: 'Proxy user name' }).fill(PROXY_USER);
    await network.getByLabel('Proxy password').fill(PROXY_PASSWORD);
    await network.getByRole('button', { name: 'Save proxy credentials' }).click();
    await network.getByText('A password is stored').waitFor();
    await expect(network.getByLabel('Proxy password').inputValue()).resolves.toBe('');
    // The password reached main once and comes back nowhere: not in the page, not in the status.
    await expect(page.content()).resolves.not.toContain(PROXY_PASSWORD);
    const status = await page.evaluate(() => {
      const api = (globalThis as unknown as { workbench: { network: { status(): Promise<unknown> } } }).workbench;
      return api.network.status();
    });
    expect(JSON.stringify(status)).not.toContain(PROXY_PASSWORD);
    expect(status).toMatchObject({ ok: true, value: { proxy: { mode: 'manual', url: proxy.url, user: PROXY_USER, hasPassword: true } } });

    // 4. The screen as the analyst sees it: accessible, and a picture to look at.
    expect(await workbench.accessibilityViolations()).toEqual([]);
    // Tall enough to show the whole section, CA list included.
    await page.setViewportSize({ width: 1360, height: 1180 });
    await page.getByRole('heading', { name: 'Network' }).evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await workbench.screenshot('network-settings');
    await page.setViewportSize({ width: 1360, height: 860 });

    // 5. The same lookup now goes through the proxy and is answered.
    await page.getByTestId('settings-close').click();
    await page.getByRole('textbox', { name: 'Indicators' }).fill(indicator);
    await page.getByRole('button', { name: /^Look up/ }).click();
    await expect(page.getByTestId('result-zone').first().textContent()).resolves.toContain('Red');
    expect(mock.requests.at(-1)?.path).toContain(`/api/domain/${indicator}`);
    expect(proxy.connects.length).toBeGreaterThanOrEqual(1);
    expect(proxy.connects.every((c) => c.target === `127.0.0.1:${mock.port}` && c.authorized)).toBe(true);
    // The proxy carried TLS records only: neither the request nor TIP's credentials in the clear.
    const seen = proxy.bytesSeen().toString('latin1');
    expect(seen).toContain(`CONNECT 127.0.0.1:${mock.port}`);
    expect(seen).not.toContain('/api/domain/');
    expect(seen).not.toContain(indicator);
  });
});
