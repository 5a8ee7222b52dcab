// Paste a report, see what was found and what it will cost, run it as a bulk lookup against the demo
// TIP service, open a row's answer; the command palette and the shortcut help, by keyboard alone.
import { describe, expect, it } from 'vitest';
import { SHOWCASE } from '../../tools/mock-tip';
import { skipWithReason } from '../support/skips';
import { chromiumMissingReason, type Workbench } from './harness';
import { demoSession } from './demo-session';

const missing = chromiumMissingReason();

const REPORT = `Subject: FW: invoice wave — IOCs
Seen today: C2 ${SHOWCASE.hubIp.replace(/\.(\d+)$/, '[.]$1')} and ${SHOWCASE.badDomain.replaceAll('.', '[.]')},
payload hxxp://${SHOWCASE.payloadUrl.replaceAll('.', '[.]')} (md5 ${SHOWCASE.payload.md5.toUpperCase()}),
also ${SHOWCASE.orangeIp}:443, ${SHOWCASE.greenDomain}. Not IOCs: report.pdf, v1.2.3.4.5, 300.1.2.3.
Again: ${SHOWCASE.badDomain}`;

describe.skipIf(skipWithReason(missing))('a pasted report as a bulk lookup', () => {
  const session = demoSession();

  const open = (): Promise<Workbench> => session.open();

  it('shows the chips and the cost before sending, runs the queue, and opens a row’s answer', async () => {
    const wb = await open();
    const { page } = wb;
    await page.getByRole('textbox', { name: 'Indicators' }).fill(SHOWCASE.orangeIp);
    await page.keyboard.press('Enter');
    await page.getByTestId('result-indicator').filter({ hasText: SHOWCASE.orangeIp }).waitFor();
    const before = session.mock.requestCount;

    await page.getByRole('textbox', { name: 'Indicators' }).fill(REPORT);
    const chips = page.getByRole('list', { name: 'Detected indicators' }).getByRole('listitem');
    await expect.poll(() => chips.count()).toBe(6);
    expect(await chips.allTextContents()).toEqual([
      expect.stringContaining('203[.]0[.]113[.]66'),
      expect.stringContaining('bad[.]example[.]com'),
      expect.stringContaining('hxxp[:]//bad[.]example[.]com/dl/payload.exe'),
      expect.stringContaining(SHOWCASE.payload.md5.toLowerCase()),
      expect.stringContaining('198[.]51[.]100[.]23'),
      expect.stringContaining('www[.]example[.]org'),
    ]);
    await expect.poll(() => page.getByTestId('lookup-cost').textContent()).toMatch(/6 indicators · 1 from the store · 5 new requests \([\d,]+ left today\)/);
    expect(session.mock.requestCount).toBe(before);
    await wb.screenshot('bulk-chips-and-cost');
    expect(await wb.accessibilityViolations()).toEqual([]);

    await page.getByRole('button', { name: 'Look up 6' }).click();
    await expect.poll(() => page.getByTestId('bulk-summary').textContent(), { timeout: 30_000 }).toBe('6 of 6 · 1 from the store · 5 from TIP');
    expect(session.mock.requestCount).toBe(before + 5);
    const results = page.getByRole('table', { name: 'Bulk results' });
    await results.getByRole('button', { name: 'Zone' }).click();
    const zones = await results.getByRole('row').allTextContents();
    // Sorted by zone: Red rows first, the Green domain last.
    expect(zones[1]).toMatch(/Red/);
    expect(zones.at(-1)).toMatch(/Green/);
    await wb.screenshot('bulk-done');
    expect(await wb.accessibilityViolations()).toEqual([]);

    await results.getByRole('button', { name: `Open the answer for ${SHOWCASE.hubIp}` }).click();
    await page.getByTestId('result-indicator').filter({ hasText: SHOWCASE.hubIp }).waitFor();
    for (const title of ['DNS resolutions for IP address', 'Files related to IP address', 'Hosted URLs']) {
      await expect.poll(() => page.getByRole('heading', { name: new RegExp(title) }).count(), { message: title }).toBeGreaterThan(0);
    }
    // The case holds every indicator of the run (and what their answers name around them).
    const held = page.getByRole('list', { name: 'Indicators in this case' }).getByRole('listitem');
    for (const value of [SHOWCASE.hubIp, SHOWCASE.badDomain, SHOWCASE.payload.md5.toLowerCase(), SHOWCASE.orangeIp, SHOWCASE.greenDomain]) {
      await held.filter({ hasText: value }).first().waitFor();
    }
  });

  it('keeps going when TIP asks to slow down: the rows wait, none fails', async () => {
    const wb = await open();
    const { page } = wb;
    session.mock.setFaults([{ status: 429, retryAfter: 1, times: 6 }]);
    try {
      await page.getByRole('textbox', { name: 'Indicators' }).fill([SHOWCASE.hubIp, SHOWCASE.orangeIp, SHOWCASE.greenIp, SHOWCASE.badDomain].join('\n'));
      await page.getByRole('button', { name: 'Look up 4' }).click();
      await expect.poll(() => page.getByTestId('bulk-summary').textContent(), { timeout: 30_000 }).toBe('4 of 4 · 4 from TIP');
    } finally {
      session.mock.setFaults([]);
    }
  });

  it('reaches every command from the keyboard: the palette and the shortcut help', async () => {
    const wb = await open();
    const { page } = wb;
    await page.keyboard.press('Control+K');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.waitFor();
    await page.keyboard.type('offline');
    await wb.screenshot('command-palette');
    expect(await wb.accessibilityViolations()).toEqual([]);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('switch', { name: 'Offline mode' }).getAttribute('aria-checked')).toBe('true');

    // Offline, a lookup says plainly that nothing is stored for it.
    await page.getByRole('textbox', { name: 'Indicators' }).fill(SHOWCASE.phishingDomain);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('error-message').textContent()).toContain(`nothing is stored for ${SHOWCASE.phishingDomain}`);

    await page.getByRole('heading', { name: 'No case open' }).click();
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await wb.screenshot('shortcut-help');
    expect(await wb.accessibilityViolations()).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog', { name: 'Keyboard shortcuts' }).count()).toBe(0);
  });
});
