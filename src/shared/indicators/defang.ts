/**
 * Defanging: writing an indicator so that no mail client, chat or browser turns it into a live link
 * (`bad[.]example[.]com`, `hxxps[:]//host[.]tld/path`), and its inverse for text that was defanged.
 * Pure: no Node, DOM or Electron import.
 *
 * Decisions:
 * - Only hosts are bracketed: dots in a URL's path, query or file name stay as they are, so a copied
 *   `…/invoice.exe` still reads as the file name the analyst saw.
 * - `defang` is idempotent: an already bracketed dot or scheme is left alone, never double-wrapped.
 * - IPv6 addresses and hashes are returned unchanged: no client links them, and bracketing colons
 *   would make an address that no tool reads back.
 */
import type { LookupType } from '../tip/types';

/** A dot not already inside `[.]`. */
const BARE_DOT = /(?<!\[)\.(?!\])/g;
/** `scheme://` or an already defanged `scheme[:]//` at the start of a URL. */
const SCHEME = /^([a-z][a-z0-9+.-]*)(?::|\[:\])\/\//i;

function bracketDots(host: string): string {
  return host.replace(BARE_DOT, '[.]');
}

/** `http` → `hxxp`, `HTTPS` → `HXXPS`: the letter case of the original is kept. */
function defangSchemeName(name: string): string {
  return name.replace(/^(h)(tt)(ps?)$/i, (_all, h: string, tt: string, rest: string) =>
    `${h}${tt === 'TT' ? 'XX' : 'xx'}${rest}`,
  );
}

/** The host inside an authority (`user@host:port`); an IPv6 literal `[…]` is kept as it is. */
function defangAuthority(authority: string): string {
  const at = authority.lastIndexOf('@');
  const userInfo = at >= 0 ? authority.slice(0, at + 1) : '';
  const hostPort = authority.slice(at + 1);
  if (hostPort.startsWith('[')) return authority;
  const colon = hostPort.indexOf(':');
  const host = colon >= 0 ? hostPort.slice(0, colon) : hostPort;
  const port = colon >= 0 ? hostPort.slice(colon) : '';
  return `${userInfo}${bracketDots(host)}${port}`;
}

function defangUrl(url: string): string {
  const scheme = SCHEME.exec(url);
  const rest = scheme ? url.slice(scheme[0].length) : url;
  const end = rest.search(/[/?#]/);
  const authority = end >= 0 ? rest.slice(0, end) : rest;
  const tail = end >= 0 ? rest.slice(end) : '';
  const prefix = scheme ? `${defangSchemeName(scheme[1] ?? '')}[:]//` : '';
  return `${prefix}${defangAuthority(authority)}${tail}`;
}

/** The value written so that nothing turns it into a live link; see the decisions above. */
export function defang(value: string, type: LookupType): string {
  switch (type) {
    case 'ip':
      return value.includes(':') ? value : bracketDots(value);
    case 'domain':
      return bracketDots(value);
    case 'url':
      return defangUrl(value);
    case 'hash':
      return value;
    default:
      return value;
  }
}

/**
 * Undoes the common defangs anywhere in a text: `[.]` `(.)` `{.}` `[dot]` `(dot)` → `.`,
 * `hxxp` / `hXXps` / `h**p` before a colon → `http` / `https`, `[:]` → `:`, `[://]` → `://`,
 * `[/]` → `/`. Text with no defang comes back unchanged.
 */
export function refangText(text: string): string {
  return text
    .replace(/\bh(?:xx|\*\*)p(s?)(?=\[?:)/gi, (_all, s: string) => `http${s.toLowerCase()}`)
    .replace(/\[:\/\/\]/g, '://')
    .replace(/\[:\]/g, ':')
    .replace(/\[\/\]/g, '/')
    .replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}/gi, '.');
}
