import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import DataTable from '@renderer/components/result/DataTable.vue';
import { useCopyRefanged } from '@renderer/composables/use-clipboard';
import { setBridge } from '@renderer/services/bridge';
import { example } from './support/answers';
import { createFakeBridge, ipExample } from './support/fake-bridge';
import { mountWithBridge, settle } from './support/mount-app';
import { answerNext, INPUTS, showAnswer, stubClipboard } from './support/result-helpers';

const mounted: VueWrapper[] = [];
afterEach(() => {
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
  useCopyRefanged().value = false;
  setBridge(null);
});

function mountTable(rows: unknown[], label = 'DNS resolutions for IP address') {
  setBridge(createFakeBridge().api);
  setActivePinia(createPinia());
  const wrapper = mount(DataTable, { props: { rows, label }, attachTo: document.body });
  mounted.push(wrapper);
  return wrapper;
}

const RESOLUTIONS = [
  { Domain: 'b.example.com', Zone: 'Red', HitsCount: 10, FirstSeen: '2024-04-01T09:00Z' },
  { Domain: 'a.example.com', Zone: 'Grey', HitsCount: 1000, FirstSeen: '2024-03-01T09:00Z' },
  { Domain: 'c.example.org', Zone: 'Green', HitsCount: 9, FirstSeen: null },
];

function domains(wrapper: VueWrapper): string[] {
  return wrapper.findAll('tbody tr[data-row]').map((tr) => tr.findAll('td')[1]?.text() ?? '');
}

function header(wrapper: VueWrapper, column: string) {
  const th = wrapper.findAll('thead th').find((cell) => cell.text().startsWith(column));
  if (!th) throw new Error(`no column ${column}`);
  return th;
}

