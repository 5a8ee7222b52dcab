/**
 * Which proxy, if any, the TIP client goes through: the proxy URL rules shared with the client
 * (`parseProxyUrl`) and the choice between Settings, the environment and NO_PROXY (`resolveProxy`).
 * Pure: no Electron, no sockets, no DNS (NO_PROXY is matched on the name as written, as curl does).
 */
import { BlockList, isIP } from 'node:net';
import { fail, ok, type Result } from '../../shared/ipc/result';
import type { TipProxy } from './types';

/** A proxy address the client can dial: `host` bare (IPv6 without brackets). */
export interface ProxyAddress {
  host: string;
  port: number;
  /** Percent-decoded credentials written in the URL, if any. */
  user?: string;
  password?: string;
  /** `http://host:port`, never with credentials: safe for messages, logs and the UI. */
  display: string;
  /** `host:port` (IPv6 in brackets), for messages. */
  hostPort: string;
}

/**
 * Where to say proxy credentials are set. Kept generic: the app reads them from Settings, tipwb
 * from the environment.
 */
export const PROXY_SETTINGS_HINT = 'Settings → Network in the app, or HTTPS_PROXY=http://user:pass@host:port for tipwb';

/** The port of an http:// proxy URL that gives none: the scheme's own, as Go and Python read it. */
const DEFAULT_PROXY_PORT = 80;

/**
 * `http://[user:pass@]host[:port][/]` → address. A scheme-less `host:port` is read as http:// (as
 * curl does). Tunnelling to the proxy itself over TLS (https://) and SOCKS are not supported.
 * Messages never echo the URL: it may hold a password.
 */
export function parseProxyUrl(text: unknown): Result<ProxyAddress> {
  const raw = typeof text === 'string' ? text.trim() : '';
  if (raw === '') return fail('INVALID_INPUT', 'The proxy address is empty; it looks like http://proxy.example.com:8080.');
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http') {
    if (scheme === 'https') {
      return fail(
        'INVALID_INPUT',
        'Proxies reached over TLS (https://) are not supported: give the proxy\'s http:// address. The connection to TIP is still encrypted end to end inside the proxy\'s tunnel.',
      );
    }
    if (scheme.startsWith('socks')) {
      return fail('INVALID_INPUT', 'SOCKS proxies are not supported: give an HTTP proxy that allows CONNECT, as http://host:port.');
    }
    return fail('INVALID_INPUT', `The proxy address must start with http:// (not ${scheme}://); it looks like http://proxy.example.com:8080.`);
  }
  let url: URL;
  try {
    url = new URL(scheme === undefined ? `http://${raw}` : raw);
  } catch {
    return fail('INVALID_INPUT', 'The proxy address is not a valid address; it looks like http://proxy.example.com:8080.');
  }
  if (url.hostname === '' || (url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    return fail('INVALID_INPUT', 'The proxy address must be just http://host:port, with no path, query or fragment.');
  }
  let user: string | undefined;
  let password: string | undefined;
  try {
    if (url.username !== '') user = decodeURIComponent(url.username);
    if (url.password !== '') password = decodeURIComponent(url.password);
  } catch {
    return fail('INVALID_INPUT', 'The user name or password in the proxy address has a broken %-escape.');
  }
  const port = url.port === '' ? DEFAULT_PROXY_PORT : Number(url.port);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const hostPort = `${url.hostname}:${port}`;
  return ok({
    host,
    port,
    ...(user === undefined ? {} : { user }),
    ...(password === undefined ? {} : { password }),
    display: `http://${hostPort}`,
    hostPort,
  });
}

export interface ResolveProxyInput {
  /** The TIP base URL, e.g. https://tip.kaspersky.com. */
  target: string;
  mode: 'system' | 'manual' | 'off';
  /** The proxy in Settings (mode `manual`). */
  manualUrl?: string;
  /** The bypass list in Settings (mode `manual`); NO_PROXY syntax. */
  noProxy?: string;
  env: Record<string, string | undefined>;
  /** Proxy credentials from the keychain; they win over credentials written in the URL. */
  credentials?: { user: string; password: string } | null;
}

export interface ResolvedProxy {
  proxy: TipProxy | null;
  /** Where the proxy came from; `none` when TIP is reached directly. */
  source: 'settings' | 'environment' | 'none';
  /** The proxy URL without credentials, for the UI; null when there is none. */
  display: string | null;
  /** When a proxy was configured but the bypass list names TIP: the entry that matched. */
  bypassedBy?: string;
}

const DIRECT: ResolvedProxy = { proxy: null, source: 'none', display: null };

