/**
 * Is this text a host worth looking up, and what is its normalised form? The form is the one the
 * app's own validator gives (validate.ts, validate-ip.ts: IP addresses through its parser and
 * formatter, Unicode names through `validateLookupValue`, ASCII names through `asciiDomain`, which
 * tests hold to it), so whatever the extractor finds the lookup accepts unchanged.
 *
 * Decisions:
 * - A domain must end in a top-level domain of the ICANN section of the public suffix list
 *   (`tldts`, pure JavaScript, the same in the renderer and in Node). Names under no public suffix —
 *   `server.local`, `foo.internal`, `host.lan`, `x.invalid`, `x.localhost`, `x.alt` — are private or
 *   can never resolve: TIP knows nothing of them and a lookup would spend quota for nothing.
 * - The reserved `.test` and `.example` (RFC 2606) are accepted although no public suffix holds
 *   them: the demo TIP service's world lives there. `example.com/.net/.org` are ordinary `.com`…
 * - `.arpa` is refused: `5.113.0.203.in-addr.arpa` is a reverse-DNS pointer, not a host.
 * - `.onion` is in the ICANN section and is kept: onion services are indicators in their own right.
 * - A name that is itself a public suffix (`co.uk`, `kawasaki.jp`) is refused: it names no one.
 * - Some real TLDs are far more often file extensions (FILE_TLDS). Written without a scheme and
 *   without defanging, such a name is taken for a file (`archive.zip`, `setup.py`, `README.md`).
 *   A scheme (`http://evil.zip/`) or a defang (`evil[.]zip`) says the writer meant a host.
 * - A title-case top-level label after an all-lower-case label (`the report.It was`) is two
 *   sentences with a missing space, not a host in Italy; `Amazon.Com` and `EVIL.COM` are hosts.
 */
import { getDomain, parse } from 'tldts';
import { MAX_DOMAIN_LENGTH, MAX_LABEL_LENGTH, validateLookupValue } from './validate';
import { formatIPv4, formatIPv6, parseIPv4, parseIPv6 } from './validate-ip';

const RESERVED_ACCEPTED = new Set(['test', 'example']);
const REFUSED_TLDS = new Set(['arpa']);
/**
 * Real TLDs that in analysts' text are nearly always file extensions: archives and media (`zip`,
 * `mov`, `cab`), scripts and source (`py`, `sh`, `rs`, `pm`, `java`, `so` libraries), documents
 * (`md`, `one` — OneNote lures —, `dot` Word templates, `pub` Publisher files). Kept as hosts despite
 * the overlap: `pl`, `cc`, `ai`, `app`, `ml`, `tf`, `ps`, `cat`, `com` — each names many real hosts.
 */
const FILE_TLDS = new Set(['zip', 'mov', 'cab', 'py', 'sh', 'rs', 'pm', 'java', 'so', 'md', 'one', 'dot', 'pub']);

const TLDTS_OPTIONS = {
  allowPrivateDomains: false,
  detectIp: false,
  extractHostname: false,
  mixedInputs: false,
  validateHostname: false,
} as const;
const TLD_CACHE_LIMIT = 4096;
/** 253 characters, with room for a Unicode name, whose A-label form is what the validator measures. */
const MAX_CANDIDATE_LENGTH = 1000;
const publicTlds = new Map<string, boolean>();

/** Whether a name ends in an ICANN suffix depends only on its last label: one look-up per label. */
function isPublicTld(tld: string): boolean {
  let known = publicTlds.get(tld);
  if (known === undefined) {
    known = parse(tld, TLDTS_OPTIONS).isIcann === true;
    // Random text brings endless distinct "labels": keep the cache bounded.
    if (publicTlds.size >= TLD_CACHE_LIMIT) publicTlds.clear();
    publicTlds.set(tld, known);
  }
  return known;
}

export interface Host {
  type: 'ip' | 'domain';
  value: string;
  /** Accept only where the writer marked it as an indicator (a defang): see FILE_TLDS. */
  onlyIfMarked: boolean;
}

