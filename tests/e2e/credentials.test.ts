// The credential vault through the UI: import a certificate (main opens the "dialog" and reads the
// file itself), see its subject and expiry, run the connection check against the demo TIP service,
// delete it.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createKeytarStore } from '../../src/main/credentials/keytar-store';
import type { CredentialStore } from '../../src/main/credentials/store';
import { keychainAvailability } from '../support/keychain';
import { MemoryCredentialStore } from '../../src/main/credentials/memory-store';
import { startMockTip, type MockTip } from '../../tools/mock-tip';
import { chromiumMissingReason, closeBrowser, openWorkbench, type Workbench } from './harness';
import { skipWithReason } from '../support/skips';

const missing = chromiumMissingReason();

// The import flow uses the real OS keychain where one answers (npm test runs this step inside
// tools/with-keyring.sh), under a throw-away service name; elsewhere an in-memory store, and says so.
const service = `tip-workbench-e2e-${process.pid}-${randomBytes(4).toString('hex')}`;
const keychain = await keychainAvailability(service);
if (!keychain.available) console.warn(`e2e credential import uses an in-memory store: ${keychain.reason}`);
const flowStore = (): CredentialStore =>
  keychain.available ? createKeytarStore({ service, timeoutMs: 5000 }) : new MemoryCredentialStore();

describe.skipIf(skipWithReason(missing))('credentials in the settings screen', () => {
  let mock: MockTip;
  let dir: string;
  let workbench: Workbench | null = null;

  beforeAll(async () => {
    mock = await startMockTip();
    dir = mkdtempSync(join(tmpdir(), 'tipwb-e2e-cred-'));
  });
  afterEach(async () => {
    await workbench?.close();
    workbench = null;
  });
  afterAll(async () => {
    await closeBrowser();
    await mock.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports a PEM bundle, shows it, checks the connection and deletes it', async () => {
    const bundle = join(dir, 'analyst.pem');
    writeFileSync(bundle, mock.clientCert.cert + mock.clientCert.key);
    const store = flowStore();
    const picked: string[] = [];
    workbench = await openWorkbench({
      credentialStore: store,
      core: {
        extraCa: [mock.ca],
        settingsOverride: { tipBaseUrl: mock.url },
        pickCertificateFile: async () => {
          picked.push(bundle);
          return bundle;
        },
      },
    });
    const { page } = workbench;
    await page.getByTestId('open-settings').click();

    await page.getByTestId('cred-import').click();
    await expect(page.getByTestId('cred-cert-subject').textContent()).resolves.toContain('CN=');
    await expect(page.getByTestId('cred-cert-expiry').textContent()).resolves.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(picked).toHaveLength(1);

    await page.getByTestId('cred-user').fill(mock.user);
    await page.getByTestId('cred-password').fill(mock.password);
    await page.getByTestId('cred-save-basic').click();
    await expect(page.getByTestId('cred-password').inputValue()).resolves.toBe('');
    await page.getByTestId('cred-basic-state').getByText(/stored/i).waitFor();

    const before = mock.requestCount;
    await page.getByTestId('cred-check').click();
    const result = page.getByTestId('cred-check-result');
    await result.waitFor();
    await expect(result.textContent()).resolves.toMatch(/Commercial/);
    await expect(result.textContent()).resolves.toMatch(/5,000|5000/);
    expect(mock.requestCount).toBe(before + 1);
    expect(mock.requests.at(-1)?.path).toMatch(/sections=Zone(%2C|,)LicenseInfo/);
    await workbench.screenshot('credentials-imported');

    expect((await store.findAccounts()).some((a) => /cert/i.test(a))).toBe(true);
    await page.getByTestId('cred-delete-certificate').click();
    await page.getByTestId('cred-cert-subject').waitFor({ state: 'detached' });
    expect((await store.findAccounts()).some((a) => /cert/i.test(a))).toBe(false);
    await workbench.screenshot('credentials-deleted');
    await page.getByTestId('cred-delete-all').click();
    await page.getByTestId('cred-basic-state').getByText(/no password/i).waitFor();
  });

  it('refuses an expired certificate with a message saying what to do, and stores nothing', async () => {
    const expired = mock.issueClientCertificate({
      commonName: 'expired analyst',
      notBefore: new Date(Date.now() - 400 * 86_400_000),
      notAfter: new Date(Date.now() - 86_400_000),
    });
    const file = join(dir, 'expired.pem');
    writeFileSync(file, expired.cert + expired.key);
    const store = new MemoryCredentialStore();
    workbench = await openWorkbench({ credentialStore: store, core: { pickCertificateFile: async () => file } });
    const { page } = workbench;
    await page.getByTestId('open-settings').click();
    await page.getByTestId('cred-import').click();
    const error = page.getByTestId('cred-error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toMatch(/expired/i);
    expect(await store.findAccounts()).toEqual([]);
  });

  it('says plainly when no keychain answers, and stores nothing anywhere else', async () => {
    const bundle = join(dir, 'no-keychain.pem');
    writeFileSync(bundle, mock.clientCert.cert + mock.clientCert.key);
    // keytar's native module cannot be loaded: what a machine without libsecret sees.
    const store = createKeytarStore({
      service: 'tip-workbench-e2e-missing',
      load: async () => {
        throw new Error('Cannot find module keytar.node');
      },
    });
    workbench = await openWorkbench({ credentialStore: store, core: { pickCertificateFile: async () => bundle } });
    const { page, dataDir } = workbench;
    await page.getByTestId('open-settings').click();
    await expect(page.getByTestId('cred-keychain').textContent()).resolves.toMatch(/keychain/i);
    await expect(page.getByTestId('cred-keychain').textContent()).resolves.toMatch(/gnome-keyring|Secret Service|libsecret/i);
    await page.getByTestId('cred-keychain').scrollIntoViewIfNeeded();
    await workbench.screenshot('credentials-no-keychain');
    // Storing is refused through the bridge too, and nothing lands anywhere as a fallback.
    const stored = await page.evaluate(() => {
      const api = (globalThis as unknown as { workbench: { credentials: { setToken(r: unknown): Promise<unknown> } } }).workbench;
      return api.credentials.setToken({ token: 'tok-must-not-land-anywhere' });
    });
    expect(stored).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE' } });
    expect(readdirSync(dataDir).every((f) => f === 'logs' || f === 'settings.json')).toBe(true);
  });
});
