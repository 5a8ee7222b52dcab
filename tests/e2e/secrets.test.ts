// Secrets go one way. After a full flow — certificate with an encrypted key and its passphrase,
// password, token, lookups and connection checks in both auth modes — the password, token,
// passphrase and key bytes are nowhere in the settings file, the logs or the browser's storage on
// disk. A canary written to localStorage proves the scan can see what the browser stores.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../src/main/credentials/memory-store';
import { KEY_PASSPHRASE, SHOWCASE, startMockTip, type MockTip } from '../../tools/mock-tip';
import { chromiumMissingReason, closeBrowser, openWorkbench } from './harness';
import { skipWithReason } from '../support/skips';

const missing = chromiumMissingReason();

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() ? [path] : [];
  });
}

/** Every file under `dirs` holding `needle` as UTF-8 or UTF-16LE (Chromium stores both). */
function filesContaining(dirs: string[], needle: string): string[] {
  const forms = [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')];
  return dirs.flatMap(filesUnder).filter((file) => {
    const bytes = readFileSync(file);
    return forms.some((form) => bytes.includes(form));
  });
}

/** A run of base64 from the middle of a PEM body: key bytes, whatever else surrounds them. */
function pemBodySample(pem: string): string {
  const lines = pem.split('\n').filter((l) => l && !l.startsWith('-----'));
  return lines[Math.floor(lines.length / 2)] ?? '';
}

describe.skipIf(skipWithReason(missing))('secrets after a full flow', () => {
  let mock: MockTip;
  let work: string;
  const password = `pw-${randomBytes(12).toString('hex')}`;
  const token = `tok-${randomBytes(16).toString('hex')}`;

  beforeAll(async () => {
    mock = await startMockTip({ password, token });
    work = mkdtempSync(join(tmpdir(), 'tipwb-e2e-secrets-'));
  });
  afterAll(async () => {
    await closeBrowser();
    await mock.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('leave no trace in settings, logs or browser storage', async () => {
    const dataDir = join(work, 'data');
    const profileDir = join(work, 'chromium-profile');
    const bundle = join(work, 'analyst.pem');
    writeFileSync(bundle, mock.clientCert.cert + mock.clientCert.encryptedKey);
    const canary = `canary-${randomBytes(8).toString('hex')}`;

    const workbench = await openWorkbench({
      dataDir,
      profileDir,
      credentialStore: new MemoryCredentialStore(),
      core: { extraCa: [mock.ca], settingsOverride: { tipBaseUrl: mock.url }, pickCertificateFile: async () => bundle },
    });
    const { page } = workbench;
    await page.evaluate((value) => localStorage.setItem('scan-canary', value), canary);

    await page.getByTestId('open-settings').click();
    await page.getByTestId('cred-passphrase').fill(KEY_PASSPHRASE);
    await page.getByTestId('cred-import').click();
    await page.getByTestId('cred-cert-subject').waitFor();
    await page.getByTestId('cred-user').fill(mock.user);
    await page.getByTestId('cred-password').fill(password);
    await page.getByTestId('cred-save-basic').click();
    await page.getByTestId('cred-basic-state').getByText(/stored/i).waitFor();
    await page.getByTestId('cred-check').click();
    await expect(page.getByTestId('cred-check-result').textContent()).resolves.toMatch(/Commercial/);

    await page.getByTestId('cred-token').fill(token);
    await page.getByTestId('cred-save-token').click();
    await page.getByTestId('cred-token-state').getByText(/stored/i).waitFor();
    await page.getByTestId('cred-auth-mode').selectOption('token');
    await page.getByTestId('settings-base-url').fill(mock.tokenUrl);
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    const bearerBefore = mock.requests.filter((r) => r.auth === 'bearer').length;
    await page.getByTestId('cred-check').click();
    await expect(page.getByTestId('cred-check-result').textContent()).resolves.toMatch(/Commercial/);
    expect(mock.requests.filter((r) => r.auth === 'bearer').length).toBe(bearerBefore + 1);

    await page.keyboard.press('Escape');
    await page.getByTestId('lookup-input').fill(SHOWCASE.hubIp);
    await page.getByTestId('lookup-submit').click();
    await page.getByTestId('result-zone').first().waitFor();

    const pinia = await page.evaluate(() => document.body.innerHTML);
    await workbench.close();

    const scanned = [dataDir, profileDir];
    // The scan sees what it should: the settings file, the log, and the browser's storage.
    expect(statSync(join(dataDir, 'settings.json')).size).toBeGreaterThan(0);
    expect(readFileSync(join(dataDir, 'logs', 'workbench.log'), 'utf8')).toContain('credentials.setBasic');
    expect(filesContaining([profileDir], canary).length).toBeGreaterThan(0);

    const secrets: Record<string, string> = {
      password,
      token,
      passphrase: KEY_PASSPHRASE,
      'encrypted key bytes': pemBodySample(mock.clientCert.encryptedKey),
      'plain key bytes': pemBodySample(mock.clientCert.key),
    };
    for (const [name, secret] of Object.entries(secrets)) {
      expect(secret.length, name).toBeGreaterThan(10);
      expect(filesContaining(scanned, secret), `${name} found on disk`).toEqual([]);
      expect(pinia.includes(secret), `${name} in the page`).toBe(false);
    }
  });
});
