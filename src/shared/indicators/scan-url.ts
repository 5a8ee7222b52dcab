/**
 * Web addresses in prepared (refanged) text. A URL needs an http or https scheme, written plainly or
 * defanged (`hxxp`, `hXXps`, `h**p`; `[:]//` and `[://]` were refanged before): an address with no
 * scheme is found by the word scanner as a domain, and other schemes (ftp, mailto) yield their host.
 *
 * The value is the scheme and host in normal form (lower case; a Unicode host as A-labels, as a
 * browser's address bar does; an IPv6 host in RFC 5952 form inside its brackets) and everything else
 * as written after refanging: user info, port, path, query and fragment. TIP looks the text up as is.
 *
 * Decisions:
 * - The address ends where prose begins again (see `isUrlChar`) and at a comma, which in pasted
 *   text far more often separates CSV columns or list items than it sits in an address — except in
 *   a query, before a short plain value (`?ids=1,2`; see `isPlainValueAfter`). Trailing prose
 *   punctuation is trimmed: `. , ; : ! ? ' " *` and a closing `)` or `]` with no opening partner
 *   inside the URL (`(see http://x.example/a)` vs. `…/wiki/Foo_(bar)`); `>` and `}` end it anyway.
 * - The host must be a dotted-quad IPv4, a bracketed IPv6, or a domain the bare-domain rules accept
 *   (public suffix, `.test`, `.example`), except that a file-like TLD (`http://evil.zip/`) is fine
 *   here. `http://localhost/`, `http://intranet/`, `http://server.local/` are not indicators.
 * - An address longer than 2000 characters is still found: the analyst sees it in the list, and the
 *   lookup refuses it with URL_TOO_LONG (validate.ts) instead of it silently vanishing here.
 */
import * as chars from './char-classes';
import { domainHost, ipv4Host, ipv6Host } from './host';

// Bound once at load: under CommonJS interop (tsx, vitest) each use of an imported name is a getter
// call, and these run for every character of a URL (measured with bench/extract.ts).
const { COLON, isAsciiAlnum, isUrlChar } = chars;

const TRAILING = new Set(['.', ',', ';', ':', '!', '?', "'", '"', '*'].map((c) => c.charCodeAt(0)));
const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

function isSchemeMiddle(c: number): boolean {
  const lower = c | 0x20;
  return lower === 0x74 /* t */ || lower === 0x78 /* x */ || c === 0x2a; /* * */
}

/**
 * Length of `http://`, `https://` or a defanged form starting at `at` (0 if none). Only the scheme is
 * read here; whether a URL follows is `scanUrl`'s business.
 */
export function schemeLength(text: string, at: number): number {
  if ((text.charCodeAt(at) | 0x20) !== 0x68) return 0;
  if (!isSchemeMiddle(text.charCodeAt(at + 1)) || !isSchemeMiddle(text.charCodeAt(at + 2))) return 0;
  if ((text.charCodeAt(at + 3) | 0x20) !== 0x70) return 0;
  let end = at + 4;
  if ((text.charCodeAt(end) | 0x20) === 0x73) end += 1;
  return text.startsWith('://', end) ? end + 3 - at : 0;
}

export interface UrlMatch {
  value: string;
  /** End of the address in the prepared text (exclusive). */
  end: number;
}

/** A URL starting at `start` (where `schemeLength` is not 0), or null when it has no usable host. */
export function scanUrl(text: string, start: number): UrlMatch | null {
  const scheme = schemeLength(text, start);
  if (scheme === 0 || isAsciiAlnum(text.charCodeAt(start - 1))) return null;
  const bodyStart = start + scheme;

  // The authority is read and judged before the rest, so that a URL refused for its host has cost
  // no more than its host: `http://http://http://…` stays linear.
  let authorityEnd = urlEnd(text, bodyStart, true);
  const next = text.charCodeAt(authorityEnd);
  const hasRest = next === 0x2f || next === 0x3f || next === 0x23;
  if (!hasRest) authorityEnd = trimTrailing(text, bodyStart, authorityEnd);
  const authority = text.slice(bodyStart, authorityEnd);
  const at = authority.lastIndexOf('@');
  const host = normaliseAuthorityHost(authority.slice(at + 1));
  if (host === null) return null;

  const end = hasRest ? trimTrailing(text, authorityEnd, urlEnd(text, authorityEnd, false)) : authorityEnd;
  const secure = scheme === 8;
  const value = `${secure ? 'https' : 'http'}://${authority.slice(0, at + 1)}${host}${text.slice(authorityEnd, end)}`;
  return { value, end };
}

