import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '@shared/settings';
import { createFakeBridge, extraCaInfo, failure, networkStatus, ok } from './support/fake-bridge';
import { mountWithBridge, type Mounted } from './support/mount-app';

const PROXY_PASSWORD = 'proxy-horse-battery-staple-88';

async function openSettings(mounted: Mounted): Promise<void> {
  await mounted.byTestId('open-settings').trigger('click');
  await flushPromises();
}

function fieldValue(mounted: Mounted, id: string): string {
  return (mounted.byTestId(id).element as HTMLInputElement).value;
}

/** The element a label, aria-label or aria-labelledby names: how a screen reader finds a control. */
function accessibleName(node: Node): string {
  const element = node as Element;
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) return labelledBy.split(' ').map((id) => document.getElementById(id)?.textContent?.trim() ?? '').join(' ');
  const label = element.getAttribute('aria-label');
  if (label) return label;
  const wrapping = element.closest('label');
  if (wrapping) return wrapping.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  return element.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

function section(mounted: Mounted) {
  return mounted.wrapper.find('#settings-network');
}

describe('the Network settings section', () => {
  it('offers the three proxy modes as one named radio group and shows what the system proxy is', async () => {
    const fake = createFakeBridge({
      network: networkStatus({ proxy: { system: { url: 'http://proxy.corp.example:3128', noProxy: 'intranet.example' } } }),
    });
    const mounted = await mountWithBridge(fake);
    await openSettings(mounted);
    const group = section(mounted).find('[role="radiogroup"]');
    expect(accessibleName(group.element)).toBe('Proxy');
    const radios = group.findAll('input[type="radio"]');
    expect(radios.map((radio) => accessibleName(radio.element))).toEqual([
      'Use the system proxy (HTTPS_PROXY)',
      'Manual',
      'No proxy',
    ]);
    expect((radios[0]?.element as HTMLInputElement).checked).toBe(true);
    expect(mounted.byTestId('net-proxy-system').text()).toContain('HTTPS_PROXY: http://proxy.corp.example:3128 · NO_PROXY: intranet.example');
    // The radio says where its proxy comes from.
    expect(radios[0]?.attributes('aria-describedby')).toBe('net-proxy-system');
  });

  it('says "none set" when the environment names no proxy', async () => {
    const mounted = await mountWithBridge();
    await openSettings(mounted);
    expect(mounted.byTestId('net-proxy-system').text()).toContain('HTTPS_PROXY: none set');
    expect(mounted.byTestId('net-proxy-in-force').text()).toBe('Lookups go directly to TIP.');
  });

  it('saves a manual proxy through main, after checking the address as main would', async () => {
    const mounted = await mountWithBridge();
    await openSettings(mounted);
    expect(mounted.byTestId('net-proxy-url').exists()).toBe(false);
    await mounted.byTestId('net-mode-manual').setValue(true);
    const url = mounted.byTestId('net-proxy-url');
    expect(accessibleName(url.element)).toMatch(/^Proxy address/);
    expect(accessibleName(mounted.byTestId('net-no-proxy').element)).toMatch(/^No proxy for/);
    expect(mounted.byTestId('net-proxy-save').attributes('disabled')).toBeDefined();

    await url.setValue('http://corp-user:hunter2@proxy.corp.example:3128');
    expect(url.attributes('aria-invalid')).toBe('true');
    expect(mounted.wrapper.find('#net-proxy-url-help').text()).toMatch(/Leave the user name and password out.*Proxy credentials/);
    expect(mounted.byTestId('net-proxy-save').attributes('disabled')).toBeDefined();

    await url.setValue('https://proxy.corp.example:3128');
    expect(mounted.wrapper.find('#net-proxy-url-help').text()).toMatch(/Only http:\/\/ proxies are supported/);

    await url.setValue('proxy.corp.example:3128');
    await mounted.byTestId('net-no-proxy').setValue('intranet.example, .corp.example');
    expect(url.attributes('aria-invalid')).toBe('false');
    await mounted.byTestId('net-proxy').trigger('submit');
    await flushPromises();
    expect(mounted.fake.api.settings.set).toHaveBeenCalledWith({
      proxyMode: 'manual',
      proxyUrl: 'proxy.corp.example:3128',
      noProxy: 'intranet.example, .corp.example',
    });
    expect(mounted.byTestId('net-notice').text()).toBe('Proxy settings saved');
    expect(mounted.fake.state.settings.proxyMode).toBe('manual');
  });

  it('shows main\'s refusal of the proxy settings, with its message', async () => {
    const fake = createFakeBridge();
    fake.api.settings.set.mockResolvedValueOnce(
      failure({ code: 'INVALID_INPUT', message: 'A manual proxy needs its address (http://host:port), or choose another proxy option.', retryable: false }),
    );
    const mounted = await mountWithBridge(fake);
    await openSettings(mounted);
    await mounted.byTestId('net-mode-manual').setValue(true);
    await mounted.byTestId('net-proxy-url').setValue('http://proxy.corp.example:3128');
    await mounted.byTestId('net-proxy').trigger('submit');
    await flushPromises();
    expect(mounted.byTestId('net-error').text()).toContain('A manual proxy needs its address');
  });

  it('does not throw away unsaved edits in the form above when the proxy is saved', async () => {
    const mounted = await mountWithBridge();
    await openSettings(mounted);
    await mounted.byTestId('settings-count').setValue(321);
    await mounted.byTestId('net-mode-off').setValue(true);
    await mounted.byTestId('net-proxy').trigger('submit');
    await flushPromises();
    expect(mounted.fake.api.settings.set).toHaveBeenLastCalledWith({ proxyMode: 'off' });
    expect(fieldValue(mounted, 'settings-count')).toBe('321');
  });

  it('keeps a proxy address being typed when the form above saves other settings', async () => {
    const mounted = await mountWithBridge();
    await openSettings(mounted);
    await mounted.byTestId('net-mode-manual').setValue(true);
    await mounted.byTestId('net-proxy-url').setValue('http://proxy.corp.example:3128');
    await mounted.byTestId('settings-count').setValue(321);
    await mounted.byTestId('settings-save').trigger('click');
    await flushPromises();
    expect(mounted.fake.api.settings.set).toHaveBeenLastCalledWith({ defaultCount: 321 });
    expect((mounted.byTestId('net-mode-manual').element as HTMLInputElement).checked).toBe(true);
    expect(fieldValue(mounted, 'net-proxy-url')).toBe('http://proxy.corp.example:3128');
    expect(mounted.byTestId('net-proxy-save').attributes('disabled')).toBeUndefined();
  });

  it('sends the proxy password once, clears it, keeps it nowhere, and says only that one is stored', async () => {
    const mounted = await mountWithBridge();
    await openSettings(mounted);
    expect(accessibleName(mounted.byTestId('net-proxy-user').element)).toBe('Proxy user name');
    expect(accessibleName(mounted.byTestId('net-proxy-password').element)).toBe('Proxy password');
    expect(mounted.byTestId('net-proxy-password').attributes('type')).toBe('password');
    expect(mounted.byTestId('net-proxy-credentials-remove').exists()).toBe(false);

    await mounted.byTestId('net-proxy-user').setValue('corp-user');
    await mounted.byTestId('net-proxy-password').setValue(PROXY_PASSWORD);
    expect(accessibleName(mounted.byTestId('net-proxy-credentials-save').element)).toBe('Save proxy credentials');
    await mounted.byTestId('net-proxy-credentials').trigger('submit');
    await flushPromises();

    expect(mounted.fake.api.network.setProxyCredentials).toHaveBeenCalledTimes(1);
    expect(mounted.fake.api.network.setProxyCredentials).toHaveBeenCalledWith({ user: 'corp-user', password: PROXY_PASSWORD });
    expect(fieldValue(mounted, 'net-proxy-password')).toBe('');
    expect(JSON.stringify(mounted.pinia.state.value)).not.toContain(PROXY_PASSWORD);
    expect(mounted.wrapper.html()).not.toContain(PROXY_PASSWORD);
    expect(mounted.byTestId('net-proxy-password-state').text()).toBe('A password is stored');

    const remove = mounted.byTestId('net-proxy-credentials-remove');
    expect(accessibleName(remove.element)).toBe('Remove proxy credentials');
    await remove.trigger('click');
    await flushPromises();
    expect(mounted.fake.api.network.deleteProxyCredentials).toHaveBeenCalledTimes(1);
    expect(mounted.byTestId('net-proxy-password-state').text()).toBe('No password stored');
    expect(fieldValue(mounted, 'net-proxy-user')).toBe('');
  });

  it('clears the proxy password even when main refuses it, and shows why', async () => {
    const fake = createFakeBridge();
    fake.api.network.setProxyCredentials.mockResolvedValueOnce(
      failure({ code: 'KEYCHAIN_UNAVAILABLE', message: 'The system keychain is locked.', retryable: true }),
    );
    const mounted = await mountWithBridge(fake);
    await openSettings(mounted);
    await mounted.byTestId('net-proxy-user').setValue('corp-user');
    await mounted.byTestId('net-proxy-password').setValue(PROXY_PASSWORD);
    await mounted.byTestId('net-proxy-credentials').trigger('submit');
    await flushPromises();
    expect(fieldValue(mounted, 'net-proxy-password')).toBe('');
    expect(mounted.byTestId('net-error').text()).toContain('The system keychain is locked.');
    expect(JSON.stringify(mounted.pinia.state.value)).not.toContain(PROXY_PASSWORD);
  });

  it('adds a CA certificate through main\'s dialog and lists subject, issuer, expiry and fingerprint', async () => {
    const mounted = await mountWithBridge();
    await openSettings(mounted);
    expect(mounted.byTestId('net-ca-none').text()).toMatch(/No extra CA certificates/);
    const add = mounted.byTestId('net-add-ca');
    expect(accessibleName(add.element)).toBe('Add CA certificate…');
    await add.trigger('click');
    await flushPromises();

    expect(mounted.fake.api.network.chooseCa).toHaveBeenCalledWith();
    const ca = extraCaInfo();
    const list = mounted.byTestId('net-ca-list');
    expect(accessibleName(list.element)).toBe('Extra CA certificates');
    expect(mounted.byTestId('net-ca-subject').text()).toBe(ca.subject);
    expect(list.text()).toContain(ca.issuer);
    expect(mounted.byTestId('net-ca-expiry').text()).toBe('expires in 1500 days');
    expect(mounted.byTestId('net-ca-fingerprint').text()).toBe(ca.fingerprint256);
    expect(mounted.byTestId('net-notice').text()).toBe('CA certificate added');

    const remove = list.find('button');
    expect(accessibleName(remove.element)).toBe('Remove CA certificate Corp Inspection CA');
    await remove.trigger('click');
    await flushPromises();
    expect(mounted.fake.api.network.removeCa).toHaveBeenCalledWith({ fingerprint256: ca.fingerprint256 });
    expect(mounted.byTestId('net-ca-list').exists()).toBe(false);
  });

  it('shows main\'s reason when a CA file is refused, and its warnings when one is accepted', async () => {
    const fake = createFakeBridge({
      pickedCa: extraCaInfo({ isCa: false, daysLeft: 12, warnings: ['This is not a CA certificate: it vouches only for the one server it was issued to.'] }),
    });
    fake.api.network.chooseCa.mockResolvedValueOnce(
      failure({ code: 'CERT_INVALID', message: 'The file holds a private key. Nothing was stored.', retryable: false }),
    );
    const mounted = await mountWithBridge(fake);
    await openSettings(mounted);
    await mounted.byTestId('net-add-ca').trigger('click');
    await flushPromises();
    expect(mounted.byTestId('net-error').text()).toContain('CERT_INVALID');
    expect(mounted.byTestId('net-error').text()).toContain('holds a private key');

    await mounted.byTestId('net-add-ca').trigger('click');
    await flushPromises();
    expect(mounted.byTestId('net-ca-list').text()).toContain('not a CA certificate');
    expect(mounted.byTestId('net-ca-expiry').classes()).toContain('warning');
  });

  it('shows a proxy setting main cannot use, and where lookups go otherwise', async () => {
    const fake = createFakeBridge({
      settings: { ...defaultSettings(), proxyMode: 'system' },
      network: networkStatus({ proxy: { problem: 'HTTPS_PROXY in the environment: SOCKS proxies are not supported.' } }),
    });
    const mounted = await mountWithBridge(fake);
    await openSettings(mounted);
    expect(mounted.byTestId('net-proxy-problem').text()).toContain('SOCKS proxies are not supported');
    expect(mounted.byTestId('net-proxy-problem').attributes('role')).toBe('alert');
    expect(mounted.byTestId('net-status').text()).toMatch(/proxy setting unusable/);

    fake.state.network = networkStatus({ proxy: { mode: 'manual', source: 'settings', url: 'http://proxy.corp.example:3128' } });
    fake.api.network.status.mockResolvedValueOnce(ok(structuredClone(fake.state.network)));
    await mounted.byTestId('net-mode-manual').setValue(true);
    await mounted.byTestId('net-proxy-url').setValue('http://proxy.corp.example:3128');
    await mounted.byTestId('net-proxy').trigger('submit');
    await flushPromises();
    expect(mounted.byTestId('net-proxy-in-force').text()).toBe('Lookups go through http://proxy.corp.example:3128.');
    expect(mounted.byTestId('net-status').text()).toContain('via http://proxy.corp.example:3128');
  });

  it('"Delete all credentials" also makes the Network section forget the proxy credentials', async () => {
    const fake = createFakeBridge({ network: networkStatus({ proxy: { user: 'corp-user', hasPassword: true } }) });
    const mounted = await mountWithBridge(fake);
    await openSettings(mounted);
    expect(mounted.byTestId('net-proxy-password-state').text()).toBe('A password is stored');
    fake.state.network.proxy.user = null;
    fake.state.network.proxy.hasPassword = false;
    await mounted.byTestId('cred-delete-all').trigger('click');
    await flushPromises();
    expect(mounted.byTestId('net-proxy-password-state').text()).toBe('No password stored');
  });

  it('is listed in the settings navigation', async () => {
    const mounted = await mountWithBridge();
    await openSettings(mounted);
    const nav = mounted.wrapper.find('nav[aria-label="Settings sections"]');
    expect(nav.findAll('button').map((b) => b.text())).toContain('Network');
    expect(accessibleName(section(mounted).element)).toBe('Network');
  });
});
