import { describe, expect, it } from 'vitest';
import type { LookupType } from '@shared/tip/types';
import { example } from './support/answers';
import { createFakeBridge } from './support/fake-bridge';
import { mountWithBridge, type Mounted } from './support/mount-app';
import { answerNext, INPUTS, showAnswer } from './support/result-helpers';

async function whoisOf(type: LookupType, section: string): Promise<{ mounted: Mounted; pairs: Map<string, string> }> {
  const fake = createFakeBridge();
  answerNext(fake, example(type));
  const mounted = await mountWithBridge(fake);
  await showAnswer(mounted, INPUTS[type], `section-${section}`);
  const record = mounted.byTestId(`section-${section}`).find('[data-testid="whois-record"]');
  const pairs = new Map<string, string>();
  // The record's own facts (the first list), term → description, as a reader meets them.
  const first = record.find('dl');
  for (const pair of first.findAll('.pair')) pairs.set(pair.find('dt').text(), pair.find('dd').text());
  return { mounted, pairs };
}

describe('WHOIS', () => {
  it("of an IP is a record: network, range, dates in UTC, ASN, and contacts by role", async () => {
    const { mounted, pairs } = await whoisOf('ip', 'IpWhoIs');
    expect(pairs.get('Network')).toBe('EXAMPLE-NET — Documentation range (TEST-NET-3)');
    expect(pairs.get('Range')).toBe('203.0.113.0 – 203.0.113.255');
    expect(pairs.get('Network created')).toBe('2010-01-01 00:00 UTC');
    expect(pairs.get('Network changed')).toBe('2023-06-01 00:00 UTC');
    // An ASN is an identifier: never "64,500".
    expect(pairs.get('ASN')).toBe('AS64500 — EXAMPLE-AS Example Hosting');

    const section = mounted.byTestId('section-IpWhoIs');
    const contacts = section.findAll('[data-testid="whois-contact"]');
    expect(contacts).toHaveLength(1);
    expect(contacts[0]?.find('h4').text()).toBe('Abuse contact');
    expect(contacts[0]?.text()).toContain('abuse@example.net');
    expect(contacts[0]?.findAll('li').map((li) => li.text())).toEqual(['1 Example Street', 'Example City']);
    // Empty fields (Fax: null) are left out, and nothing is a raw nested table.
    expect(contacts[0]?.text()).not.toContain('Fax');
    expect(section.find('table').exists()).toBe(false);
  });

  it('of a domain is a record: registrar, dates, name servers to pivot to, statuses, registrant', async () => {
    const { mounted, pairs } = await whoisOf('domain', 'DomainWhoIsInfo');
    expect(pairs.get('Domain')).toBe('example.com');
    expect(pairs.get('Registrar')).toBe('Example Registrar, Inc. · IANA id 9999 · abuse@example.net');
    expect(pairs.get('Registered by')).toBe('Example Registrar, Inc.');
    expect(pairs.get('Created')).toBe('2019-03-14 00:00 UTC');
    expect(pairs.get('Updated')).toBe('2024-01-10 12:30 UTC');
    expect(pairs.get('Expires')).toBe('2025-03-14 00:00 UTC');
    expect(pairs.get('Status')).toBe('clientTransferProhibited https://icann.org/epp#clientTransferProhibited');

    const section = mounted.byTestId('section-DomainWhoIsInfo');
    const servers = section.findAll('button[aria-label^="Pivot to ns"]').map((b) => b.attributes('aria-label'));
    expect(servers).toEqual(['Pivot to ns1.example.net', 'Pivot to ns2.example.net']);
    expect(section.find('[data-testid="whois-contact"] h4').text()).toBe('Registrant contact');
    expect(section.find('[data-testid="whois-contact"]').text()).toContain('Privacy Service');
    for (const time of section.findAll('time')) expect(time.attributes('title')).toMatch(/^Local time: /);
  });

  it("of a URL's host is the same record, with no contacts when TIP has none", async () => {
    const { mounted, pairs } = await whoisOf('url', 'UrlDomainWhoIs');
    expect(pairs.get('Domain')).toBe('example.com');
    const servers = mounted.byTestId('section-UrlDomainWhoIs').findAll('dd li .mono').map((li) => li.text());
    expect(servers).toEqual(['example.com', 'ns1.example.net', 'ns2.example.net']);
    expect(pairs.has('Name servers')).toBe(true);
    expect(mounted.byTestId('section-UrlDomainWhoIs').findAll('[data-testid="whois-contact"]')).toHaveLength(0);
  });
});
