import { describe, expect, it, vi } from 'vitest';
import { isAllowedExternalUrl } from '../../src/main/window/external-links';
import { denyAllPermissions, hardenWebContents, type WebContentsLike } from '../../src/main/window/hardening';
import { CONTENT_SECURITY_POLICY, mainWindowOptions } from '../../src/main/window/window-options';

describe('the main window options', () => {
  const prefs = mainWindowOptions('/app/out/preload/index.js', false, '/app/resources/icon-256.png').webPreferences;

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
    ['experimentalFeatures', false],
    ['navigateOnDragDrop', false],
  ] as const)('sets %s to %s explicitly', (key, value) => {
    expect(prefs).toHaveProperty(key, value);
  });

  it('loads the bundled preload and nothing remote', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.js');
  });

  it('ships a strict content security policy', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
    );
    expect(directives['default-src']).toBe("'none'");
    expect(directives['script-src']).toBe("'self'");
    expect(directives['object-src']).toBe("'none'");
    expect(directives['base-uri']).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|https?:/);
  });
});

describe('web contents hardening', () => {
  function fakeContents() {
    const listeners = new Map<string, (...args: never[]) => void>();
    let openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
    const contents = {
      setWindowOpenHandler: (handler: typeof openHandler) => {
        openHandler = handler;
      },
      on: (event: string, listener: (...args: never[]) => void) => {
        listeners.set(event, listener);
      },
    } as unknown as WebContentsLike;
    return {
      contents,
      open: (url: string) => openHandler?.({ url }),
      emit: (event: string, url?: string) => {
        const preventDefault = vi.fn();
        (listeners.get(event) as ((e: { preventDefault(): void }, url?: string) => void) | undefined)?.({ preventDefault }, url);
        return preventDefault;
      },
    };
  }
  const appUrl = 'file:///app/out/renderer/index.html';

  it('denies every new window and opens only allow-listed https links outside', () => {
    const openExternal = vi.fn();
    const fake = fakeContents();
    hardenWebContents(fake.contents, { isAppUrl: (u) => u === appUrl, openExternal });
    expect(fake.open('https://tip.kaspersky.com/search?searchString=1.2.3.4')).toEqual({ action: 'deny' });
    expect(fake.open('http://tip.kaspersky.com/')).toEqual({ action: 'deny' });
    expect(fake.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(fake.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://tip.kaspersky.com/search?searchString=1.2.3.4']]);
  });

  it('blocks navigation and redirects away from the app, and every webview', () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents, { isAppUrl: (u) => u === appUrl, openExternal: vi.fn() });
    expect(fake.emit('will-navigate', 'https://evil.example/')).toHaveBeenCalled();
    expect(fake.emit('will-redirect', 'https://evil.example/')).toHaveBeenCalled();
    expect(fake.emit('will-navigate', appUrl)).not.toHaveBeenCalled();
    expect(fake.emit('will-attach-webview')).toHaveBeenCalled();
  });

  it('denies every permission request and check', () => {
    const handlers: {
      request?: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | null;
      check?: ((wc: unknown, permission: string) => boolean) | null;
    } = {};
    denyAllPermissions({
      setPermissionRequestHandler: (h) => (handlers.request = h),
      setPermissionCheckHandler: (h) => (handlers.check = h),
    });
    const granted = vi.fn();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      handlers.request?.({}, permission, granted);
      expect(handlers.check?.({}, permission)).toBe(false);
    }
    expect(granted.mock.calls.every(([g]) => g === false)).toBe(true);
    expect(granted).toHaveBeenCalledTimes(5);
  });

  it.each([
    ['https://threats.kaspersky.com/en/threat/Trojan.Win32.Generic/', true],
    ['https://opentip.kaspersky.com/1.2.3.4/', true],
    ['http://opentip.kaspersky.com/', false],
    ['https://tip.kaspersky.com.evil.example/', false],
    ['https://user:pass@tip.kaspersky.com/', false],
    ['https://tip.kaspersky.com:8443/', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('external link %s allowed: %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
  });
});
