/**
 * Checks of the proxy settings, shared so the settings form says exactly what main will refuse.
 * Messages never repeat a typed address: one pasted with a password in it must not echo.
 */
import { MAX_NO_PROXY_LENGTH, MAX_PROXY_URL_LENGTH } from './index';

// WHATWG URL is a global in Node and in browsers; shared code compiles without either's types.
interface ParsedUrl {
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly hostname: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
  readonly origin: string;
}
declare const URL: new (input: string) => ParsedUrl;

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * `http://host:port` (a bare `host:port` gets `http://`), normalised to its origin; '' is allowed
 * (no manual proxy). The hop to a CONNECT proxy is plain HTTP; TLS to TIP runs inside the tunnel.
 */
export function checkProxyUrl(input: string): Checked<string> {
  const text = input.trim();
  if (text === '') return { ok: true, value: '' };
  if (text.length > MAX_PROXY_URL_LENGTH) {
    return { ok: false, message: `The proxy address is longer than ${MAX_PROXY_URL_LENGTH} characters.` };
  }
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  let url: ParsedUrl;
  try {
    url = new URL(hasScheme ? text : `http://${text}`);
  } catch {
    return { ok: false, message: 'The proxy address is not a valid address: write it as http://host:port, e.g. http://proxy.example.org:3128.' };
  }
  if (url.username !== '' || url.password !== '') {
    return {
      ok: false,
      message: 'Leave the user name and password out of the proxy address: store them under "Proxy credentials", which keeps them in the keychain.',
    };
  }
  if (url.protocol !== 'http:') {
    const scheme = url.protocol.replace(/:$/, '');
    return {
      ok: false,
      message: `Only http:// proxies are supported (CONNECT over HTTP; TLS to TIP runs inside the tunnel), not ${scheme}://.`,
    };
  }
  if (url.hostname === '') return { ok: false, message: 'The proxy address has no host name.' };
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    return { ok: false, message: 'The proxy address is only http://host:port, with no path, query or fragment.' };
  }
  return { ok: true, value: url.origin };
}

/** One NO_PROXY entry: a host, `.domain`, `*.domain`, an IP, a CIDR range, optionally `:port`, or `*`. */
const NO_PROXY_ENTRY = /^(\*|(\*?\.)?[a-z0-9_-]+(\.[a-z0-9_-]+)*(:\d{1,5})?|\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?(:\d{1,5})?|\[[0-9a-f:.]+\](:\d{1,5})?|[0-9a-f:]+:[0-9a-f:.]*(\/\d{1,3})?)$/i;

/** Entries separated by commas or spaces; normalised to `a, b, c`. */
export function checkNoProxy(input: string): Checked<string> {
  if (input.length > MAX_NO_PROXY_LENGTH) {
    return { ok: false, message: `The "No proxy for" list is longer than ${MAX_NO_PROXY_LENGTH} characters.` };
  }
  const entries = input.split(/[\s,]+/).filter((entry) => entry !== '');
  const bad = entries.find((entry) => !NO_PROXY_ENTRY.test(entry));
  if (bad !== undefined) {
    // An entry with user info in it is not repeated (it may hold a password).
    const which = bad.includes('@') ? 'An entry' : `"${bad.slice(0, 80)}"`;
    return {
      ok: false,
      message: `${which} in "No proxy for" is not a host name, domain (.example.org), IP address or range: separate entries with commas.`,
    };
  }
  return { ok: true, value: [...new Set(entries.map((entry) => entry.toLowerCase()))].join(', ') };
}
