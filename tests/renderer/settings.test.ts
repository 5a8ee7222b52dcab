import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '@shared/settings';
import { createFakeBridge, failure } from './support/fake-bridge';
import { mountWithBridge, type Mounted } from './support/mount-app';

async function openSettings(mounted: Mounted): Promise<void> {
  await mounted.byTestId('open-settings').trigger('click');
  await flushPromises();
}

function inputValue(mounted: Mounted, id: string): string {
  return (mounted.byTestId(id).element as HTMLInputElement).value;
}

describe('the settings screen', () => {
  it('shows the values main holds', async () => {
    const fake = createFakeBridge({
      settings: {
        ...defaultSettings(),
        tipBaseUrl: 'https://127.0.0.1:8443',
        defaultCount: 250,
        offline: true,
        theme: 'dark',
        defaultSections: { ip: ['IpGeneralInfo', 'IpDnsResolutions'], domain: [], url: [], hash: [] },
      },
    });
    const mounted = await mountWithBridge(fake);
    await openSettings(mounted);

    expect(inputValue(mounted, 'settings-base-url')).toBe('https://127.0.0.1:8443');
    expect(inputValue(mounted, 'settings-count')).toBe('250');
    expect((mounted.byTestId('settings-offline').element as HTMLInputElement).checked).toBe(true);
    expect((mounted.byTestId('settings-theme').element as HTMLSelectElement).value).toBe('dark');
    const ipGeneral = mounted.byTestId('settings-section-ip-IpGeneralInfo').element as HTMLInputElement;
    const ipWhois = mounted.byTestId('settings-section-ip-IpWhoIs').element as HTMLInputElement;
    expect(ipGeneral.checked).toBe(true);
    expect(ipWhois.checked).toBe(false);
    expect(mounted.byTestId('settings-sections-domain').text()).toContain('All sections');
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it('saves a changed value through settings.set and says it is saved', async () => {
    const mounted = await mountWithBridge();
    await openSettings(mounted);
    expect(mounted.byTestId('settings-save').attributes('disabled')).toBeDefined();

    await mounted.byTestId('settings-count').setValue('250');
    await mounted.byTestId('settings-section-hash-DetectionsInfo').setValue(true);
    await mounted.byTestId('settings-save').trigger('click');
    await flushPromises();

    expect(mounted.fake.api.settings.set).toHaveBeenCalledWith({
      defaultCount: 250,
      defaultSections: { hash: ['DetectionsInfo'] },
    });
    expect(mounted.byTestId('settings-saved').text()).toContain('Saved');
    expect(mounted.fake.state.settings.defaultCount).toBe(250);
  });

  it('applies a saved theme to the page', async () => {
    const mounted = await mountWithBridge();
    await openSettings(mounted);
    await mounted.byTestId('settings-theme').setValue('dark');
    await mounted.byTestId('settings-save').trigger('click');
    await flushPromises();
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it('refuses a base URL that is not https, before anything is sent', async () => {
    const mounted = await mountWithBridge();
    await openSettings(mounted);
    await mounted.byTestId('settings-base-url').setValue('http://tip.example.com');

    expect(mounted.byTestId('settings-base-url').attributes('aria-invalid')).toBe('true');
    expect(mounted.wrapper.text()).toContain('The address must start with https://');
    expect(mounted.byTestId('settings-save').attributes('disabled')).toBeDefined();
    await mounted.byTestId('settings-save').trigger('click');
    expect(mounted.fake.api.settings.set).not.toHaveBeenCalled();
  });

  it('refuses a count outside 1–1000', async () => {
    const mounted = await mountWithBridge();
    await openSettings(mounted);
    await mounted.byTestId('settings-count').setValue('1001');
    expect(mounted.byTestId('settings-count').attributes('aria-invalid')).toBe('true');
    expect(mounted.byTestId('settings-save').attributes('disabled')).toBeDefined();
  });

  it('shows main’s error when saving fails, and keeps the typed value', async () => {
    const fake = createFakeBridge();
    fake.api.settings.set.mockResolvedValueOnce(
      failure({ code: 'STORAGE', message: 'The settings file could not be written.', retryable: true }),
    );
    const mounted = await mountWithBridge(fake);
    await openSettings(mounted);
    await mounted.byTestId('settings-count').setValue('300');
    await mounted.byTestId('settings-save').trigger('click');
    await flushPromises();

    const error = mounted.byTestId('settings-error');
    expect(error.text()).toContain('STORAGE');
    expect(error.text()).toContain('The settings file could not be written.');
    expect(mounted.byTestId('settings-saved').exists()).toBe(false);
    expect(inputValue(mounted, 'settings-count')).toBe('300');
  });

  it('shows the saved values again after the app reloads them', async () => {
    const fake = createFakeBridge();
    const first = await mountWithBridge(fake);
    await openSettings(first);
    await first.byTestId('settings-base-url').setValue('https://tip.example.org');
    await first.byTestId('settings-save').trigger('click');
    await flushPromises();
    first.wrapper.unmount();

    const second = await mountWithBridge(fake);
    await openSettings(second);
    expect(inputValue(second, 'settings-base-url')).toBe('https://tip.example.org');
  });
});
