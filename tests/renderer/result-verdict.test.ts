import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import VerdictHeader from '@renderer/components/result/VerdictHeader.vue';
import { categoryLabel } from '@renderer/format/verdict';
import { answerRow, example } from './support/answers';
import { createFakeBridge } from './support/fake-bridge';
import { mountWithBridge } from './support/mount-app';
import { answerNext, INPUTS, showAnswer } from './support/result-helpers';

function ipWithScore(score: number) {
  const body = example('ip');
  (body.IpGeneralInfo as Record<string, unknown>).ThreatScore = score;
  return mount(VerdictHeader, { props: { record: answerRow('ip', { body }) } });
}

describe('the threat score', () => {
  it('is a bare number below 50', () => {
    const text = ipWithScore(49).find('[data-testid="verdict-score"]').text();
    expect(text).toContain('49 / 100');
    expect(text).not.toMatch(/suspicious|high/);
  });

  it.each([50, 74])('reads "suspicious (not trusted)" at %i', (score) => {
    const text = ipWithScore(score).find('[data-testid="verdict-score"]').text();
    expect(text).toContain(`${score} / 100`);
    expect(text).toContain('suspicious (not trusted)');
  });

  it('is said to be above the suspicious band from 75, without borrowing a word TIP does not document', () => {
    const wrapper = ipWithScore(75);
    const text = wrapper.find('[data-testid="verdict-score"]').text();
    expect(text).toContain('75 / 100');
    expect(text).toContain('high risk (above suspicious)');
    expect(text).not.toContain('suspicious (not trusted)');
    expect(wrapper.find('[data-testid="verdict-score"] .words').attributes('title')).toMatch(/50–74/);
  });
});

describe('category names', () => {
  it.each([
    ['CATEGORY_MALWARE', 'Malware'],
    ['CATEGORY_BOTNET_CNC', 'Botnet C&C'],
    ['CATEGORY_ADWARE_AND_OTHER', 'Adware and other'],
    ['CATEGORY_PHISHING_URL', 'Phishing URL'],
    ['Something', 'Something'],
  ])('%s reads "%s"', (api, label) => {
    expect(categoryLabel(api)).toBe(label);
  });
});

describe('the verdict header', () => {
  it('shows the zone, status, categories in words and first seen in UTC with local time on hover', async () => {
    const fake = createFakeBridge();
    answerNext(fake, example('ip'));
    const mounted = await mountWithBridge(fake);
    await showAnswer(mounted, INPUTS.ip, 'verdict');

    expect(mounted.byTestId('result-zone').text()).toBe('Orange');
    expect(mounted.byTestId('verdict-score').text()).toContain('68 / 100 suspicious (not trusted)');
    expect(mounted.byTestId('verdict-status').text()).toContain('Known to TIP');
    expect(mounted.byTestId('verdict-categories').text()).toContain('Malware');
    expect(mounted.byTestId('verdict-categories').text()).not.toContain('CATEGORY_MALWARE');
    const firstSeen = mounted.byTestId('verdict-first-seen').find('time');
    expect(firstSeen.text()).toBe('2023-11-02 06:30 UTC');
    expect(firstSeen.attributes('datetime')).toBe('2023-11-02T06:30Z');
    expect(firstSeen.attributes('title')).toMatch(/^Local time: .*2023/);
    expect(mounted.byTestId('verdict-apt').text()).toContain('No related APT reports');
  });

  it('flags APT with the id and title of every related report, and each category with its zone', async () => {
    const fake = createFakeBridge();
    answerNext(fake, example('domain'));
    const mounted = await mountWithBridge(fake);
    await showAnswer(mounted, INPUTS.domain, 'verdict');

    const apt = mounted.byTestId('verdict-apt');
    expect(apt.text()).toContain('Related to APT · 1 report');
    expect(apt.find('code').text()).toBe('00000000aaaabbbbccccdddd');
    expect(apt.text()).toContain('Example APT campaign targets example sector');
    const categories = mounted.byTestId('verdict-categories').findAll('li').map((li) => li.text());
    expect(categories).toEqual(['Malware Red', 'Phishing Red']);
  });

  it("shows a file's signer status and its first and last seen", async () => {
    const fake = createFakeBridge();
    answerNext(fake, example('hash'));
    const mounted = await mountWithBridge(fake);
    await showAnswer(mounted, INPUTS.hash, 'verdict');

    expect(mounted.byTestId('verdict-status').text()).toContain('Not categorized · Example Software Ltd');
    expect(mounted.byTestId('verdict-first-seen').text()).toBe('First seen2024-02-11 08:41 UTC');
    expect(mounted.byTestId('verdict-last-seen').find('time').text()).toBe('2024-05-30 17:05 UTC');
    // The license's token date is one of TIP's dates too: UTC, labelled.
    expect(mounted.byTestId('result-license').text()).toContain('token until 2026-12-31 00:00 UTC');
    // Existing facts stay: HTTP status, age, duration.
    expect(mounted.byTestId('result-status').text()).toBe('200 OK');
    expect(mounted.byTestId('result-age').text()).toBe('just now');
  });

  it('writes dates in the sections in UTC too, local time on hover', async () => {
    const fake = createFakeBridge();
    answerNext(fake, example('ip'));
    const mounted = await mountWithBridge(fake);
    await showAnswer(mounted, INPUTS.ip, 'section-IpDnsResolutions');

    const times = mounted.byTestId('section-IpDnsResolutions').findAll('tbody time');
    expect(times.map((t) => t.text())).toEqual(['2024-04-01 09:00 UTC', '2024-05-30 17:00 UTC', '2024-05-02 00:00 UTC']);
    for (const time of times) expect(time.attributes('title')).toMatch(/^Local time: /);
  });
});

describe('a reserved address', () => {
  it('says why only four sections came back', async () => {
    const fake = createFakeBridge();
    answerNext(fake, {
      LicenseInfo: { AccessType: 'Commercial', DayRequests: 1, DayQuota: 100, TokenExpirationDate: null },
      Zone: 'Grey',
      IpGeneralInfo: { Ip: '10.1.2.3', HitsCount: 0, FirstSeen: null, ThreatScore: 0, CountryCode: null, Status: 'Reserved', Categories: [], HasApt: false, RelatedAptReports: [] },
      IpWhoIs: { Net: { RangeStart: '10.0.0.0', RangeEnd: '10.255.255.255', Name: 'IANA-RESERVED', Description: 'Private-Use Networks (RFC 1918)' } },
    });
    const mounted = await mountWithBridge(fake);
    await showAnswer(mounted, '10.1.2.3', 'result-reserved');

    const note = mounted.byTestId('result-reserved');
    expect(note.attributes('role')).toBe('note');
    expect(note.text()).toContain('A reserved address (RFC 6890).');
    expect(note.text()).toContain('TIP answers only with its zone, general information and WHOIS');
    expect(mounted.byTestId('verdict-status').text()).toContain('Reserved address (RFC 6890)');
    expect(mounted.byTestId('verdict-first-seen').exists()).toBe(false);
  });

  it('is not claimed for a known address', async () => {
    const fake = createFakeBridge();
    answerNext(fake, example('ip'));
    const mounted = await mountWithBridge(fake);
    await showAnswer(mounted, INPUTS.ip, 'verdict');
    expect(mounted.byTestId('result-reserved').exists()).toBe(false);
  });
});