describe('a list section table', () => {
  it('sorts by any column from its header button, saying so with aria-sort, and back to TIP order', async () => {
    const table = mountTable(RESOLUTIONS);
    expect(domains(table)).toEqual(['b.example.com', 'a.example.com', 'c.example.org']);

    await header(table, 'HitsCount').find('button').trigger('click');
    expect(header(table, 'HitsCount').attributes('aria-sort')).toBe('ascending');
    expect(domains(table)).toEqual(['c.example.org', 'b.example.com', 'a.example.com']);

    await header(table, 'HitsCount').find('button').trigger('click');
    expect(header(table, 'HitsCount').attributes('aria-sort')).toBe('descending');
    expect(domains(table)).toEqual(['a.example.com', 'b.example.com', 'c.example.org']);

    // Text sorts as text; an empty cell goes last whichever way.
    await header(table, 'FirstSeen').find('button').trigger('click');
    expect(header(table, 'HitsCount').attributes('aria-sort')).toBeUndefined();
    expect(domains(table)).toEqual(['a.example.com', 'b.example.com', 'c.example.org']);
    await header(table, 'FirstSeen').find('button').trigger('click');
    expect(domains(table)).toEqual(['b.example.com', 'a.example.com', 'c.example.org']);

    // Zones sort by severity, not by spelling: descending puts Red first.
    await header(table, 'Zone').find('button').trigger('click');
    await header(table, 'Zone').find('button').trigger('click');
    expect(header(table, 'Zone').attributes('aria-sort')).toBe('descending');
    expect(domains(table)).toEqual(['b.example.com', 'a.example.com', 'c.example.org']);
    await header(table, 'Zone').find('button').trigger('click');
    expect(header(table, 'Zone').attributes('aria-sort')).toBeUndefined();
    expect(domains(table)).toEqual(['b.example.com', 'a.example.com', 'c.example.org']);
    // The # column keeps TIP's rank whatever the order.
    expect(table.findAll('tbody tr[data-row] td.index').map((td) => td.text())).toEqual(['1', '2', '3']);
  });

  it('filters rows by any value from a text box named after the section, defanged text included', async () => {
    const table = mountTable(RESOLUTIONS);
    const filter = table.find('input[aria-label="Filter DNS resolutions for IP address"]');
    expect(filter.attributes('type')).toBe('text');

    await filter.setValue('example[.]org');
    expect(domains(table)).toEqual(['c.example.org']);
    expect(table.find('[data-testid="table-matches"]').text()).toBe('1 of 3 rows match');
    expect(table.find('table').attributes('aria-rowcount')).toBe('2');

    await filter.setValue('grey');
    expect(domains(table)).toEqual(['a.example.com']);
    await filter.setValue('nothing like it');
    expect(domains(table)).toEqual([]);
    expect(table.text()).toContain('No row matches “nothing like it”.');
    await filter.setValue('');
    expect(table.find('[data-testid="table-matches"]').text()).toBe('3 rows');
  });

  it('renders a window of a 1,000-row list, tells assistive technology the true size, and scrolls to later rows', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ Domain: `host${i}.example.com`, Zone: 'Grey', HitsCount: 1000 - i }));
    const table = mountTable(rows);

    const rendered = table.findAll('tbody tr[data-row]');
    expect(rendered.length).toBeGreaterThan(10);
    expect(rendered.length).toBeLessThan(60);
    // aria-rowcount counts every row of the table: 1,000 records and the header row.
    expect(table.find('table').attributes('aria-rowcount')).toBe('1001');
    expect(rendered[0]?.attributes('aria-rowindex')).toBe('2');
    expect(table.text()).not.toContain('host999.example.com');

    const scroller = table.find('.scroller');
    (scroller.element as HTMLElement).scrollTop = 29 * 990;
    await scroller.trigger('scroll');
    await flushPromises();
    const later = table.findAll('tbody tr[data-row]');
    expect(later.length).toBeLessThan(60);
    expect(table.text()).toContain('host999.example.com');
    expect(table.text()).not.toContain('host0.example.com');
    expect(later.at(-1)?.attributes('aria-rowindex')).toBe('1001');
    // The space of the rows not rendered is kept, so the scrollbar measures the whole list.
    const pad = table.find('tbody tr.pad td').element as HTMLElement;
    expect(Number.parseInt(pad.style.height, 10)).toBeGreaterThan(29 * 900);
  });

  it('copies a row and the filtered rows defanged by default, refanged on request', async () => {
    const writeText = stubClipboard();
    const table = mountTable([
      { Url: 'http://bad.example.com/dl/payload.exe', Ip: '203.0.113.45', Zone: 'Red' },
      { Url: 'cdn.example.net/kit/landing', Ip: '198.51.100.7', Zone: 'Orange' },
    ], 'Hosted URLs');

    await table.find('button[aria-label="Copy row 1 of Hosted URLs"]').trigger('click');
    await flushPromises();
    expect(writeText).toHaveBeenLastCalledWith('Url\tIp\tZone\nhxxp[:]//bad[.]example[.]com/dl/payload.exe\t203[.]0[.]113[.]45\tRed');
    expect(table.find('[data-testid="table-copied"]').text()).toBe('Copied row 1, defanged');

    await table.find('input[aria-label="Filter Hosted URLs"]').setValue('orange');
    await table.find('button[aria-label="Copy rows of Hosted URLs"]').trigger('click');
    await flushPromises();
    expect(writeText).toHaveBeenLastCalledWith('Url\tIp\tZone\ncdn[.]example[.]net/kit/landing\t198[.]51[.]100[.]7\tOrange');

    const toggle = table.find('input[type="checkbox"]');
    expect(table.find(`label[for="${toggle.attributes('id')}"]`).text()).toBe('Copy refanged');
    await toggle.setValue(true);
    await table.find('input[aria-label="Filter Hosted URLs"]').setValue('');
    await table.find('button[aria-label="Copy rows of Hosted URLs"]').trigger('click');
    await flushPromises();
    expect(writeText).toHaveBeenLastCalledWith(
      'Url\tIp\tZone\nhttp://bad.example.com/dl/payload.exe\t203.0.113.45\tRed\ncdn.example.net/kit/landing\t198.51.100.7\tOrange',
    );
    expect(table.find('[data-testid="table-copied"]').text()).toBe('Copied 2 rows, refanged');
  });

  it('offers a pivot on every cell that holds an indicator, and on none that does not', () => {
    const table = mountTable(example('hash').FileDownloadedFromUrls as unknown[], 'Downloaded from URLs');
    const names = table.findAll('button[data-testid="pivot"]').map((b) => b.attributes('aria-label'));
    expect(names).toEqual(['Pivot to dl.example.com/files/invoice_0423.exe', 'Pivot to example.com']);
  });
});

