/**
 * Indicators written without a scheme, read one "word" at a time: a run of letters, digits and
 * `. - _ : @` (see `isWordChar`). Brackets, quotes, slashes, commas, `=`, `%` and spaces end a word,
 * so `[203.0.113.5]`, `"evil.example"`, `ip=…`, `evil.com/pay` and `fe80::1%eth0` need no special
 * case. Inside a word:
 *
 * - An e-mail address yields its domain: only the part after the last `@` is read.
 * - A word with two or more colons is first read whole as an IPv6 address (`::ffff:192.0.2.1`).
 * - Otherwise the word is read as colon-separated parts, so a port after an address or name is
 *   dropped (`1.2.3.4:8080` → `1.2.3.4`) and `sha256:<hex>` finds the hash; times (`12:34:56`) and
 *   MAC addresses (`00:1a:2b:3c:4d:5e`) yield nothing.
 * - A part of digits and dots is an IPv4 address only if it is exactly a dotted quad: `1.2.3.4.5`,
 *   `1.5.2024` and `3.14` are versions, dates and numbers, and `v1.2.3.4` is no address either. A
 *   range `192.0.2.1-192.0.2.9` yields both ends; a CIDR `192.0.2.0/24` yields its address.
 * - A part with a dot and a letter is tried as a domain (host.ts), except right after a single `/`
 *   or `\` — a path segment (`/tmp/evil.com`, `C:\Users\x\evil.com`); `//host` and `\\host` (UNC)
 *   are hosts —, right before `(` — a function call in pasted code (`model.fit(`) — and as a JSON
 *   key (`"host.name": …`, `"event.id": …`: ECS field names that end in real TLDs).
 * - Anything else is searched for hashes: a hex run of exactly 32, 40 or 64 characters with letters
 *   or digits on neither side, holding at least one digit and one letter (an all-digit run is a
 *   number, all-letter hex is a word like `deadbeef…`; a real MD5 is either about 3 times in 10
 *   million). `<md5>.exe` and `file_<md5>` yield the hash; `{6F9619FF-8B86-…}` GUIDs, 33-hex runs
 *   and `0x`-prefixed numbers do not. A 32-hex GUID written without dashes cannot be told from an
 *   MD5 and is taken for one.
 */
import * as chars from './char-classes';
import { domainHost, ipv4Host, ipv6Host } from './host';

// Bound once at load: under CommonJS interop (tsx, vitest) each use of an imported name is a getter
// call, and these run for every character of a candidate (measured with bench/extract.ts).
const { AT, BACKSLASH, COLON, DOT, HYPHEN, SLASH, isAsciiAlnum, isDigit, isHexDigit, isIdnChar } = chars;

export interface WordSink {
  add(type: 'ip' | 'domain' | 'hash', value: string, from: number, to: number): void;
  /** Whether the text as written behind [from, to) was defanged: the writer marked an indicator. */
  isMarked(from: number, to: number): boolean;
}

const HASH_LENGTHS = new Set([32, 40, 64]);
/** `ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255`, the longest IPv6 text form. */
const MAX_IPV6_LENGTH = 45;
const OPEN_PAREN = 0x28;
const UNDERSCORE = 0x5f;
const QUOTE = 0x22;

export function scanWord(text: string, start: number, end: number, sink: WordSink): void {
  let from = start;
  let colons = 0;
  for (let i = start; i < end; i += 1) {
    const c = text.charCodeAt(i);
    if (c === COLON) {
      colons += 1;
    } else if (c === AT) {
      from = i + 1;
      colons = 0;
    }
  }
  if (colons >= 2 && scanIPv6(text, from, end, sink)) return;

  const before = text.charCodeAt(start - 1);
  const inPath = (before === SLASH || before === BACKSLASH) && text.charCodeAt(start - 2) !== before;
  const isCodeName = text.charCodeAt(end) === OPEN_PAREN || isJsonKey(text, end);
  let partStart = from;
  for (let i = from; i <= end; i += 1) {
    if (i < end && text.charCodeAt(i) !== COLON) continue;
    const hostAllowed = !(partStart === from && inPath) && !(i === end && isCodeName);
    scanPart(text, partStart, i, hostAllowed, sink);
    partStart = i + 1;
  }
}

