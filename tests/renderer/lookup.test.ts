import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { LookupAnswer, Result } from '@shared/ipc/contract';
import { guessType } from '@shared/indicators/guess-type';
import { createFakeBridge, failure, ipAnswer, ipExample, ok } from './support/fake-bridge';
import { mountWithBridge, pressKey, settle, submitLookup } from './support/mount-app';

const lookUp = submitLookup;

describe('the type of a lookup', () => {
  it.each([
    ['203.0.113.45', 'ip'],
    ['2001:db8::1', 'ip'],
    ['bad.example.com', 'domain'],
    ['http://203.0.113.5', 'url'],
    ['hxxps[:]//bad[.]example[.]com/x', 'url'],
    ['0A1B2C3D4E5F60718293A4B5C6D7E8F9', 'hash'],
    ['203.0.113[.]45', 'ip'],
  ])('%s is looked up as a %s, refanged and normalised by the extractor', async (text, type) => {
    const mounted = await mountWithBridge();
    await lookUp(mounted, text);
    expect(mounted.fake.api.tip.lookup.mock.calls[0]?.[0]).toMatchObject({ type });
  });

  it.each([
    ['999.1.1.1', 'ip'],
    ['bad.example.com/dl/payload.exe', 'url'],
    ['0a1b2c3d4e5f60718293a4b5c6d7e8f', 'hash'],
  ])('text that is no indicator (%s) is judged as the %s it resembles, and nothing is sent', (text, type) => {
    expect(guessType(text)).toBe(type);
  });

  it('says what is wrong with text that is no indicator, and sends nothing', async () => {
    const mounted = await mountWithBridge();
    await lookUp(mounted, '999.1.1.1');
    expect(mounted.fake.api.tip.lookup).not.toHaveBeenCalled();
    expect(mounted.byTestId('error-code').text()).toBe('INVALID_INPUT');
    expect(mounted.byTestId('error-message').text()).toContain('999.1.1.1');
  });
});

