/**
 * Which proxy the TIP client uses: Settings vs environment vs off, NO_PROXY as curl reads it, proxy
 * URL rules, and credentials (keychain over URL, never in what is displayed).
 */
import { describe, expect, it } from 'vitest';
import { noProxyMatch, parseProxyUrl, resolveProxy, type ResolveProxyInput } from '../../src/main/tip';

const TIP = 'https://tip.kaspersky.com';

function resolved(input: Partial<ResolveProxyInput>) {
  const result = resolveProxy({ target: TIP, mode: 'system', env: {}, ...input });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

function refused(input: Partial<ResolveProxyInput>): string {
  const result = resolveProxy({ target: TIP, mode: 'system', env: {}, ...input });
  if (result.ok) throw new Error('expected a refusal');
  expect(result.error.code).toBe('INVALID_INPUT');
  return result.error.message;
}

describe('modes', () => {
  it('off: direct, whatever the environment says', () => {
    expect(resolved({ mode: 'off', env: { HTTPS_PROXY: 'http://proxy:3128' }, manualUrl: 'http://x:1' })).toEqual({ proxy: null, source: 'none', display: null });
  });

  it('manual: the Settings URL, and the environment is ignored', () => {
    expect(resolved({ mode: 'manual', manualUrl: 'http://proxy.corp:8080', env: { HTTPS_PROXY: 'http://other:1' } })).toEqual({
      proxy: { url: 'http://proxy.corp:8080' },
      source: 'settings',
      display: 'http://proxy.corp:8080',
    });
  });

  it('manual without an address → INVALID_INPUT pointing to Settings', () => {
    expect(refused({ mode: 'manual', manualUrl: '  ' })).toContain('Settings → Network');
  });

  it('manual: the Settings bypass list applies, the environment one does not', () => {
    expect(resolved({ mode: 'manual', manualUrl: 'http://p:1', noProxy: 'kaspersky.com' })).toMatchObject({ proxy: null, source: 'none', bypassedBy: 'kaspersky.com' });
    expect(resolved({ mode: 'manual', manualUrl: 'http://p:1', env: { NO_PROXY: 'kaspersky.com' } }).proxy).not.toBeNull();
  });

  it('system: https_proxy before HTTPS_PROXY before all_proxy / ALL_PROXY; empty counts as unset; http_proxy is never read', () => {
    expect(resolved({ env: { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' } }).display).toBe('http://lower:1');
    expect(resolved({ env: { https_proxy: '', HTTPS_PROXY: 'http://upper:2' } }).display).toBe('http://upper:2');
    expect(resolved({ env: { all_proxy: 'http://all:3', ALL_PROXY: 'http://ALL:4' } }).display).toBe('http://all:3');
    expect(resolved({ env: { ALL_PROXY: 'http://ALL:4' } })).toMatchObject({ source: 'environment', display: 'http://all:4' });
    expect(resolved({ env: { http_proxy: 'http://plain:5', HTTP_PROXY: 'http://plain:5' } })).toEqual({ proxy: null, source: 'none', display: null });
  });

  it('system: no_proxy before NO_PROXY', () => {
    expect(resolved({ env: { HTTPS_PROXY: 'http://p:1', no_proxy: '.kaspersky.com', NO_PROXY: 'other.example' } }).proxy).toBeNull();
    expect(resolved({ env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'tip.kaspersky.com' } }).proxy).toBeNull();
  });

  it('a scheme-less proxy is http://, as curl reads it; no port means 80', () => {
    expect(resolved({ env: { HTTPS_PROXY: 'proxy.corp:3128' } }).display).toBe('http://proxy.corp:3128');
    expect(resolved({ env: { HTTPS_PROXY: 'http://proxy.corp' } }).display).toBe('http://proxy.corp:80');
  });

  it('an IPv6 proxy keeps its brackets in the URL', () => {
    expect(resolved({ env: { HTTPS_PROXY: 'http://[2001:db8::1]:3128' } }).proxy?.url).toBe('http://[2001:db8::1]:3128');
  });
});

describe('credentials', () => {
  it('from the URL, percent-decoded; never in url or display', () => {
    const value = resolved({ env: { HTTPS_PROXY: 'http://j%40doe:p%3Ass%20w%2Fd@proxy.corp:8080' } });
    expect(value.proxy).toEqual({ url: 'http://proxy.corp:8080', user: 'j@doe', password: 'p:ss w/d' });
    expect(value.display).toBe('http://proxy.corp:8080');
  });

  it('the keychain wins over the URL', () => {
    const value = resolved({ env: { HTTPS_PROXY: 'http://url-user:url-pass@proxy.corp:8080' }, credentials: { user: 'kc-user', password: 'kc-pass' } });
    expect(value.proxy).toEqual({ url: 'http://proxy.corp:8080', user: 'kc-user', password: 'kc-pass' });
    expect(JSON.stringify(value.display)).not.toContain('url-pass');
  });

  it('keychain credentials apply to a manual proxy; a user without a password has an empty one', () => {
    expect(resolved({ mode: 'manual', manualUrl: 'http://p:1', credentials: { user: 'u', password: 'pw' } }).proxy).toEqual({ url: 'http://p:1', user: 'u', password: 'pw' });
    expect(resolved({ env: { HTTPS_PROXY: 'http://u@p:1' } }).proxy).toEqual({ url: 'http://p:1', user: 'u', password: '' });
  });

  it('a bad %-escape in the URL is refused without echoing it', () => {
    const message = refused({ env: { HTTPS_PROXY: 'http://user:s3cr%zzet@p:1' } });
    expect(message).toContain('%-escape');
    expect(message).not.toContain('s3cr');
  });
});

describe('proxy URL rules', () => {
  it.each([
    ['https://proxy:3128', 'https://'],
    ['socks5://proxy:1080', 'SOCKS'],
    ['socks5h://proxy:1080', 'SOCKS'],
    ['ftp://proxy:21', 'must start with http://'],
    ['http://proxy:3128/some/path', 'no path'],
    ['http://proxy:3128/?q=1', 'no path'],
    ['http://proxy:99999', 'not a valid'],
    ['http:// spaces in host', 'not a valid'],
  ])('%s → INVALID_INPUT', (url, expected) => {
    expect(refused({ env: { HTTPS_PROXY: url } })).toContain(expected);
  });

  it('messages never echo a URL (it may hold a password)', () => {
    const result = parseProxyUrl('https://user:hunter2@proxy:3128');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).not.toContain('hunter2');
  });

  it('a trailing slash is fine', () => {
    const result = parseProxyUrl('http://proxy:3128/');
    expect(result.ok && result.value).toMatchObject({ host: 'proxy', port: 3128, hostPort: 'proxy:3128' });
  });
});

describe('NO_PROXY, as curl documents it', () => {
  const cases: Array<[string, string, number, boolean]> = [
    ['*', 'tip.kaspersky.com', 443, true],
    ['kaspersky.com', 'kaspersky.com', 443, true],
    ['kaspersky.com', 'tip.kaspersky.com', 443, true],
    ['.kaspersky.com', 'tip.kaspersky.com', 443, true],
    ['.kaspersky.com', 'kaspersky.com', 443, true],
    ['*.kaspersky.com', 'tip.kaspersky.com', 443, true],
    ['kaspersky.com', 'notkaspersky.com', 443, false],
    ['kaspersky.com', 'kaspersky.com.evil.example', 443, false],
    ['KASPERSKY.COM', 'Tip.Kaspersky.Com', 443, true],
    ['kaspersky.com.', 'tip.kaspersky.com', 443, true],
    ['other.example, kaspersky.com', 'tip.kaspersky.com', 443, true],
    ['other.example kaspersky.com', 'tip.kaspersky.com', 443, true],
    ['other.example,,  ,kaspersky.com', 'tip.kaspersky.com', 443, true],
    ['kaspersky.com:443', 'tip.kaspersky.com', 443, true],
    ['kaspersky.com:8443', 'tip.kaspersky.com', 443, false],
    ['192.0.2.10', '192.0.2.10', 443, true],
    ['192.0.2.10', '192.0.2.11', 443, false],
    ['192.0.2.10:443', '192.0.2.10', 443, true],
    ['192.0.2.10:80', '192.0.2.10', 443, false],
    ['10.0.0.0/8', '10.20.30.40', 443, true],
    ['10.0.0.0/8', '11.0.0.1', 443, false],
    ['192.0.2.0/24', '192.0.2.200', 443, true],
    ['2001:db8::1', '2001:db8::1', 443, true],
    ['2001:db8::1', '2001:0db8:0:0:0:0:0:1', 443, true],
    ['[2001:db8::1]', '2001:db8::1', 443, true],
    ['[2001:db8::1]:443', '2001:db8::1', 443, true],
    ['[2001:db8::1]:8443', '2001:db8::1', 443, false],
    ['2001:db8::/32', '2001:db8:ffff::5', 443, true],
    ['2001:db8::/32', '2001:db9::5', 443, false],
    ['::1', '127.0.0.1', 443, false],
    ['localhost', '127.0.0.1', 443, false], // names are never resolved
    ['127.0.0.1', 'localhost', 443, false],
    ['', 'tip.kaspersky.com', 443, false],
    ['10.0.0.0/99', '10.0.0.1', 443, false],
  ];
  it.each(cases)('%j vs %s:%i → %s', (list, host, port, expected) => {
    expect(noProxyMatch(list, host, port) !== undefined).toBe(expected);
  });

  it('applies to the TIP host and port of the target URL (IPv6 literal included)', () => {
    const env = { HTTPS_PROXY: 'http://p:1', NO_PROXY: '[2001:db8::5]:8443' };
    expect(resolved({ target: 'https://[2001:db8::5]:8443', env }).proxy).toBeNull();
    expect(resolved({ target: 'https://[2001:db8::5]', env }).proxy).not.toBeNull();
  });

  it('a bypassed target says which entry matched', () => {
    expect(resolved({ env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'a.example,.kaspersky.com' } })).toEqual({
      proxy: null,
      source: 'none',
      display: null,
      bypassedBy: '.kaspersky.com',
    });
  });
});

it('a target that is not a URL → INVALID_INPUT', () => {
  expect(refused({ target: 'not a url' })).toContain('TIP address');
});
