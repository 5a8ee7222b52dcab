import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { setBridge } from '@renderer/services/bridge';
import { useLookupStore } from '@renderer/stores/lookup';
import { useSettingsStore } from '@renderer/stores/settings';
import { appInfo, createFakeBridge, credentialStatus, ok } from './support/fake-bridge';
import { mountWithBridge, pressKey } from './support/mount-app';

describe('the workbench shell', () => {
  it('renders the lookup bar, results, graph, side panel and status bar', async () => {
    const { byTestId } = await mountWithBridge();
    for (const id of [
      'lookup-input',
      'lookup-type',
      'lookup-submit',
      'lookup-cost',
      'results-area',
      'graph-area',
      'side-panel',
      'status-network',
      'status-version',
      'open-settings',
    ]) {
      expect(byTestId(id).exists(), id).toBe(true);
    }
    expect(byTestId('graph-area').text()).toContain('No case open');
    expect(byTestId('settings-screen').exists()).toBe(false);
  });

  it('shows what main reports: version, demo badge, notices and credential warnings', async () => {
    const fake = createFakeBridge({
      status: credentialStatus({
        warnings: [{ item: 'certificate', level: 'warning', message: 'The certificate expires in 12 days' }],
      }),
    });
    fake.api.app.info.mockResolvedValue(
      ok(appInfo({ version: '9.8.7', demo: true, notices: [{ level: 'warning', message: 'Settings file was unreadable; defaults in use' }] })),
    );
    const { byTestId } = await mountWithBridge(fake);

    expect(byTestId('status-version').text()).toContain('9.8.7');
    expect(byTestId('status-demo').exists()).toBe(true);
    expect(byTestId('status-notices').text()).toContain('Settings file was unreadable');
    expect(byTestId('status-warnings').text()).toContain('The certificate expires in 12 days');
    expect(byTestId('status-network').text()).toBe('Online');
  });

  it('says offline when offline mode is on, and when the browser loses the network', async () => {
    const fake = createFakeBridge();
    fake.state.settings.offline = true;
    const { byTestId, wrapper } = await mountWithBridge(fake);
    expect(byTestId('status-network').text()).toBe('No network calls');

    fake.state.settings.offline = false;
    await useSettingsStore().load();
    Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => false });
    window.dispatchEvent(new Event('offline'));
    await flushPromises();
    expect(byTestId('status-network').text()).toBe('No network');
    Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => true });
    window.dispatchEvent(new Event('online'));
    await flushPromises();
    expect(wrapper.find('[data-testid="status-network"]').text()).toBe('Online');
  });

  it('opens settings from the gear and with Ctrl+, and closes them with Escape', async () => {
    const { byTestId } = await mountWithBridge();
    await byTestId('open-settings').trigger('click');
    expect(byTestId('settings-screen').exists()).toBe(true);
    pressKey('Escape');
    await flushPromises();
    expect(byTestId('settings-screen').exists()).toBe(false);
    pressKey(',', { ctrlKey: true });
    await flushPromises();
    expect(byTestId('settings-screen').exists()).toBe(true);
  });

  it('collapses and expands the side panel', async () => {
    const { byTestId } = await mountWithBridge();
    const toggle = byTestId('side-panel-toggle');
    expect(toggle.attributes('aria-expanded')).toBe('true');
    await toggle.trigger('click');
    expect(toggle.attributes('aria-expanded')).toBe('false');
    expect(byTestId('side-panel').classes()).toContain('collapsed');
  });

  it('still renders, with a plain error, when the bridge is missing', async () => {
    const { byTestId } = await mountWithBridge();
    setBridge(null);
    await useLookupStore().lookup('203.0.113.45', 'auto');
    await flushPromises();
    expect(byTestId('result-error').text()).toContain('The workbench bridge is not available');
  });
});