describe('looking an indicator up', () => {
  it('sends the refanged value with its type, count, sections and a request id', async () => {
    const fake = createFakeBridge();
    fake.state.settings.defaultCount = 50;
    fake.state.settings.defaultSections.domain = ['DomainGeneralInfo'];
    const mounted = await mountWithBridge(fake);
    await lookUp(mounted, 'bad[.]example[.]com');

    const [request] = fake.api.tip.lookup.mock.calls[0] ?? [];
    expect(request).toMatchObject({
      type: 'domain',
      value: 'bad.example.com',
      count: 50,
      sections: ['DomainGeneralInfo'],
    });
    expect(request?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('uses the type the analyst picked over auto-detection', async () => {
    const mounted = await mountWithBridge();
    await mounted.byTestId('lookup-type').setValue('url');
    await lookUp(mounted, '203.0.113.45');
    expect(mounted.fake.api.tip.lookup.mock.calls[0]?.[0]).toMatchObject({ type: 'url' });
  });

  it('shows an error banner with the code and message, without retry when not retryable', async () => {
    const fake = createFakeBridge();
    fake.api.tip.lookup.mockResolvedValueOnce(
      failure({ code: 'QUOTA_EXCEEDED', message: "Today's quota is used up.", retryable: false }),
    );
    const mounted = await mountWithBridge(fake);
    await lookUp(mounted, '203.0.113.45');

    const banner = mounted.byTestId('result-error');
    expect(banner.text()).toContain('QUOTA_EXCEEDED');
    expect(banner.text()).toContain("Today's quota is used up.");
    expect(banner.find('[data-testid="error-retry"]').exists()).toBe(false);
  });

  it('offers a retry for a retryable error, and the retry can succeed', async () => {
    const fake = createFakeBridge();
    fake.api.tip.lookup.mockResolvedValueOnce(
      failure({ code: 'TIMEOUT', message: 'TIP did not answer in time.', retryable: true }),
    );
    const mounted = await mountWithBridge(fake);
    await lookUp(mounted, '203.0.113.45');

    const retry = mounted.byTestId('error-retry');
    expect(mounted.byTestId('result-error').text()).toContain('TIMEOUT');
    expect(retry.exists()).toBe(true);
    await retry.trigger('click');
    await settle();

    expect(fake.api.tip.lookup).toHaveBeenCalledTimes(2);
    expect(fake.api.tip.lookup.mock.calls[1]?.[0]).toMatchObject({ type: 'ip', value: '203.0.113.45' });
    expect(mounted.byTestId('result-error').exists()).toBe(false);
    expect(mounted.byTestId('result-zone').text()).toContain('Orange');
  });

  it('cancels a lookup in flight with Escape, naming it by its request id', async () => {
    const fake = createFakeBridge();
    let answer: (value: Result<LookupAnswer>) => void = () => {};
    fake.api.tip.lookup.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    const mounted = await mountWithBridge(fake);
    await lookUp(mounted, '203.0.113.45');
    expect(mounted.byTestId('lookup-cancel').exists()).toBe(true);

    pressKey('Escape');
    await flushPromises();
    const requestId = fake.api.tip.lookup.mock.calls[0]?.[0].requestId;
    expect(fake.api.tip.cancel).toHaveBeenCalledWith({ requestId });
    expect(mounted.byTestId('result-error').text()).toContain('CANCELLED');

    // A late answer to the cancelled lookup must not replace what is on screen.
    answer(ok(ipAnswer()));
    await settle();
    expect(mounted.byTestId('result-zone').exists()).toBe(false);
  });
});

describe('the cost line', () => {
  it('says a lookup costs one request while the quota is unknown', async () => {
    const mounted = await mountWithBridge();
    expect(mounted.byTestId('lookup-cost').text()).toContain('1 lookup · costs 1 request');
  });

  it('counts against today’s quota once a LicenseInfo is known', async () => {
    const mounted = await mountWithBridge();
    await lookUp(mounted, '203.0.113.45');
    // ip.json: DayRequests 139 of DayQuota 5000. The next, not yet stored, indicator costs one.
    await mounted.byTestId('lookup-input').setValue('203.0.113.46');
    expect(mounted.byTestId('lookup-cost').text()).toContain(
      "1 lookup · uses 1 of today's quota (4,861 left)",
    );
    expect(mounted.byTestId('status-quota').text()).toContain('139 / 5,000');
  });

  it.each([
    [4999, "1 lookup · uses 1 of today's quota (1 left)"],
    [5000, "Today's quota is spent (5,000 of 5,000) — TIP will refuse lookups until it resets"],
    [5003, "Today's quota is spent (5,003 of 5,000) — TIP will refuse lookups until it resets"],
  ])('with %i of 5,000 requests used today, says: %s', async (dayRequests, text) => {
    const fake = createFakeBridge();
    fake.api.tip.lookup.mockResolvedValueOnce(
      ok(ipAnswer({ license: { ...ipExample.LicenseInfo, DayRequests: dayRequests, DayQuota: 5000 } })),
    );
    const mounted = await mountWithBridge(fake);
    await lookUp(mounted, '203.0.113.45');
    await mounted.byTestId('lookup-input').setValue('203.0.113.46');

    const cost = mounted.byTestId('lookup-cost');
    expect(cost.text()).toContain(text);
    expect(cost.classes('spent')).toBe(dayRequests >= 5000);
    // Only a hint: TIP is the judge, so the button stays as it was.
    await mounted.byTestId('lookup-input').setValue('203.0.113.46');
    expect(mounted.byTestId('lookup-submit').attributes('disabled')).toBeUndefined();
  });

  it('offline, answers from the store and never asks main to reach TIP', async () => {
    const fake = createFakeBridge();
    fake.state.settings.offline = true;
    const mounted = await mountWithBridge(fake);
    await mounted.byTestId('lookup-input').setValue('203.0.113.45');

    expect(mounted.byTestId('lookup-cost').text()).toContain('Offline — 1 indicator, answered from stored answers only, nothing is sent');
    await lookUp(mounted, '203.0.113.45');
    expect(fake.api.tip.lookup).not.toHaveBeenCalled();
    expect(mounted.byTestId('error-code').text()).toBe('OFFLINE');
    expect(mounted.byTestId('error-message').text()).toContain('nothing is stored for 203.0.113.45');
  });
});
