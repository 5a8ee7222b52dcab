// The lookup flow on the store, as the analyst sees it: a fresh stored answer at no quota cost, a
// forced refresh, the stored answer standing in when TIP is unreachable, and the history of an
// indicator with what changed.
import { describe, expect, it } from 'vitest';
import { createFakeBridge, failure, ipAnswer, ipExample, ok } from './support/fake-bridge';
import { mountWithBridge, settle, submitLookup } from './support/mount-app';

describe('lookups answered from the store', () => {
  it('answers the same indicator again from the store, with no request, and says so', async () => {
    const mounted = await mountWithBridge();
    await submitLookup(mounted, '203.0.113.45');
    expect(mounted.byTestId('result-source').text()).toContain('Fresh from TIP');
    await submitLookup(mounted, '203.0.113[.]45');
    expect(mounted.fake.api.tip.lookup).toHaveBeenCalledTimes(1);
    expect(mounted.byTestId('result-source').text()).toContain('Stored');
    expect(mounted.byTestId('result-zone').text()).toBe('Orange');
  });

  it('asks TIP again on Refresh, and keeps both answers', async () => {
    const fake = createFakeBridge();
    fake.api.tip.lookup
      .mockResolvedValueOnce(ok(ipAnswer()))
      .mockResolvedValueOnce(ok(ipAnswer({ zone: 'Red', body: { ...structuredClone(ipExample), Zone: 'Red' } })));
    const mounted = await mountWithBridge(fake);
    await submitLookup(mounted, '203.0.113.45');
    await mounted.byTestId('result-refresh').trigger('click');
    await settle();
    expect(fake.api.tip.lookup).toHaveBeenCalledTimes(2);
    expect(mounted.byTestId('result-zone').text()).toBe('Red');
    expect(mounted.byTestId('history-summary').text()).toMatch(/^2 answers kept · 1 change since/);
    await mounted.byTestId('history-toggle').trigger('click');
    expect(mounted.wrapper.findAll('[data-testid="history-row"]')).toHaveLength(2);
    expect(mounted.byTestId('history-diff').text()).toContain('Zone changed from Orange to Red');
  });

  it('always asks TIP when answers are not to be reused (0 hours)', async () => {
    const fake = createFakeBridge();
    fake.state.settings.cacheTtlHours = 0;
    const mounted = await mountWithBridge(fake);
    await submitLookup(mounted, '203.0.113.45');
    await submitLookup(mounted, '203.0.113.45');
    expect(fake.api.tip.lookup).toHaveBeenCalledTimes(2);
  });

  it('shows the stored answer with a banner when TIP cannot be reached, and how old it is', async () => {
    const fake = createFakeBridge();
    fake.state.settings.cacheTtlHours = 0;
    fake.api.tip.lookup
      .mockResolvedValueOnce(ok(ipAnswer()))
      .mockResolvedValueOnce(failure({ code: 'NETWORK', message: 'TIP could not be reached: the connection was refused.', retryable: true }));
    const mounted = await mountWithBridge(fake);
    await submitLookup(mounted, '203.0.113.45');
    await submitLookup(mounted, '203.0.113.45');
    const banner = mounted.byTestId('result-stand-in');
    expect(banner.text()).toContain('TIP could not be reached');
    expect(banner.text()).toContain('Showing the answer stored just now.');
    expect(mounted.byTestId('result-source').text()).toContain('TIP unreachable');
    expect(mounted.byTestId('result-zone').text()).toBe('Orange');
  });

  it('does not stand a stored answer in for a server it does not trust', async () => {
    const fake = createFakeBridge();
    fake.state.settings.cacheTtlHours = 0;
    fake.api.tip.lookup
      .mockResolvedValueOnce(ok(ipAnswer()))
      .mockResolvedValueOnce(failure({ code: 'TLS_UNTRUSTED_SERVER', message: 'The server’s certificate is not trusted.', retryable: false }));
    const mounted = await mountWithBridge(fake);
    await submitLookup(mounted, '203.0.113.45');
    await submitLookup(mounted, '203.0.113.45');
    expect(mounted.byTestId('result-stand-in').exists()).toBe(false);
    expect(mounted.byTestId('error-code').text()).toBe('TLS_UNTRUSTED_SERVER');
  });

  it('finds a stored indicator by search, and opens its answer without asking TIP', async () => {
    const mounted = await mountWithBridge();
    await submitLookup(mounted, '203.0.113.45');
    await mounted.byTestId('search-input').setValue('bad[.]example');
    await settle();
    const results = mounted.wrapper.findAll('[data-testid="search-result"]');
    expect(results.map((r) => r.text()).join('\n')).toContain('bad.example.com');
    expect(results.map((r) => r.text()).join('\n')).toContain('not looked up');
    await mounted.byTestId('search-input').setValue('203.0.113');
    await settle();
    await mounted.wrapper.findAll('[data-testid="search-result"]')[0]?.trigger('click');
    await settle();
    expect(mounted.fake.api.tip.lookup).toHaveBeenCalledTimes(1);
    expect(mounted.byTestId('result-indicator').text()).toBe('203.0.113.45');
  });
});