describe('pivoting from an answer', () => {
  it('looks the indicator up as its own type through the bridge', async () => {
    const fake = createFakeBridge();
    answerNext(fake, example('ip'));
    const mounted = await mountWithBridge(fake);
    await showAnswer(mounted, INPUTS.ip, 'section-IpDnsResolutions');
    const calls = fake.api.tip.lookup.mock.calls.length;

    const section = mounted.byTestId('section-FilesDownloadedFromIp');
    await section.find('button[aria-label="Pivot to 0A1B2C3D4E5F60718293A4B5C6D7E8F9"]').trigger('click');
    await settle();
    expect(fake.api.tip.lookup.mock.calls.length).toBe(calls + 1);
    expect(fake.api.tip.lookup.mock.calls.at(-1)?.[0]).toMatchObject({ type: 'hash', value: '0a1b2c3d4e5f60718293a4b5c6d7e8f9' });
  });

  it('answers from the store when the indicator was looked up recently: no quota spent', async () => {
    const fake = createFakeBridge();
    answerNext(fake, example('domain'));
    answerNext(fake, example('ip'));
    const mounted = await mountWithBridge(fake);
    await showAnswer(mounted, INPUTS.domain, 'section-DomainDnsResolutions');
    await showAnswer(mounted, INPUTS.ip, 'section-IpDnsResolutions');
    expect(fake.api.tip.lookup).toHaveBeenCalledTimes(2);

    await mounted.byTestId('section-IpDnsResolutions').find('button[aria-label="Pivot to bad.example.com"]').trigger('click');
    await settle();
    expect(fake.api.tip.lookup).toHaveBeenCalledTimes(2);
    expect(mounted.byTestId('result-indicator').text()).toBe('bad.example.com');
    expect(mounted.byTestId('result-source').text()).toContain('Stored');
  });
});

describe('a list TIP may have cut at count', () => {
  it('says "N of at least N shown" when the list holds exactly count records', async () => {
    const fake = createFakeBridge();
    fake.state.settings.defaultCount = 1000;
    const rows = Array.from({ length: 1000 }, (_, i) => ({ Domain: `host${i}.example.com`, Zone: 'Grey', HitsCount: i }));
    answerNext(fake, { ...structuredClone(ipExample), IpDnsResolutions: rows });
    const mounted = await mountWithBridge(fake);
    await showAnswer(mounted, INPUTS.ip, 'section-IpDnsResolutions');

    const dns = mounted.byTestId('section-IpDnsResolutions');
    expect(dns.find('[data-testid="section-truncated"]').text()).toBe('1,000 of at least 1,000 shown — TIP stops at count=1000');
    expect(dns.find('[data-testid="section-count"]').text()).toBe('1,000 records');
    expect(dns.find('h3').text()).toContain('1,000 of at least 1,000 shown');
    expect(dns.findAll('tbody tr[data-row]').length).toBeLessThan(60);
    expect(dns.find('table').attributes('aria-rowcount')).toBe('1001');
    // Lists TIP never cuts, and shorter lists, are not flagged.
    expect(mounted.byTestId('section-HostedUrls').find('[data-testid="section-truncated"]').exists()).toBe(false);
  });
});