/**
 * Where the address that goes on at `from` ends, before trimming: at prose (see `isUrlChar`), at a
 * comma before any `?` or `#`, and — reading the authority only — at the first `/`, `?` or `#`.
 */
function urlEnd(text: string, from: number, authorityOnly: boolean): number {
  let inQuery = false;
  let end = from;
  for (; end < text.length; end += 1) {
    const c = text.charCodeAt(end);
    if (!isUrlChar(c) || (c === 0x2c && !(inQuery && isPlainValueAfter(text, end + 1)))) break;
    if (c === 0x3f || c === 0x23 || c === 0x2f) {
      if (authorityOnly) break;
      if (c !== 0x2f) inQuery = true;
    }
  }
  return end;
}

/**
 * Whether the text after a comma in a query reads as one more value of it (`?ids=1,2,3`) rather than
 * as the next column of a CSV row: a short run (under 32 characters, up to the next comma or end)
 * holding no `.`, `:` or `/` — no name, address, URL or hash. Bounded look-ahead: still linear.
 */
function isPlainValueAfter(text: string, from: number): boolean {
  for (let i = from; i < from + 32; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x2c || !isUrlChar(c)) return i > from;
    if (c === 0x2e || c === COLON || c === 0x2f) return false;
  }
  return false;
}

/** Drops trailing prose punctuation, and closing brackets with no opening partner in [from, end). */
function trimTrailing(text: string, from: number, end: number): number {
  let parens = 0;
  let brackets = 0;
  for (let i = from; i < end; i += 1) {
    const c = text.charCodeAt(i);
    if (c === OPEN_PAREN) parens += 1;
    else if (c === CLOSE_PAREN) parens -= 1;
    else if (c === OPEN_BRACKET) brackets += 1;
    else if (c === CLOSE_BRACKET) brackets -= 1;
  }
  let trimmed = end;
  while (trimmed > from) {
    const c = text.charCodeAt(trimmed - 1);
    if (c === CLOSE_PAREN && parens < 0) parens += 1;
    else if (c === CLOSE_BRACKET && brackets < 0) brackets += 1;
    else if (!TRAILING.has(c)) break;
    trimmed -= 1;
  }
  return trimmed;
}

/** `host[:port]` or `[v6][:port]` → the host in normal form followed by the port as written. */
function normaliseAuthorityHost(hostPort: string): string | null {
  let host = hostPort;
  let port = '';
  if (hostPort.charCodeAt(0) === OPEN_BRACKET) {
    const close = hostPort.indexOf(']');
    if (close < 0) return null;
    port = hostPort.slice(close + 1);
    const v6 = ipv6Host(hostPort.slice(1, close));
    if (v6 === null || !isPort(port)) return null;
    return `[${v6.value}]${port}`;
  }
  const colon = hostPort.lastIndexOf(':');
  if (colon >= 0) {
    port = hostPort.slice(colon);
    host = hostPort.slice(0, colon);
    if (!isPort(port)) return null;
  }
  // A fully qualified name's root dot (`evil.example.`) is dropped, as the validator drops it.
  if (host.endsWith('.')) host = host.slice(0, -1);
  const found = /^[0-9.]+$/.test(host) ? ipv4Host(host) : domainHost(host, true);
  return found === null ? null : `${found.value}${port}`;
}

/** '' or ':' followed by 1–5 digits up to 65535. */
function isPort(port: string): boolean {
  if (port === '') return true;
  if (port.charCodeAt(0) !== COLON || !/^:[0-9]{1,5}$/.test(port)) return false;
  return Number(port.slice(1)) <= 65535;
}
