// Reading an answer in a real Chromium against the demo TIP service: section titles as headings, the
// verdict, a 1,000-row list that stays virtualised, filtering, pivoting, the raw view and its save —
// found by role and name, as a screen reader would, with axe looking at every screen.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SHOWCASE } from '../../tools/mock-tip';
import { chromiumMissingReason, type Workbench } from './harness';
import { demoSession } from './demo-session';
import { skipWithReason } from '../support/skips';

const missing = chromiumMissingReason();

describe.skipIf(skipWithReason(missing))('reading an answer', () => {
  const session = demoSession();
  const saved = join(mkdtempSync(join(tmpdir(), 'tipwb-answer-')), 'answer.json');

  async function open(): Promise<Workbench> {
    const workbench = await session.open({ pickSavePath: async () => saved });
    // The hub IP has 1,600 resolutions: ask for TIP's maximum so the list really holds 1,000.
    await workbench.core.settings.update({ defaultCount: 1000 });
    await workbench.page.reload();
    return workbench;
  }

  async function lookUp(page: Page, text: string): Promise<void> {
    await page.getByRole('textbox', { name: 'Indicators' }).fill(text);
    await page.getByRole('button', { name: /^Look up/ }).click();
    await page.getByTestId('result-indicator').filter({ hasText: text }).waitFor();
  }

  it('shows an IP answer: titled sections, the verdict, a virtualised 1,000-row list, a pivot', async () => {
    const wb = await open();
    const { page } = wb;
    await lookUp(page, SHOWCASE.hubIp);

    const dns = page.getByRole('heading', { name: /DNS resolutions for IP address IpDnsResolutions/ });
    await dns.waitFor();
    await expect(dns.textContent()).resolves.toContain('1,000 of at least 1,000 shown');
    for (const title of ['Files related to IP address', 'Hosted URLs', 'URL masks', 'WHOIS', 'Spam attacks', 'Phishing attacks', 'General information']) {
      await expect(page.getByRole('heading', { name: new RegExp(`^${title} `) }).count(), title).resolves.toBe(1);
    }
    await expect(page.getByTestId('verdict-score').textContent()).resolves.toMatch(/\d+ \/ 100/);
    await expect(page.getByTestId('verdict-first-seen').locator('time').textContent()).resolves.toMatch(/UTC$/);

    const table = page.getByRole('table', { name: 'DNS resolutions for IP address' });
    await expect(table.getAttribute('aria-rowcount')).resolves.toBe('1001');
    const rendered = await table.locator('tbody tr[data-row]').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(80);
    await wb.screenshot('answer-ip');
    await dns.scrollIntoViewIfNeeded();
    await wb.screenshot('answer-ip-table');
    expect(await wb.accessibilityViolations()).toEqual([]);

    // Scroll to the end of the list: the last rows come into the DOM, the first leave it.
    const scroller = page.getByRole('region', { name: 'DNS resolutions for IP address (scrollable)' });
    await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await table.locator('tbody tr[aria-rowindex="1001"]').waitFor();
    await dns.scrollIntoViewIfNeeded();
    await expect(table.locator('tbody tr[aria-rowindex="2"]').count()).resolves.toBe(0);
    await wb.screenshot('answer-ip-scrolled');

    // Filter by a defanged name, then pivot to it.
    await page.getByRole('textbox', { name: 'Filter DNS resolutions for IP address' }).fill(SHOWCASE.badDomain.replaceAll('.', '[.]'));
    await expect.poll(() => table.locator('tbody tr[data-row]').count()).toBe(1);
    await dns.scrollIntoViewIfNeeded();
    await wb.screenshot('answer-ip-filtered');
    await table.getByRole('button', { name: `Pivot to ${SHOWCASE.badDomain}` }).click();
    await page.getByTestId('result-indicator').filter({ hasText: SHOWCASE.badDomain }).waitFor();
    const domainDns = page.getByRole('heading', { name: /^DNS resolutions for domain DomainDnsResolutions/ });
    await domainDns.waitFor();
    await expect(page.getByTestId('verdict-apt').textContent()).resolves.toBeTruthy();
    await wb.screenshot('answer-domain');
    await page.getByRole('heading', { name: /^WHOIS DomainWhoIsInfo/ }).scrollIntoViewIfNeeded();
    await wb.screenshot('answer-domain-whois');
    expect(await wb.accessibilityViolations()).toEqual([]);
  });

  it('says why a reserved address has only four sections, and what a 451 and a 401 mean', async () => {
    const wb = await open();
    const { page } = wb;
    await lookUp(page, '10.20.30.40');
    const note = page.getByRole('note');
    await expect(note.textContent()).resolves.toContain('A reserved address (RFC 6890).');
    await expect(page.getByTestId('verdict-status').textContent()).resolves.toContain('Reserved address (RFC 6890)');
    await page.getByRole('heading', { name: /^WHOIS IpWhoIs/ }).waitFor();
    await wb.screenshot('answer-reserved');
    expect(await wb.accessibilityViolations()).toEqual([]);

    session.mock.setFaults([{ value: SHOWCASE.orangeDomain, status: 451 }, { value: SHOWCASE.greenDomain, status: 401 }]);
    try {
      await page.getByRole('textbox', { name: 'Indicators' }).fill(SHOWCASE.orangeDomain);
      await page.getByRole('button', { name: /^Look up/ }).click();
      await expect.poll(() => page.getByTestId('error-message').textContent()).toContain('withholds this object for legal reasons');
      await page.getByRole('textbox', { name: 'Indicators' }).fill(SHOWCASE.greenDomain);
      await page.getByRole('button', { name: /^Look up/ }).click();
      await expect.poll(() => page.getByTestId('error-message').textContent()).toContain('once in a browser at tip.kaspersky.com');
      await wb.screenshot('answer-401');
    } finally {
      session.mock.setFaults([]);
    }
  });

  it('shows the raw JSON and saves it through main', async () => {
    const wb = await open();
    const { page } = wb;
    await lookUp(page, SHOWCASE.badDomain);
    await page.getByRole('button', { name: 'Raw JSON' }).click();
    const raw = page.getByRole('region', { name: 'Raw JSON (scrollable)' });
    await expect(raw.textContent()).resolves.toContain('"DomainGeneralInfo"');
    await wb.screenshot('answer-raw');
    expect(await wb.accessibilityViolations()).toEqual([]);

    await page.getByRole('button', { name: /^Save JSON/ }).click();
    await page.getByText('Saved answer.json').first().waitFor();
    const body = JSON.parse(readFileSync(saved, 'utf8')) as { DomainGeneralInfo?: { Domain?: string } };
    expect(body.DomainGeneralInfo?.Domain).toBe(SHOWCASE.badDomain);
  });
});
