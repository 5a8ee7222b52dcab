// The relationship graph in a real Chromium against the demo TIP service: a lookup draws its
// neighbours; expanding pivots; a large fan comes as a group that opens; Undo and Redo; the same
// graph, positions included, after a reload offline; a PNG of it.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SHOWCASE, startMockTip, type MockTip } from '../../tools/mock-tip';
import { skipWithReason } from '../support/skips';
import { chromiumMissingReason, closeBrowser, openWorkbench, type Workbench, demoService } from './harness';
import { READ_POSITIONS } from './stored';

const missing = chromiumMissingReason();

describe.skipIf(skipWithReason(missing))('the relationship graph', () => {
  let mock: MockTip;
  let folder: string;
  let workbench: Workbench | null = null;

  beforeAll(async () => {
    mock = await startMockTip();
    folder = mkdtempSync(join(tmpdir(), 'tipwb-graph-e2e-'));
  });
  afterAll(async () => {
    await workbench?.close();
    await closeBrowser();
    await mock.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const png = () => join(folder, 'graph.png');
  const svg = () => join(folder, 'graph.svg');
  const table = (page: Page) => page.getByRole('region', { name: 'Graph' }).getByRole('table', { name: 'Graph nodes' });
  const row = (page: Page, value: string) => table(page).getByRole('row').filter({ hasText: value });
  const counts = async (page: Page): Promise<[number, number]> => {
    const text = (await page.getByRole('region', { name: 'Graph' }).getByTestId('graph-counts').textContent()) ?? '';
    const match = /([\d,]+) nodes? · ([\d,]+) edges?/.exec(text);
    return [Number(match?.[1]?.replace(/,/g, '')), Number(match?.[2]?.replace(/,/g, ''))];
  };

  async function open(port?: number): Promise<Workbench> {
    workbench = await openWorkbench({
      dataDir: join(folder, 'data'),
      profileDir: join(folder, 'profile'),
      ...(port === undefined ? {} : { port }),
      core: {
        ...demoService(mock),
        pickSavePath: async ({ kind }) => (kind === 'svg' ? svg() : png()),
      },
    });
    return workbench;
  }

  it('pivots from an IP to its domains and on to their IPs, groups a large fan, and undoes it all', async () => {
    let wb = await open();
    let page = wb.page;
    await page.getByRole('textbox', { name: 'Indicators' }).fill(SHOWCASE.orangeIp);
    await page.keyboard.press('Enter');
    // The IP and the domains that resolve to it: in the table, and counted.
    await row(page, SHOWCASE.badDomain).waitFor();
    await row(page, SHOWCASE.orangeIp).waitFor();
    const [nodesAfterLookup] = await counts(page);
    expect(nodesAfterLookup).toBeGreaterThan(1);

    // Expand the domain: its other IPs join.
    await row(page, SHOWCASE.badDomain).getByRole('button', { name: 'Expand' }).click();
    await row(page, SHOWCASE.hubIp).waitFor();
    await row(page, SHOWCASE.ipv6).waitFor();
    const [nodesAfterDomain, edgesAfterDomain] = await counts(page);
    expect(nodesAfterDomain).toBeGreaterThan(nodesAfterLookup);
    expect(edgesAfterDomain).toBeGreaterThan(0);
    await wb.screenshot('graph-pivot');
    expect(await wb.accessibilityViolations()).toEqual([]);

    // The hub IP names 1,600 domains: they come as one group node, which opens.
    await row(page, SHOWCASE.hubIp).getByRole('button', { name: 'Expand' }).click();
    const group = row(page, 'domains resolving to 203.0.113.66');
    await group.waitFor();
    const [beforeGroup] = await counts(page);
    await group.getByRole('button', { name: /^Select/ }).click();
    await page.getByRole('button', { name: /^Open next \d+/ }).click();
    await expect.poll(async () => (await counts(page))[0]).toBeGreaterThan(beforeGroup);
    const [afterGroup] = await counts(page);
    await wb.screenshot('graph-group-opened');

    // Undo takes the opened page back; Redo brings it again.
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(async () => (await counts(page))[0]).toBe(beforeGroup);
    await page.getByRole('button', { name: 'Redo', exact: true }).click();
    await expect.poll(async () => (await counts(page))[0]).toBe(afterGroup);

    // Offline, after a reload and a restart: the same graph, the same positions.
    const positions = (await page.evaluate(READ_POSITIONS)) as Record<string, unknown>;
    expect(Object.keys(positions)).toHaveLength(afterGroup);
    expect(Object.values(positions).every((p) => p !== null)).toBe(true);
    await page.getByRole('switch', { name: 'Offline mode' }).click();
    const requests = mock.requestCount;
    const port = wb.port;
    await wb.close();
    wb = await open(port);
    page = wb.page;
    await expect.poll(async () => (await counts(page))[0]).toBe(afterGroup);
    expect(await page.evaluate(READ_POSITIONS)).toEqual(positions);
    // Expanding offline uses what is stored and says what is not.
    await row(page, SHOWCASE.ipv6).getByRole('button', { name: 'Expand' }).click();
    await page.getByTestId('toast').filter({ hasText: `Offline: nothing is stored for ${SHOWCASE.ipv6}` }).waitFor();
    expect(mock.requestCount).toBe(requests);
    await wb.screenshot('graph-offline');
    expect(await wb.accessibilityViolations()).toEqual([]);

    await page.getByRole('button', { name: 'Export PNG…' }).click();
    await expect.poll(() => existsSync(png())).toBe(true);
    const bytes = readFileSync(png());
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(bytes.length).toBeGreaterThan(5_000);

    // The same graph as a vector picture: every node of the table drawn, with its value written.
    await page.getByRole('button', { name: 'Export SVG…' }).click();
    await expect.poll(() => existsSync(svg())).toBe(true);
    const picture = readFileSync(svg(), 'utf8');
    expect(picture).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const [nodeCount] = await counts(page);
    expect(picture.match(/<text /g)?.length).toBe(nodeCount);
    expect(picture).toContain(`>${SHOWCASE.ipv6}</text>`);
  });
});
