// The lookup bar as the analyst uses it: paste a report, see what was found before anything is
// sent, drop what is not wanted, read what the run will cost, and be asked before a large one.
import { describe, expect, it, vi } from 'vitest';
import { createFakeBridge, ipAnswer, ok } from './support/fake-bridge';
import { mountWithBridge, settle, submitLookup, type Mounted } from './support/mount-app';

const REPORT = `From the incident channel:
C2 at 203.0.113[.]45 and hxxps://bad[.]example[.]com/gate.php?id=7, dropper
0a1b2c3d4e5f60718293a4b5c6d7e8f9 (see report.pdf, version 1.2.3.4.5).
Also bad.example.com again, and 203.0.113.45:8080.`;

async function type(m: Mounted, text: string): Promise<void> {
  await m.byTestId('lookup-input').setValue(text);
  await settle();
}

const chips = (m: Mounted) => m.wrapper.findAll('[aria-label="Detected indicators"] li').map((li) => li.text());

describe('the lookup bar', () => {
  it('shows every indicator in a pasted report as a chip, defanged, in order, once each', async () => {
    const m = await mountWithBridge();
    await type(m, REPORT);
    expect(chips(m)).toEqual([
      expect.stringMatching(/^IP\s*203\[\.\]0\[\.\]113\[\.\]45$/),
      expect.stringMatching(/^URL\s*hxxps\[:\]\/\/bad\[\.\]example\[\.\]com\/gate\.php\?id=7/),
      expect.stringMatching(/^hash\s*0a1b2c3d4e5f60718293a4b5c6d7e8f9/),
      expect.stringMatching(/^domain\s*bad\[\.\]example\[\.\]com/),
    ]);
    expect(m.byTestId('lookup-submit').text()).toBe('Look up 4');
    expect(m.fake.api.tip.lookup).not.toHaveBeenCalled();
  });

  it('leaves a dropped chip out of the run', async () => {
    const m = await mountWithBridge();
    await type(m, REPORT);
    await m.wrapper.find('button[aria-label="Remove bad.example.com"]').trigger('click');
    expect(chips(m)).toHaveLength(3);
    expect(m.byTestId('lookup-submit').text()).toBe('Look up 3');
  });

  it('says what a run costs: new requests, answers from the store, and what is left today', async () => {
    const m = await mountWithBridge();
    await submitLookup(m, '203.0.113.45'); // now stored, and the quota is known (139 of 5,000)
    await type(m, REPORT);
    await vi.waitFor(() => expect(m.byTestId('lookup-cost').text()).toContain('4 indicators · 1 from the store · 3 new requests (4,861 left today)'), { timeout: 5000 });
  });

  it('looks one indicator up on Enter and shows its answer', async () => {
    const m = await mountWithBridge();
    await m.byTestId('lookup-input').setValue('203.0.113[.]45');
    await m.byTestId('lookup-input').trigger('keydown', { key: 'Enter' });
    await settle();
    expect(m.fake.api.tip.lookup).toHaveBeenCalledTimes(1);
    expect(m.byTestId('result-indicator').text()).toBe('203.0.113.45');
  });

  it('runs several as a bulk lookup, one row each, store first', async () => {
    const fake = createFakeBridge();
    fake.api.tip.lookup.mockImplementation(async (request) => ok(ipAnswer({ zone: request.type === 'domain' ? 'Red' : 'Grey', body: { Zone: request.type === 'domain' ? 'Red' : 'Grey' } })));
    const m = await mountWithBridge(fake);
    await type(m, REPORT);
    await m.byTestId('lookup-bar').trigger('submit');
    await settle(60);
    const rows = m.wrapper.findAll('[data-testid="bulk-row"]');
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => r.text())).toEqual([
      expect.stringMatching(/^1\s*203\[\.\]0\[\.\]113\[\.\]45\s*Done\s*Grey\s*Open$/),
      expect.stringMatching(/hxxps.*Done\s*Grey/),
      expect.stringMatching(/0a1b2c.*Done\s*Grey/),
      expect.stringMatching(/bad\[\.\]example\[\.\]com\s*Done\s*Red/),
    ]);
    expect(m.byTestId('bulk-summary').text()).toBe('4 of 4 · 4 from TIP');
    // Sorted by zone, Red first; any row opens its answer.
    await m.byTestId('bulk-sort-zone').trigger('click');
    expect(m.wrapper.findAll('[data-testid="bulk-row"]')[0]?.text()).toContain('bad[.]example[.]com');
    await m.wrapper.find('button[aria-label="Open the answer for bad.example.com"]').trigger('click');
    await settle();
    expect(m.byTestId('result-indicator').text()).toBe('bad.example.com');
  });

  it('asks first when a run would send more requests than the threshold, and sends nothing on Cancel', async () => {
    const fake = createFakeBridge();
    fake.state.settings.confirmAbove = 2;
    const m = await mountWithBridge(fake);
    await type(m, REPORT);
    await m.byTestId('lookup-bar').trigger('submit');
    await settle();
    const dialog = document.querySelector('[role="alertdialog"]');
    expect(dialog?.textContent).toContain('Send 4 requests to TIP?');
    expect(dialog?.textContent).toContain('4 indicators: 0 from the store, 4 new requests.');
    Array.from(dialog?.querySelectorAll('button') ?? []).find((b) => b.textContent?.trim() === 'Cancel')?.click();
    await settle();
    expect(fake.api.tip.lookup).not.toHaveBeenCalled();
  });

  it('asks first when a run would pass what is left of today’s quota', async () => {
    const fake = createFakeBridge();
    fake.api.tip.lookup.mockResolvedValueOnce(ok(ipAnswer({ license: { AccessType: 'Commercial', DayRequests: 4998, DayQuota: 5000 } })));
    const m = await mountWithBridge(fake);
    await submitLookup(m, '198.51.100.7');
    await type(m, REPORT);
    await m.byTestId('lookup-bar').trigger('submit');
    await settle();
    const dialog = document.querySelector('[role="alertdialog"]');
    expect(dialog?.textContent).toContain("2 of today's requests are left.");
    expect(dialog?.textContent).toContain("This passes today's quota: TIP will refuse the last 2.");
  });
});
