// A lookup typed in the shell goes through the bridge and main's TIP client, over mutual TLS, to
// the demo TIP service — and its answer shows.
import { describe, expect, it } from 'vitest';
import { SHOWCASE } from '../../tools/mock-tip';
import { chromiumMissingReason, type Workbench } from './harness';
import { demoSession } from './demo-session';
import { skipWithReason } from '../support/skips';

const missing = chromiumMissingReason();

describe.skipIf(skipWithReason(missing))('looking an indicator up from the shell', () => {
  const session = demoSession();

  const open = (): Promise<Workbench> => session.open();

  it('shows the zone of a defanged domain looked up in the demo service', async () => {
    const wb = await open();
    const { page } = wb;
    const before = session.mock.requestCount;
    await page.getByTestId('lookup-input').fill(SHOWCASE.badDomain.replaceAll('.', '[.]'));
    await page.getByTestId('lookup-submit').click();
    await expect(page.getByTestId('result-zone').first().textContent()).resolves.toContain('Red');
    await page.getByTestId('section-DomainDnsResolutions').waitFor();
    expect(session.mock.requestCount).toBe(before + 1);
    const last = session.mock.requests.at(-1);
    expect(last?.path).toContain(`/api/domain/${SHOWCASE.badDomain}`);
    await wb.screenshot('lookup-domain');
  });

  it('looks up a web address and a hash, each with its own lookup type', async () => {
    const { page } = await open();
    await page.getByTestId('lookup-input').fill(`hxxp://${SHOWCASE.payloadUrl}`);
    await page.getByTestId('lookup-submit').click();
    await page.getByTestId('section-UrlGeneralInfo').waitFor();
    expect(session.mock.requests.at(-1)?.path).toMatch(/^\/api\/url\/http%3A%2F%2Fbad\.example\.com%2Fdl%2Fpayload\.exe/);

    await page.getByTestId('lookup-input').fill(SHOWCASE.payload.md5);
    await page.getByTestId('lookup-submit').click();
    await page.getByTestId('section-FileGeneralInfo').waitFor();
    await expect(page.getByTestId('result-zone').first().textContent()).resolves.toContain('Red');
  });

  it('says what is wrong with a malformed indicator, and sends nothing', async () => {
    const { page } = await open();
    const before = session.mock.requestCount;
    await page.getByTestId('lookup-type').selectOption('ip');
    await page.getByTestId('lookup-input').fill('300.1.2.3');
    await page.getByTestId('lookup-submit').click();
    await expect(page.getByTestId('error-code').textContent()).resolves.toContain('INVALID_INPUT');
    await expect(page.getByTestId('error-message').textContent()).resolves.toMatch(/300/);
    expect(session.mock.requestCount).toBe(before);
  });

  it('opens no connection at all in offline mode', async () => {
    const wb = await open();
    const { page, core } = wb;
    await core.settings.update({ offline: true });
    await page.reload();
    const before = session.mock.requestCount;
    const connections = session.mock.connections;
    await page.getByTestId('lookup-input').fill(SHOWCASE.hubIp);
    await expect(page.getByTestId('lookup-cost').textContent()).resolves.toMatch(/offline/i);
    // The lookup is answered from the store — here there is none, and it says so.
    await page.getByTestId('lookup-submit').click();
    await expect(page.getByTestId('error-message').textContent()).resolves.toContain(`nothing is stored for ${SHOWCASE.hubIp}`);
    // Even a page that calls main directly gets OFFLINE, and no socket opens.
    const answer = await page.evaluate((ip) => {
      const api = (globalThis as unknown as { workbench: { tip: { lookup(r: unknown): Promise<unknown> } } }).workbench;
      return api.tip.lookup({ type: 'ip', value: ip });
    }, SHOWCASE.hubIp);
    expect(answer).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
    expect(session.mock.requestCount).toBe(before);
    expect(session.mock.connections).toBe(connections);
    await wb.screenshot('lookup-offline');
  });

  it('cancels a lookup in flight from the UI, and the server sees the request go', async () => {
    const { page } = await open();
    session.mock.setFaults([{ value: SHOWCASE.orangeDomain, hang: true }]);
    try {
      await page.getByTestId('lookup-input').fill(SHOWCASE.orangeDomain);
      await page.getByTestId('lookup-submit').click();
      await page.getByTestId('lookup-cancel').click();
      await expect(page.getByTestId('error-code').textContent()).resolves.toContain('CANCELLED');
      await expect(page.getByTestId('lookup-submit').isEnabled()).resolves.toBe(true);
    } finally {
      session.mock.setFaults([]);
    }
  });

  it('says the quota is spent, and does not retry', async () => {
    const wb = await open();
    const { page } = wb;
    session.mock.setQuota(session.mock.dayRequests);
    try {
      const before = session.mock.requestCount;
      await page.getByTestId('lookup-input').fill(SHOWCASE.greenDomain);
      await page.getByTestId('lookup-submit').click();
      await expect(page.getByTestId('error-code').textContent()).resolves.toContain('QUOTA_EXCEEDED');
      await expect(page.getByTestId('error-retry').count()).resolves.toBe(0);
      expect(session.mock.requestCount).toBe(before + 1);
      await wb.screenshot('lookup-quota-spent');
    } finally {
      session.mock.setQuota(5000);
    }
  });
});
