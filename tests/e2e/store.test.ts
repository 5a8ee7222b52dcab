// Every answer kept, in a real Chromium's IndexedDB: three lookups through the demo TIP service;
// offline; a reload and a restart of main on the same data — the case, its answers and their ages
// are all still there and TIP saw no new request. Then export, delete and import the case.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SHOWCASE, startMockTip, type MockTip } from '../../tools/mock-tip';
import { skipWithReason } from '../support/skips';
import { chromiumMissingReason, closeBrowser, openWorkbench, type Workbench, type WorkbenchOptions, demoService } from './harness';

const missing = chromiumMissingReason();

const INDICATORS = [SHOWCASE.badDomain, SHOWCASE.orangeIp, SHOWCASE.payload.md5];

describe.skipIf(skipWithReason(missing))('answers kept in the browser, offline, across restarts', () => {
  let mock: MockTip;
  let folder: string;
  let workbench: Workbench | null = null;

  beforeAll(async () => {
    mock = await startMockTip();
    folder = mkdtempSync(join(tmpdir(), 'tipwb-store-e2e-'));
  });
  afterAll(async () => {
    await workbench?.close();
    await closeBrowser();
    await mock.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const caseFile = () => join(folder, 'exported.tipcase.json');

  async function open(port?: number): Promise<Workbench> {
    const options: WorkbenchOptions = {
      dataDir: join(folder, 'data'),
      profileDir: join(folder, 'profile'),
      core: {
        ...demoService(mock),
        pickSavePath: async () => caseFile(),
        pickCaseFile: async () => caseFile(),
      },
      ...(port === undefined ? {} : { port }),
    };
    workbench = await openWorkbench(options);
    return workbench;
  }

  async function lookUp(page: Page, text: string): Promise<void> {
    await page.getByRole('textbox', { name: 'Indicators' }).fill(text);
    await page.getByRole('button', { name: /^Look up/ }).click();
    await page.getByTestId('result-indicator').filter({ hasText: text.toLowerCase() }).waitFor();
  }

  async function expectNoAxeViolations(wb: Workbench, screen: string): Promise<void> {
    expect(await wb.accessibilityViolations(), screen).toEqual([]);
  }

  const caseNodes = (page: Page) => page.getByRole('list', { name: 'Indicators in this case' }).getByRole('listitem');
  /** The one list item of this value (not of a longer value that starts the same, 198.51.100.233). */
  const caseNode = (page: Page, value: string) =>
    caseNodes(page).filter({ hasText: new RegExp(`^${value.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![0-9a-z.])`) });

  it('keeps three answers, their case and their ages through offline, a reload and a restart', async () => {
    let wb = await open();
    let { page } = wb;
    const port = wb.port;
    const before = mock.requestCount;
    for (const indicator of INDICATORS) await lookUp(page, indicator);
    expect(mock.requestCount).toBe(before + 3);
    await expect.poll(() => page.getByRole('heading', { name: 'Unsorted lookups' }).count()).toBe(1);
    // The three indicators, and what their answers name around them.
    for (const indicator of INDICATORS) await caseNode(page, indicator).waitFor();
    const held = await caseNodes(page).count();
    expect(held).toBeGreaterThan(3);
    await wb.screenshot('store-three-lookups');
    await expectNoAxeViolations(wb, 'workbench with a case');

    // The same indicator again, online: answered from the store at no quota cost.
    await lookUp(page, SHOWCASE.badDomain);
    expect(mock.requestCount).toBe(before + 3);
    await expect.poll(() => page.getByTestId('result-source').textContent()).toContain('Stored');

    await page.getByRole('switch', { name: 'Offline mode' }).click();
    await expect.poll(() => page.getByRole('switch', { name: 'Offline mode' }).getAttribute('aria-checked')).toBe('true');
    const connections = mock.connections;
    const requests = mock.requestCount;

    await page.reload();
    await page.getByRole('heading', { name: 'Unsorted lookups' }).waitFor();
    await expect.poll(() => caseNodes(page).count()).toBe(held);
    await caseNode(page, SHOWCASE.orangeIp).getByRole('button').click();
    await page.getByTestId('result-indicator').filter({ hasText: SHOWCASE.orangeIp }).waitFor();
    await expect.poll(() => page.getByTestId('result-age').textContent()).toMatch(/just now|min ago/);
    await expect.poll(() => page.getByTestId('result-fetched').getAttribute('title')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);

    // Restart main (and the browser) on the same data folder and profile.
    await wb.close();
    wb = await open(port);
    page = wb.page;
    await page.getByRole('heading', { name: 'Unsorted lookups' }).waitFor();
    await expect.poll(() => page.getByRole('switch', { name: 'Offline mode' }).getAttribute('aria-checked')).toBe('true');
    await expect.poll(() => caseNodes(page).count()).toBe(held);
    for (const indicator of INDICATORS) {
      await lookUp(page, indicator);
      await expect.poll(() => page.getByTestId('result-source').textContent()).toContain('Stored · offline');
      await expect.poll(() => page.getByTestId('result-age').textContent()).toMatch(/just now|min ago/);
    }
    // An indicator never looked up says so plainly, offline.
    await page.getByRole('textbox', { name: 'Indicators' }).fill(SHOWCASE.greenDomain);
    await page.getByRole('button', { name: /^Look up/ }).click();
    await expect.poll(() => page.getByTestId('error-message').textContent()).toContain(`nothing is stored for ${SHOWCASE.greenDomain}`);
    expect(mock.requestCount).toBe(requests);
    expect(mock.connections).toBe(connections);
    await wb.screenshot('store-offline-after-restart');
    await expectNoAxeViolations(wb, 'offline after restart');
  });

  it('exports the case, deletes it, imports it: the same content, still offline', async () => {
    const wb = workbench ?? (await open());
    const { page } = wb;
    const requests = mock.requestCount;
    const caseItem = page.getByRole('list', { name: 'Cases' }).getByRole('listitem').filter({ hasText: 'Unsorted lookups' });
    await caseItem.getByRole('button', { name: 'Actions for Unsorted lookups' }).click();
    await page.getByRole('menuitem', { name: 'Export case file…' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Saved' }).waitFor();
    expect(existsSync(caseFile())).toBe(true);
    const exported = JSON.parse(readFileSync(caseFile(), 'utf8')) as { case: { name: string }; lookups: unknown[]; nodes: unknown[]; ops: unknown[] };
    expect(exported.case.name).toBe('Unsorted lookups');
    expect(exported.lookups).toHaveLength(3);
    expect(exported.nodes.length).toBeGreaterThan(3);

    await caseItem.getByRole('button', { name: 'Actions for Unsorted lookups' }).click();
    await page.getByRole('menuitem', { name: 'Delete…' }).click();
    await expectNoAxeViolations(wb, 'delete confirmation');
    await wb.screenshot('store-delete-confirm');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete case' }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Cases' }).getByRole('listitem').count()).toBe(0);
    await page.getByRole('heading', { name: 'No case open' }).waitFor();

    await page.getByRole('button', { name: 'Import case' }).click();
    await page.getByRole('heading', { name: 'Unsorted lookups' }).waitFor();
    await expect.poll(() => caseNodes(page).count()).toBe(exported.nodes.length);
    await caseNode(page, SHOWCASE.badDomain).getByRole('button').click();
    await page.getByTestId('section-DomainDnsResolutions').waitFor();

    // Export again: the same case, answers, nodes and history.
    const first = readFileSync(caseFile(), 'utf8');
    await page.getByRole('list', { name: 'Cases' }).getByRole('button', { name: 'Actions for Unsorted lookups' }).click();
    await page.getByRole('menuitem', { name: 'Export case file…' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Saved' }).nth(0).waitFor();
    await expect.poll(() => readFileSync(caseFile(), 'utf8') !== first).toBe(true);
    const again = JSON.parse(readFileSync(caseFile(), 'utf8')) as Record<string, unknown>;
    const strip = (file: Record<string, unknown>) => ({ ...file, exportedAt: null });
    expect(strip(again)).toEqual(strip(JSON.parse(first) as Record<string, unknown>));
    expect(mock.requestCount).toBe(requests);
    await wb.screenshot('store-imported');
    await expectNoAxeViolations(wb, 'imported case');

    // Settings → Stored answers: what is kept and the space it takes.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Stored answers' }).click();
    await expect.poll(() => page.getByTestId('storage-facts').textContent()).toMatch(/Kept\s*3 answers · \d+ indicators · 1 case\s*Space used/);
    await expect.poll(() => page.getByTestId('storage-used').textContent()).toMatch(/\d+(\.\d)? (KB|MB|GB)/);
    await page.waitForTimeout(400); // the smooth scroll to the section
    await wb.screenshot('store-settings');
    await expectNoAxeViolations(wb, 'settings');
  });
});
