/**
 * Character classes the indicator scanners share, decided by UTF-16 code unit so the scanners can
 * walk the text with `charCodeAt` and no regular expression (no backtracking, no per-character
 * allocation).
 */

const ALNUM = 1;
/** Part of a word the word scanner reads: host names, addresses, hashes, e-mail addresses. */
const WORD = 2;
/** Allowed inside a web address (ASCII only; non-ASCII is decided by range below). */
const URL_CHAR = 4;
const HEX = 8;

const ASCII = new Uint8Array(128);
for (let c = 0x21; c < 0x7f; c += 1) ASCII[c] = URL_CHAR;
for (const c of '"<>`{}|\\^') ASCII[c.charCodeAt(0)] = 0;
for (const c of '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ') {
  const code = c.charCodeAt(0);
  ASCII[code] = (ASCII[code] ?? 0) | ALNUM | WORD | (/[0-9a-fA-F]/.test(c) ? HEX : 0);
}
// `:` for IPv6 and ports, `@` for e-mail addresses; both are split off again by the word scanner.
for (const c of '.-_:@') ASCII[c.charCodeAt(0)] = (ASCII[c.charCodeAt(0)] ?? 0) | WORD;

export const DOT = 0x2e;
export const COLON = 0x3a;
export const AT = 0x40;
export const HYPHEN = 0x2d;
export const SLASH = 0x2f;
export const BACKSLASH = 0x5c;

export function isAsciiAlnum(c: number): boolean {
  return c < 128 && ((ASCII[c] ?? 0) & ALNUM) !== 0;
}

export function isHexDigit(c: number): boolean {
  return c < 128 && ((ASCII[c] ?? 0) & HEX) !== 0;
}

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Letters, digits and hyphens: what a DNS label is made of. */
export function isLabelChar(c: number): boolean {
  return isAsciiAlnum(c) || c === HYPHEN;
}

/**
 * Non-ASCII code units that can be part of an international domain name: letters and marks of any
 * script. Excluded are the blocks that hold only punctuation, symbols, spaces and controls (Latin-1
 * punctuation such as « » and the no-break space, general punctuation with the curly quotes, CJK
 * punctuation, full-width punctuation), private use, specials, and surrogates: astral characters
 * (emoji, mostly) never occur in a registrable name.
 */
export function isIdnChar(c: number): boolean {
  if (c < 0xc0) return false;
  if (c === 0xd7 || c === 0xf7) return false;
  if (c >= 0x2000 && c <= 0x2bff) return false;
  if (c >= 0x2e00 && c <= 0x2e7f) return false;
  if (c >= 0x3000 && c <= 0x303f) return false;
  if (c >= 0xd800 && c <= 0xf8ff) return false;
  if (c >= 0xfe00 && c <= 0xfe6f) return false;
  if (c >= 0xff00 && c <= 0xff0f) return false;
  if (c >= 0xff1a && c <= 0xff20) return false;
  if (c >= 0xff3b && c <= 0xff40) return false;
  if (c >= 0xff5b && c <= 0xff65) return false;
  return c < 0xfff0;
}

export function isWordChar(c: number): boolean {
  return c < 128 ? ((ASCII[c] ?? 0) & WORD) !== 0 : isIdnChar(c);
}

/** Han, kana and Hangul: scripts written without spaces, where an ASCII name sits glued to prose. */
export function isCjk(c: number): boolean {
  return (
    (c >= 0x3040 && c <= 0x30ff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xac00 && c <= 0xd7af) ||
    (c >= 0xf900 && c <= 0xfaff)
  );
}

/**
 * What may stand inside a web address found in prose. Besides what RFC 3986 never allows unencoded
 * (space, `"<>\^`{|}`), a URL also ends at controls, Unicode punctuation and spaces, surrogates and
 * CJK text: in running text those are the prose around the address, and a browser's copied
 * address has them percent-encoded. Letters of other scripts (an IRI's path) are kept.
 */
export function isUrlChar(c: number): boolean {
  if (c < 128) return ((ASCII[c] ?? 0) & URL_CHAR) !== 0;
  return isIdnChar(c) && !isCjk(c);
}
