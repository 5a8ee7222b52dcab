import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { ROOT, chromiumMissingReason, closeBrowser, openWorkbench, type Workbench } from './harness';
import { skipWithReason } from '../support/skips';

const missing = chromiumMissingReason();

describe.skipIf(skipWithReason(missing))('the workbench shell in Chromium', () => {
  let workbench: Workbench | null = null;
  afterEach(async () => {
    await workbench?.close();
    workbench = null;
  });
  afterAll(closeBrowser);

  it('renders every area of the layout', async () => {
    workbench = await openWorkbench();
    const { page } = workbench;
    for (const id of ['lookup-input', 'lookup-submit', 'graph-area', 'side-panel', 'status-version', 'status-network']) {
      await expect(page.getByTestId(id).first().isVisible()).resolves.toBe(true);
    }
    await workbench.screenshot('shell');
  });

  it('shows the app version that main reports through app.info', async () => {
    workbench = await openWorkbench();
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    await workbench.page.getByTestId('status-version').getByText(version, { exact: false }).waitFor();
    expect(workbench.calls).toContain('app.info');
  });

  it('keeps a setting changed in the UI across a reload and a restart of main', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tipwb-e2e-settings-'));
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
    workbench = await openWorkbench({ dataDir });
    const { page } = workbench;
    await page.getByTestId('open-settings').click();
    await page.getByTestId('settings-count').fill('250');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    await workbench.screenshot('settings-saved');

    // The file main wrote holds the new value…
    const stored = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as { settings: { defaultCount: number } };
    expect(stored.settings.defaultCount).toBe(250);

    // …the page shows it after a reload…
    await page.reload();
    await page.getByTestId('open-settings').click();
    await expect(page.getByTestId('settings-count').inputValue()).resolves.toBe('250');

    // …and a fresh main process reading the same folder shows it too.
    const first = workbench;
    workbench = null;
    await first.close();
    workbench = await openWorkbench({ dataDir });
    await workbench.page.getByTestId('open-settings').click();
    await expect(workbench.page.getByTestId('settings-count').inputValue()).resolves.toBe('250');
  });

  it('sets a damaged settings file aside, starts on defaults and tells the analyst', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tipwb-e2e-corrupt-'));
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
    writeFileSync(join(dataDir, 'settings.json'), '{"version":1,"settings":{"defaultCount":25');
    workbench = await openWorkbench({ dataDir });
    const notices = workbench.page.getByTestId('status-notices');
    await notices.waitFor();
    await expect(notices.textContent()).resolves.toMatch(/damaged|kept aside/i);
    await workbench.screenshot('settings-corrupt-notice');
    await workbench.page.getByTestId('open-settings').click();
    await expect(workbench.page.getByTestId('settings-count').inputValue()).resolves.toBe('100');
    expect(readdirSync(dataDir).some((f) => f.startsWith('settings.corrupt-'))).toBe(true);
  });
});
