/**
 * Checks a lookup value before anything is sent and returns the exact text to send.
 * Pure TypeScript: no Node, DOM or Electron import (the `URL` global exists in Node, Chromium and
 * Electron alike; it is declared below because the shared tsconfig has no DOM or Node types).
 *
 * Decisions:
 * - Surrounding whitespace is trimmed for every type (it is never part of an indicator).
 * - ip: dotted-quad IPv4 (leading zeros refused, see validate-ip.ts) or IPv6 normalised to RFC 5952;
 *   `[…]` brackets around an IPv6 address are dropped.
 * - domain: one trailing dot dropped, IDN converted to punycode (A-labels), lower case, labels of
 *   letters, digits, hyphens (and underscores below the top level) of 1..63 characters, at most 253 characters, at least one dot, the last label not a number.
 * - url: sent as written (no normalisation: TIP looks the text up as is). Control characters and
 *   broken UTF-16 are refused. The 2000 limit applies to the trimmed web address itself, before
 *   percent-encoding, counted in UTF-16 code units (JavaScript's and .NET's string length): the same
 *   as characters except that an emoji or other astral character counts as two. That is the
 *   conservative count — a server counting code points accepts everything this accepts.
 * - hash: MD5, SHA-1 or SHA-256 in hex, sent in lower case (TIP compares case-insensitively).
 */
import { fail, ok, type Result } from '../ipc/result';
import type { LookupType } from '../tip/types';
import { formatIPv4, formatIPv6, parseIPv4, parseIPv6 } from './validate-ip';

declare const URL: new (input: string) => { readonly hostname: string };

export const MAX_URL_LENGTH = 2000;
export const MAX_DOMAIN_LENGTH = 253;
export const MAX_LABEL_LENGTH = 63;

export function validateLookupValue(type: LookupType, value: string): Result<string> {
  const text = value.trim();
  switch (type) {
    case 'ip':
      return validateIp(text);
    case 'domain':
      return validateDomain(text);
    case 'url':
      return validateUrl(text);
    case 'hash':
      return validateHash(text);
    default:
      return fail('INVALID_INPUT', `‘${String(type)}’ is not a lookup type (ip, domain, url or hash).`);
  }
}

/**
 * Percent-encodes a lookup object into ONE path segment with no safe characters left: like
 * `encodeURIComponent` (UTF-8 bytes, upper-case hex) plus `!'()*`. Throws URIError on broken UTF-16,
 * which `validateLookupValue` refuses first.
 */
