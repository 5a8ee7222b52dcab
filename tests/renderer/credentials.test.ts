import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import {
  certificateInfo,
  createFakeBridge,
  credentialStatus,
  failure,
  ok,
} from './support/fake-bridge';
import { mountWithBridge, type Mounted } from './support/mount-app';

const PASSWORD = 'correct-horse-battery-staple-71';
const TOKEN = 'tok_5f1d0c9e4a7b4e22b1aa0d3c9f8e7d6c';
const PASSPHRASE = 'p12-passphrase-913';

async function openSettings(mounted: Mounted): Promise<void> {
  await mounted.byTestId('open-settings').trigger('click');
  await flushPromises();
}

function fieldValue(mounted: Mounted, id: string): string {
  return (mounted.byTestId(id).element as HTMLInputElement).value;
}

/** Everything Pinia holds, as text: a secret must not be anywhere in it. */
function piniaState(mounted: Mounted): string {
  return JSON.stringify(mounted.pinia.state.value);
}

describe('the credentials section', () => {
  it('sends the password once, then clears the field and keeps it nowhere', async () => {
    const mounted = await mountWithBridge();
    await openSettings(mounted);
    await mounted.byTestId('cred-user').setValue('analyst');
    await mounted.byTestId('cred-password').setValue(PASSWORD);
    await mounted.byTestId('cred-save-basic').trigger('click');
    await flushPromises();

    expect(mounted.fake.api.credentials.setBasic).toHaveBeenCalledTimes(1);
    expect(mounted.fake.api.credentials.setBasic).toHaveBeenCalledWith({ user: 'analyst', password: PASSWORD });
    expect(fieldValue(mounted, 'cred-password')).toBe('');
    expect(piniaState(mounted)).not.toContain(PASSWORD);
    expect(mounted.wrapper.html()).not.toContain(PASSWORD);
    expect(mounted.byTestId('cred-basic-state').text()).toBe('Password stored');
    expect(mounted.byTestId('cred-status').text()).toContain('password stored');
  });

  it('clears the password even when main refuses it', async () => {
    const fake = createFakeBridge();
    fake.api.credentials.setBasic.mockResolvedValueOnce(
      failure({ code: 'KEYCHAIN_UNAVAILABLE', message: 'The keychain is locked.', retryable: false }),
    );
    const mounted = await mountWithBridge(fake);
    await openSettings(mounted);
    await mounted.byTestId('cred-user').setValue('analyst');
    await mounted.byTestId('cred-password').setValue(PASSWORD);
    await mounted.byTestId('cred-save-basic').trigger('click');
    await flushPromises();

    expect(fieldValue(mounted, 'cred-password')).toBe('');
    expect(mounted.byTestId('cred-error').text()).toContain('KEYCHAIN_UNAVAILABLE');
    expect(piniaState(mounted)).not.toContain(PASSWORD);
  });

  it('sends the token once, then clears the field and keeps it nowhere', async () => {
    const mounted = await mountWithBridge();
    await openSettings(mounted);
    await mounted.byTestId('cred-token').setValue(TOKEN);
    await mounted.byTestId('cred-save-token').trigger('click');
    await flushPromises();

    expect(mounted.fake.api.credentials.setToken).toHaveBeenCalledWith({ token: TOKEN });
    expect(fieldValue(mounted, 'cred-token')).toBe('');
    expect(piniaState(mounted)).not.toContain(TOKEN);
    expect(mounted.wrapper.html()).not.toContain(TOKEN);
    expect(mounted.byTestId('cred-token-state').text()).toContain('Token stored');
  });

  it('imports a certificate with the passphrase, clears it and shows the certificate', async () => {
    const mounted = await mountWithBridge();
    await openSettings(mounted);
    await mounted.byTestId('cred-passphrase').setValue(PASSPHRASE);
    await mounted.byTestId('cred-import').trigger('click');
    await flushPromises();

    expect(mounted.fake.api.credentials.importCertificate).toHaveBeenCalledWith({ passphrase: PASSPHRASE });
    expect(fieldValue(mounted, 'cred-passphrase')).toBe('');
    expect(piniaState(mounted)).not.toContain(PASSPHRASE);
    const cert = certificateInfo();
    expect(mounted.byTestId('cred-cert-subject').text()).toBe(cert.subject);
    expect(mounted.byTestId('cred-cert-fingerprint').text()).toBe(cert.fingerprint256);
    expect(mounted.byTestId('cred-cert-expiry').text()).toContain('2026-01-01');
    expect(mounted.byTestId('cred-cert-expiry').text()).toContain('120 days left');
  });

  it('says so when the analyst cancels the file dialog', async () => {
    const fake = createFakeBridge();
    fake.api.credentials.importCertificate.mockResolvedValueOnce(ok(null));
    const mounted = await mountWithBridge(fake);
    await openSettings(mounted);
    await mounted.byTestId('cred-import').trigger('click');
    await flushPromises();
    expect(fake.api.credentials.importCertificate).toHaveBeenCalledWith({});
    expect(mounted.byTestId('cred-notice').text()).toBe('Import cancelled');
    expect(mounted.byTestId('cred-cert-subject').exists()).toBe(false);
  });

  it('shows expiry warnings and a keychain that is not available', async () => {
    const fake = createFakeBridge({
      status: credentialStatus({
        keychain: { available: false, message: 'No Secret Service is running: start gnome-keyring.' },
        certificate: certificateInfo({ daysLeft: -3 }),
        warnings: [{ item: 'certificate', level: 'error', message: 'The client certificate expired 3 days ago' }],
      }),
    });
    const mounted = await mountWithBridge(fake);
    await openSettings(mounted);
    expect(mounted.byTestId('cred-keychain').text()).toContain('No Secret Service is running');
    expect(mounted.byTestId('cred-status').text()).toBe('Keychain unavailable');
    expect(mounted.byTestId('cred-warnings').text()).toContain('expired 3 days ago');
    expect(mounted.byTestId('cred-cert-expiry').text()).toContain('expired 3 days ago');
  });

  it('switches the auth mode and deletes through main', async () => {
    const fake = createFakeBridge({ status: credentialStatus({ certificate: certificateInfo() }) });
    const mounted = await mountWithBridge(fake);
    await openSettings(mounted);
    await mounted.byTestId('cred-auth-mode').setValue('token');
    await flushPromises();
    expect(fake.api.credentials.setAuthMode).toHaveBeenCalledWith({ mode: 'token' });

    await mounted.byTestId('cred-delete-certificate').trigger('click');
    await flushPromises();
    expect(fake.api.credentials.delete).toHaveBeenCalledWith({ item: 'certificate' });
    await mounted.byTestId('cred-delete-all').trigger('click');
    await flushPromises();
    expect(fake.api.credentials.delete).toHaveBeenLastCalledWith({ item: 'all' });
  });

  it('checks the connection and shows account, quota and token expiry', async () => {
    const fake = createFakeBridge();
    fake.api.credentials.check.mockResolvedValueOnce(
      ok({
        checkedAt: '2025-06-01T10:00:00.000Z',
        durationMs: 140,
        accessType: 'Commercial',
        dayRequests: 140,
        dayQuota: 5000,
        tokenExpiresAt: '2026-12-31T00:00:00Z',
      }),
    );
    const mounted = await mountWithBridge(fake);
    await openSettings(mounted);
    await mounted.byTestId('cred-check').trigger('click');
    await flushPromises();

    const result = mounted.byTestId('cred-check-result').text();
    expect(result).toContain('Commercial');
    expect(result).toContain('140 / 5,000');
    expect(result).toContain('2026-12-31');
    // The check's LicenseInfo also feeds the quota line and the status bar.
    expect(mounted.byTestId('lookup-cost').text()).toContain('4,860 left');
    expect(mounted.byTestId('status-quota').text()).toContain('140 / 5,000');
  });
});
