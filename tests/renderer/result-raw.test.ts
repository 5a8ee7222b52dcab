import { flushPromises } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { db } from '@renderer/db/database';
import { ingestLookups } from '@renderer/db/ingest';
import { useLookupStore } from '@renderer/stores/lookup';
import { answerRow, example } from './support/answers';
import { createFakeBridge } from './support/fake-bridge';
import { mountWithBridge } from './support/mount-app';
import { answerNext, INPUTS, showAnswer, stubClipboard } from './support/result-helpers';

describe('the raw answer', () => {
  it('shows the JSON as TIP sent it, pretty-printed, and copies it as is', async () => {
    const writeText = stubClipboard();
    const fake = createFakeBridge();
    const body = example('domain');
    answerNext(fake, body);
    const mounted = await mountWithBridge(fake);
    await showAnswer(mounted, INPUTS.domain, 'section-DomainDnsResolutions');

    const toggle = mounted.byTestId('result-raw-toggle');
    expect(toggle.text()).toBe('Raw JSON');
    expect(toggle.attributes('aria-pressed')).toBe('false');
    await toggle.trigger('click');
    expect(mounted.byTestId('result-raw-toggle').attributes('aria-pressed')).toBe('true');
    expect(mounted.byTestId('section-DomainDnsResolutions').exists()).toBe(false);

    const text = mounted.byTestId('raw-text').text();
    expect(JSON.parse(text)).toEqual(body);
    expect(text).toContain('\n  "Zone": "Red",');

    await mounted.byTestId('raw-copy').trigger('click');
    await flushPromises();
    // Raw is data for other tools: copied exactly, never defanged.
    expect(writeText).toHaveBeenCalledWith(JSON.stringify(body, null, 2));

    await mounted.byTestId('result-sections-toggle').trigger('click');
    expect(mounted.byTestId('section-DomainDnsResolutions').exists()).toBe(true);
  });

  it('saves the JSON through main as a json file named after the lookup', async () => {
    const fake = createFakeBridge();
    answerNext(fake, example('ip'));
    const mounted = await mountWithBridge(fake);
    await showAnswer(mounted, INPUTS.ip, 'section-IpDnsResolutions');
    await mounted.byTestId('result-raw-toggle').trigger('click');
    await mounted.byTestId('raw-save').trigger('click');
    await flushPromises();

    expect(fake.api.cases.saveFile).toHaveBeenCalledTimes(1);
    const request = fake.api.cases.saveFile.mock.calls[0]?.[0];
    expect(request?.kind).toBe('json');
    expect(request?.suggestedName).toMatch(/^tip-ip-203\.0\.113\.45-\d{8}-\d{4}$/);
    expect(JSON.parse(request?.content ?? '')).toEqual(example('ip'));
    expect(mounted.byTestId('result-raw').text()).toContain(`Saved ${request?.suggestedName}`);
  });

  it('shows a STIX answer as its bundle, with nothing to lay out as sections, and saves it as STIX', async () => {
    const bundle = { type: 'bundle', id: 'bundle--6f8a7c2e-0000-4000-8000-000000000001', objects: [{ type: 'ipv4-addr', id: 'ipv4-addr--1', value: '203.0.113.45' }] };
    const row = answerRow('ip', { body: bundle, params: { format: 'stix' } });
    const fake = createFakeBridge();
    const mounted = await mountWithBridge(fake);
    await ingestLookups(db(), [row]);
    useLookupStore(mounted.pinia).showStored(row);
    await vi.waitFor(() => {
      if (!mounted.byTestId('raw-text').exists()) throw new Error('no raw text yet');
    });

    expect(mounted.byTestId('result-raw-toggle').text()).toBe('Raw STIX');
    expect(mounted.byTestId('result-sections-toggle').exists()).toBe(false);
    expect(mounted.byTestId('results-area').text()).toContain('TIP answered in STIX 2.1');
    expect(JSON.parse(mounted.byTestId('raw-text').text())).toEqual(bundle);
    await mounted.byTestId('raw-save').trigger('click');
    await flushPromises();
    expect(fake.api.cases.saveFile.mock.calls[0]?.[0].kind).toBe('stix');
  });
});