export function encodeUrlObject(url: string): string {
  return encodeURIComponent(url).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

// ---------------------------------------------------------------------------------------------

function shown(text: string): string {
  const chars = Array.from(text);
  return chars.length > 60 ? `${chars.slice(0, 57).join('')}…` : text;
}

function describeChar(c: string): string {
  if (c === ' ') return 'a space';
  const code = c.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) {
    return `a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
  }
  return `‘${c}’`;
}

function validateIp(input: string): Result<string> {
  const bad = (reason: string): Result<string> =>
    fail('INVALID_INPUT', `‘${shown(input)}’ is not an IPv4 or IPv6 address: ${reason}.`);
  if (input === '') return fail('INVALID_INPUT', 'The IP address is empty.');

  const text = input.startsWith('[') && input.endsWith(']') ? input.slice(1, -1) : input;
  if (text.includes(':')) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
      return bad('it is a web address; look it up as a url');
    }
    const v6 = parseIPv6(text);
    return v6.ok ? ok(formatIPv6(v6.value)) : bad(v6.reason);
  }
  // Mostly numbers and dots (`1.2.3.x`): diagnose it as the IPv4 address it was meant to be.
  if (/^[0-9.]+$/.test(text) || /^[0-9]+\.[0-9]+\.[0-9]+\./.test(text)) {
    const v4 = parseIPv4(text);
    return v4.ok ? ok(formatIPv4(v4.value)) : bad(v4.reason);
  }
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+\.?$/i.test(text) && /[a-z]/i.test(text)) {
    return bad('it looks like a domain; look it up as a domain');
  }
  const odd = Array.from(text).find((c) => !/[0-9a-fA-F.:]/.test(c));
  return bad(odd === undefined ? 'it is neither' : `it contains ${describeChar(odd)}`);
}

function validateDomain(input: string): Result<string> {
  const bad = (reason: string): Result<string> =>
    fail('INVALID_INPUT', `‘${shown(input)}’ is not a domain name: ${reason}.`);
  if (input === '') return fail('INVALID_INPUT', 'The domain name is empty.');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) return bad('it is a web address; look it up as a url');

  let text = input.endsWith('.') ? input.slice(0, -1) : input;
  for (const c of text) {
    // Underscores are not valid in host names but do occur in real DNS names (service labels,
    // throw-away subdomains), and TIP knows such names: accept them below the top level.
    if (c.charCodeAt(0) < 0x80 && !/[A-Za-z0-9._-]/.test(c)) {
      return bad(`${describeChar(c)} is not allowed (letters, digits, hyphens, underscores and dots only)`);
    }
  }
  if (hasNonAscii(text)) {
    try {
      // WHATWG URL host parsing applies UTS #46 (IDNA) mapping and punycode.
      text = new URL(`http://${text}`).hostname;
    } catch {
      return bad('it is not a valid international domain name');
    }
    if (/^[0-9.]+$/.test(text)) return bad('it is an IP address; look it up as an ip');
  }
  text = text.toLowerCase();

  const labels = text.split('.');
  if (labels.length < 2) return bad('it has no dot (a domain looks like example.com)');
  for (const label of labels) {
    if (label === '') return bad('it has an empty label (two dots in a row, or a dot at an end)');
    if (label.length > MAX_LABEL_LENGTH) {
      return bad(`the label ‘${shown(label)}’ is ${label.length} characters long, at most ${MAX_LABEL_LENGTH} are allowed`);
    }
    if (!/^[a-z0-9_-]+$/.test(label)) {
      return bad(`the label ‘${shown(label)}’ holds characters other than letters, digits, hyphens and underscores`);
    }
    if (label.startsWith('-') || label.endsWith('-')) {
      return bad(`the label ‘${shown(label)}’ starts or ends with a hyphen`);
    }
  }
  if (text.length > MAX_DOMAIN_LENGTH) {
    return bad(`it is ${text.length} characters long, at most ${MAX_DOMAIN_LENGTH} are allowed`);
  }
  if ((labels[labels.length - 1] ?? '').includes('_')) {
    return bad('its last label (the top-level domain) holds an underscore');
  }
  if (/^[0-9]+$/.test(labels[labels.length - 1] ?? '')) {
    return bad('it ends in a number, so it is an IP address or nothing; an IP is looked up as an ip');
  }
  return ok(text);
}

function hasNonAscii(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > 0x7f) return true;
  return false;
}

function validateUrl(text: string): Result<string> {
  if (text === '') return fail('INVALID_INPUT', 'The web address is empty.');
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return brokenUnicode(i);
      i += 1;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return brokenUnicode(i);
    } else if (unit < 0x20 || (unit >= 0x7f && unit <= 0x9f) || unit === 0x2028 || unit === 0x2029) {
      return fail(
        'INVALID_INPUT',
        `The web address contains ${describeChar(String.fromCharCode(unit))} at position ${i + 1}; ` +
          'line breaks, tabs and other control characters cannot be part of it.',
      );
    }
  }
  if (text.length > MAX_URL_LENGTH) {
    return fail(
      'URL_TOO_LONG',
      `The web address is ${text.length} characters long; TIP looks up addresses of at most ${MAX_URL_LENGTH} characters.`,
    );
  }
  return ok(text);
}

function brokenUnicode(index: number): Result<string> {
  return fail(
    'INVALID_INPUT',
    `The web address contains a broken Unicode character (a lone surrogate) near position ${index + 1}.`,
  );
}

const HASH_KINDS: Record<number, string> = { 32: 'MD5', 40: 'SHA-1', 64: 'SHA-256' };

function validateHash(text: string): Result<string> {
  const bad = (reason: string): Result<string> =>
    fail('INVALID_INPUT', `‘${shown(text)}’ is not an MD5, SHA-1 or SHA-256 hash: ${reason}.`);
  if (text === '') return fail('INVALID_INPUT', 'The hash is empty.');
  const odd = Array.from(text).find((c) => !/[0-9a-fA-F]/.test(c));
  if (odd !== undefined) return bad(`${describeChar(odd)} is not a hex digit`);
  if (HASH_KINDS[text.length] === undefined) {
    return bad(`it has ${text.length} hex digits, expected 32 (MD5), 40 (SHA-1) or 64 (SHA-256)`);
  }
  return ok(text.toLowerCase());
}
