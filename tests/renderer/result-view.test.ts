import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeBridge, ipAnswer, ipExample, ok } from './support/fake-bridge';
import { mountWithBridge } from './support/mount-app';
import { showAnswer } from './support/result-helpers';

// Waits for the answer itself, not just for the lookup to start: writing it to the store takes a while.
const lookUp = showAnswer;

function withCount(count: number) {
  const fake = createFakeBridge();
  fake.state.settings.defaultCount = count;
  return fake;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the result view', () => {
  it('renders every section of the answer, each under its own name', async () => {
    const mounted = await mountWithBridge(withCount(100));
    await lookUp(mounted, '203.0.113.45');

    for (const name of Object.keys(ipExample)) {
      expect(mounted.byTestId(`section-${name}`).exists(), name).toBe(true);
    }
    expect(mounted.byTestId('result-indicator').text()).toBe('203.0.113.45');
    expect(mounted.byTestId('result-zone').text()).toBe('Orange');
    expect(mounted.byTestId('result-status').text()).toBe('200 OK');
    expect(mounted.byTestId('result-age').text()).toBe('just now');
    expect(mounted.byTestId('result-duration').text()).toBe('312 ms');
    expect(mounted.byTestId('result-license').text()).toContain('Commercial');
  });

  it('shows list sections as tables with column headers and their values', async () => {
    const mounted = await mountWithBridge(withCount(100));
    await lookUp(mounted, '203.0.113.45');

    const dns = mounted.byTestId('section-IpDnsResolutions');
    const headers = dns.findAll('th').map((th) => th.text());
    expect(headers).toEqual(expect.arrayContaining(['Domain', 'Zone', 'HitsCount', 'FirstSeen', 'LastSeen']));
    expect(dns.text()).toContain('bad.example.com');
    expect(dns.text()).toContain('Red');
    expect(dns.find('[data-testid="section-count"]').text()).toBe('1 record');

    const whois = mounted.byTestId('section-IpWhoIs');
    expect(whois.text()).toContain('EXAMPLE-NET');
    expect(whois.text()).toContain('64500'); // an ASN is an identifier: never "64,500"
    expect(whois.text()).toContain('abuse@example.net');

    expect(mounted.byTestId('section-RelatedObjects').text()).toContain('Related objects in the Red zone');
    expect(mounted.byTestId('section-Industries').text()).toContain('none');
  });

  it('flags a list that holds exactly count records as possibly cut there', async () => {
    const mounted = await mountWithBridge(withCount(1));
    await lookUp(mounted, '203.0.113.45');

    for (const name of ['IpDnsResolutions', 'FilesDownloadedFromIp', 'HostedUrls']) {
      expect(mounted.byTestId(`section-${name}`).text(), name).toContain('1 of at least 1 shown — TIP stops at count=1');
    }
    expect(mounted.byTestId('section-Industries').text()).not.toContain('at least');
  });

  it('does not flag lists shorter than count', async () => {
    const mounted = await mountWithBridge(withCount(100));
    await lookUp(mounted, '203.0.113.45');
    expect(mounted.byTestId('section-IpDnsResolutions').text()).toContain('1 record');
    expect(mounted.wrapper.findAll('[data-testid="section-truncated"]')).toHaveLength(0);
  });

  it('keeps every row of a long list reachable: a window is rendered, scrolling brings the rest', async () => {
    const fake = withCount(250);
    const rows = Array.from({ length: 250 }, (_, i) => ({ Domain: `host${i}.example.com`, Zone: 'Grey', HitsCount: i }));
    fake.api.tip.lookup.mockResolvedValueOnce(ok(ipAnswer({ body: { ...structuredClone(ipExample), IpDnsResolutions: rows } })));
    const mounted = await mountWithBridge(fake);
    await lookUp(mounted, '203.0.113.45');
    await vi.waitFor(() => expect(mounted.byTestId('section-IpDnsResolutions').exists()).toBe(true));

    const dns = mounted.byTestId('section-IpDnsResolutions');
    expect(dns.text()).toContain('250 records');
    expect(dns.text()).toContain('250 of at least 250 shown — TIP stops at count=250');
    expect(dns.find('[data-testid="table-matches"]').text()).toBe('250 rows');
    expect(dns.find('table').attributes('aria-rowcount')).toBe('251');
    expect(dns.findAll('tbody tr[data-row]').length).toBeLessThan(250);
    expect(dns.text()).not.toContain('host249.example.com');

    const scroller = dns.find('.scroller');
    (scroller.element as HTMLElement).scrollTop = 250 * 29;
    await scroller.trigger('scroll');
    expect(mounted.byTestId('section-IpDnsResolutions').text()).toContain('host249.example.com');
  });

  it('says plainly when TIP knows nothing (404 with no body)', async () => {
    const fake = createFakeBridge();
    fake.api.tip.lookup.mockResolvedValueOnce(ok({ status: 404, body: null, durationMs: 80 }));
    const mounted = await mountWithBridge(fake);
    await lookUp(mounted, 'unknown.example.org');
    expect(mounted.byTestId('result-status').text()).toBe('404 Not known to TIP');
    expect(mounted.byTestId('results-area').text()).toContain('TIP knows nothing about this indicator.');
  });

  it('keeps the age of the answer current', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const mounted = await mountWithBridge();
    await lookUp(mounted, '203.0.113.45');
    expect(mounted.byTestId('result-age').text()).toBe('just now');

    vi.advanceTimersByTime(3 * 60_000);
    await flushPromises();
    expect(mounted.byTestId('result-age').text()).toBe('3 min ago');
  });
});
