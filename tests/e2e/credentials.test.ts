// The credential vault through the UI: import a certificate (main opens the "dialog" and reads the
// file itself), see its subject and expiry, run the connection check against the demo TIP service,
// delete it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../src/main/credentials/memory-store';
import { startMockTip, type MockTip } from '../../tools/mock-tip';
import { chromiumMissingReason, closeBrowser, openWorkbench, type Workbench } from './harness';

const missing = chromiumMissingReason();
if (missing) console.warn(`e2e credential tests skipped: ${missing}`);

describe.skipIf(missing !== null)('credentials in the settings screen', () => {
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
    const store = new MemoryCredentialStore();
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

    await page.getByTestId('cred-delete-certificate').click();
    await page.getByTestId('cred-cert-subject').waitFor({ state: 'detached' });
    expect((await store.findAccounts()).some((a) => /cert/i.test(a))).toBe(false);
    await workbench.screenshot('credentials-deleted');
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
});