/** `"host.name": …` — the word just before `end` is a JSON key (ECS field names end in real TLDs). */
function isJsonKey(text: string, end: number): boolean {
  if (text.charCodeAt(end) !== QUOTE) return false;
  let i = end + 1;
  while (text.charCodeAt(i) === 0x20 && i < end + 4) i += 1;
  return text.charCodeAt(i) === COLON;
}

function scanIPv6(text: string, from: number, end: number, sink: WordSink): boolean {
  let to = end;
  while (to > from && text.charCodeAt(to - 1) === DOT) to -= 1;
  // `… 2001:db8::1: connection refused` — but `2001:db8::` ends in its own `::`.
  if (text.charCodeAt(to - 1) === COLON && text.charCodeAt(to - 2) !== COLON) to -= 1;
  if (to - from > MAX_IPV6_LENGTH) return false;
  for (let i = from; i < to; i += 1) {
    const c = text.charCodeAt(i);
    if (!isHexDigit(c) && c !== COLON && c !== DOT) return false;
  }
  const host = ipv6Host(text.slice(from, to));
  if (host === null) return false;
  sink.add('ip', host.value, from, to);
  return true;
}

function isTrimmed(c: number, atEnd: boolean): boolean {
  // A leading `_` stays: `_dmarc.example.com` is a real name. No label ends in one.
  return c === DOT || c === HYPHEN || (atEnd && c === UNDERSCORE);
}

function scanPart(text: string, start: number, end: number, hostAllowed: boolean, sink: WordSink): void {
  let a = start;
  let b = end;
  while (a < b && isTrimmed(text.charCodeAt(a), false)) a += 1;
  while (b > a && isTrimmed(text.charCodeAt(b - 1), true)) b -= 1;
  if (a >= b) return;

  let dots = 0;
  let hyphens = 0;
  let numeric = true;
  for (let i = a; i < b; i += 1) {
    const c = text.charCodeAt(i);
    if (c === DOT) dots += 1;
    else if (c === HYPHEN) hyphens += 1;
    else if (!isDigit(c)) numeric = false;
  }
  if (numeric) {
    if (dots === 3 || (dots >= 3 && hyphens > 0)) scanDottedNumbers(text, a, b, hyphens > 0, sink);
    return;
  }
  if (dots > 0) {
    const host = domainHost(text.slice(a, b), false);
    if (host !== null) {
      if (hostAllowed && (!host.onlyIfMarked || sink.isMarked(a, b))) sink.add('domain', host.value, a, b);
      return;
    }
  }
  scanHashes(text, a, b, sink);
}

/** Dotted quads, alone or as the ends of a `first-last` range. */
function scanDottedNumbers(text: string, a: number, b: number, isRange: boolean, sink: WordSink): void {
  if (!isRange) {
    const ip = ipv4Host(text.slice(a, b));
    if (ip !== null) sink.add('ip', ip.value, a, b);
    return;
  }
  let pieceStart = a;
  for (let i = a; i <= b; i += 1) {
    if (i < b && text.charCodeAt(i) !== HYPHEN) continue;
    const ip = i - pieceStart <= 15 ? ipv4Host(text.slice(pieceStart, i)) : null;
    if (ip !== null) sink.add('ip', ip.value, pieceStart, i);
    pieceStart = i + 1;
  }
}

function scanHashes(text: string, a: number, b: number, sink: WordSink): void {
  for (let i = a; i < b; ) {
    if (!isAsciiAlnum(text.charCodeAt(i)) && !isIdnChar(text.charCodeAt(i))) {
      i += 1;
      continue;
    }
    let j = i;
    let hex = true;
    let digits = 0;
    for (; j < b; j += 1) {
      const c = text.charCodeAt(j);
      if (!isAsciiAlnum(c) && !isIdnChar(c)) break;
      if (!isHexDigit(c)) hex = false;
      else if (isDigit(c)) digits += 1;
    }
    const length = j - i;
    if (hex && HASH_LENGTHS.has(length) && digits > 0 && digits < length) {
      sink.add('hash', text.slice(i, j).toLowerCase(), i, j);
    }
    i = j;
  }
}