function tldVerdict(tld: string, withScheme: boolean): 'no' | 'yes' | 'marked' {
  if (RESERVED_ACCEPTED.has(tld)) return 'yes';
  if (REFUSED_TLDS.has(tld) || !isPublicTld(tld)) return 'no';
  return FILE_TLDS.has(tld) && !withScheme ? 'marked' : 'yes';
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** `report.It`: an upper-case letter then lower-case letters, after a label with no capital. */
function looksLikeSentenceJoin(text: string, lastDot: number): boolean {
  const first = text.charCodeAt(lastDot + 1);
  if (first < 0x41 || first > 0x5a) return false;
  const tld = text.slice(lastDot + 1);
  if (!/^[A-Z][a-z]+$/.test(tld)) return false;
  const previous = text.slice(text.lastIndexOf('.', lastDot - 1) + 1, lastDot);
  return !/[A-Z]/.test(previous);
}

/**
 * `text` is a candidate name with no surrounding punctuation (the caller trims it). Returns the
 * normalised domain (lower case, A-labels), or null.
 */
export function domainHost(text: string, withScheme: boolean): Host | null {
  if (text.length > MAX_CANDIDATE_LENGTH) return null;
  const lastDot = text.lastIndexOf('.');
  if (lastDot <= 0 || lastDot === text.length - 1) return null;
  let value: string | null;
  let verdict: 'no' | 'yes' | 'marked';
  if (isAscii(text)) {
    // The top-level label first: most dotted words in prose end in no TLD at all (`report.pdf`).
    verdict = tldVerdict(text.slice(lastDot + 1).toLowerCase(), withScheme);
    value = verdict === 'no' ? null : asciiDomain(text);
  } else {
    const checked = validateLookupValue('domain', text);
    value = checked.ok ? checked.value : null;
    verdict = value === null ? 'no' : tldVerdict(value.slice(value.lastIndexOf('.') + 1), withScheme);
  }
  if (value === null || verdict === 'no' || isPublicSuffix(value)) return null;
  const sentenceJoin = !withScheme && looksLikeSentenceJoin(text, lastDot);
  return { type: 'domain', value, onlyIfMarked: verdict === 'marked' || sentenceJoin };
}

/**
 * `co.uk`, `kawasaki.jp`: a public suffix itself names no one ("the .co.uk domains"). Only two-label
 * names are asked: deeper suffixes (`pvt.k12.ma.us`) are too rare in text to pay a look-up on every
 * name for.
 */
function isPublicSuffix(name: string): boolean {
  const lastDot = name.lastIndexOf('.');
  if (name.lastIndexOf('.', lastDot - 1) >= 0) return false;
  return !RESERVED_ACCEPTED.has(name.slice(lastDot + 1)) && getDomain(name, TLDTS_OPTIONS) === null;
}

/**
 * validate.ts's rules for an ASCII name (no trailing dot), restated as one pass that allocates only
 * the lower-cased result: labels of 1–63 letters, digits, hyphens and underscores, none starting or
 * ending with a hyphen; at least two labels; at most 253 characters; a top-level label with no
 * underscore that is not all digits. It exists for speed alone — the validator costs several
 * microseconds a name and a paste holds thousands (bench/extract.ts) — and
 * tests/shared/indicators-fuzz.test.ts holds it to the validator's answer on every name the fuzzer
 * makes, so the two cannot drift apart unnoticed. Unicode names go through the validator itself.
 */
export function asciiDomain(text: string): string | null {
  if (text.length > MAX_DOMAIN_LENGTH) return null;
  let labelStart = 0;
  let labels = 0;
  let digitsOnly = true;
  let underscore = false;
  for (let i = 0; i <= text.length; i += 1) {
    const c = i < text.length ? text.charCodeAt(i) : 0x2e;
    if (c === 0x2e) {
      const length = i - labelStart;
      if (length === 0 || length > MAX_LABEL_LENGTH) return null;
      if (text.charCodeAt(labelStart) === 0x2d || text.charCodeAt(i - 1) === 0x2d) return null;
      if (i === text.length && (digitsOnly || underscore)) return null;
      labels += 1;
      labelStart = i + 1;
      digitsOnly = true;
      underscore = false;
    } else if (c === 0x5f) {
      underscore = true;
      digitsOnly = false;
    } else if (c === 0x2d || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a)) {
      digitsOnly = false;
    } else if (c < 0x30 || c > 0x39) {
      return null;
    }
  }
  return labels >= 2 ? text.toLowerCase() : null;
}

/**
 * A dotted quad (digits and dots only; leading zeros refused). For such text the validator does
 * exactly parseIPv4 + formatIPv4; calling them directly spares building its error messages for the
 * thousands of version numbers and dates that fail.
 */
export function ipv4Host(text: string): Host | null {
  const parsed = parseIPv4(text);
  return parsed.ok ? { type: 'ip', value: formatIPv4(parsed.value), onlyIfMarked: false } : null;
}

/**
 * An IPv6 address (hex digits, colons and dots only) in RFC 5952 form, through the validator's own
 * parser and formatter. Refused although the syntax parses: the unspecified address (`::`, also
 * C++'s scope operator in prose; `::0`) and eight groups of exactly two hex digits, which is an EUI-64 /
 * MAC-style identifier (`00:1a:2b:3c:4d:5e:6f:70`), not an address anyone writes that way. Text
 * with neither `::` nor seven colons (six before an IPv4 tail) is not tried: times, MAC addresses.
 */
export function ipv6Host(text: string): Host | null {
  let colons = 0;
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) colons += 1;
  if (!text.includes('::') && colons !== 7 && !(colons === 6 && text.includes('.'))) return null;
  if (/^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){7}$/.test(text)) return null;
  const parsed = parseIPv6(text);
  if (!parsed.ok || parsed.value.every((group) => group === 0)) return null;
  return { type: 'ip', value: formatIPv6(parsed.value), onlyIfMarked: false };
}