/**
 * `off`: direct. `manual`: `manualUrl`, bypassed by `noProxy`. `system`: `https_proxy`, `HTTPS_PROXY`,
 * then `all_proxy`, `ALL_PROXY` (curl's order; an empty value counts as unset), bypassed by
 * `no_proxy` / `NO_PROXY`. `http_proxy` is never read: TIP is only reached over https.
 */
export function resolveProxy(input: ResolveProxyInput): Result<ResolvedProxy> {
  let target: URL;
  try {
    target = new URL(input.target);
  } catch {
    return fail('INVALID_INPUT', 'The TIP address is not a valid web address; it looks like https://tip.kaspersky.com.');
  }
  if (input.mode === 'off') return ok(DIRECT);

  let url: string | undefined;
  let bypass: string | undefined;
  let source: ResolvedProxy['source'];
  if (input.mode === 'manual') {
    url = input.manualUrl;
    bypass = input.noProxy;
    source = 'settings';
    if (url === undefined || url.trim() === '') {
      return fail('INVALID_INPUT', 'A manual proxy is chosen but no proxy address is set: enter it in Settings → Network.');
    }
  } else if (input.mode === 'system') {
    url = firstSet(input.env, ['https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY']);
    bypass = firstSet(input.env, ['no_proxy', 'NO_PROXY']);
    source = 'environment';
    if (url === undefined) return ok(DIRECT);
  } else {
    return fail('INVALID_INPUT', 'The proxy mode must be system, manual or off.');
  }

  const address = parseProxyUrl(url);
  if (!address.ok) return address;

  const hostname = target.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = target.port === '' ? (target.protocol === 'http:' ? 80 : 443) : Number(target.port);
  const matched = bypass === undefined ? undefined : noProxyMatch(bypass, hostname, port);
  if (matched !== undefined) return ok({ ...DIRECT, bypassedBy: matched });

  const fromKeychain = input.credentials != null && input.credentials.user !== '' ? input.credentials : undefined;
  const user = fromKeychain?.user ?? address.value.user;
  const password = fromKeychain?.password ?? address.value.password;
  const proxy: TipProxy = {
    url: address.value.display,
    ...(user === undefined ? {} : { user }),
    ...(user === undefined ? {} : { password: password ?? '' }),
  };
  return ok({ proxy, source, display: address.value.display });
}

function firstSet(env: Record<string, string | undefined>, names: string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

/**
 * The NO_PROXY entry that matches `host:port`, or undefined. curl's rules: entries separated by
 * commas or spaces; `*` alone matches everything; `example.com` and `.example.com` match that name
 * and every name under it; an IP matches itself, a CIDR block its addresses; `:port` limits an entry
 * to that port; IPv6 may be bracketed (`[::1]:443`); case does not matter. Names are never resolved.
 */
export function noProxyMatch(list: string, host: string, port: number): string | undefined {
  const name = host.toLowerCase().replace(/\.$/, '');
  const hostFamily = isIP(name);
  for (const entry of list.split(/[\s,]+/)) {
    if (entry === '') continue;
    if (entry === '*') return entry;
    const parsed = parseEntry(entry.toLowerCase());
    if (parsed === undefined) continue;
    if (parsed.port !== undefined && parsed.port !== port) continue;
    if (matchesHost(parsed.host, name, hostFamily)) return entry;
  }
  return undefined;
}

function parseEntry(entry: string): { host: string; port?: number } | undefined {
  let host = entry;
  let port: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed !== null) {
    host = bracketed[1] ?? '';
    port = bracketed[2];
  } else if ((entry.match(/:/g) ?? []).length === 1) {
    // One colon: host:port. Several: a bare IPv6 address (or block), which cannot carry a port.
    [host = '', port] = entry.split(':');
    if (port !== undefined && !/^\d+$/.test(port)) return undefined;
  }
  host = host.replace(/^\*?\./, '').replace(/\.$/, '');
  if (host === '') return undefined;
  return port === undefined ? { host } : { host, port: Number(port) };
}

function matchesHost(pattern: string, name: string, hostFamily: number): boolean {
  const slash = pattern.indexOf('/');
  const address = slash === -1 ? pattern : pattern.slice(0, slash);
  const family = isIP(address);
  if (family === 0) {
    // A name pattern never matches an IP literal, and is compared label by label from the right.
    return hostFamily === 0 && (name === pattern || name.endsWith(`.${pattern}`));
  }
  if (hostFamily !== family) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const block = new BlockList();
  if (slash === -1) {
    block.addAddress(address, type);
  } else {
    const prefix = Number(pattern.slice(slash + 1));
    if (!/^\d+$/.test(pattern.slice(slash + 1)) || prefix > (family === 4 ? 32 : 128)) return false;
    block.addSubnet(address, prefix, type);
  }
  return block.check(name, type);
}
