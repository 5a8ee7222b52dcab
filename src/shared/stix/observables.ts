/**
 * Graph entities as STIX 2.1 cyber observables (SCOs), and the STIX pattern that detects each.
 * Values must satisfy the STIX JSON schemas the OASIS validator applies: an IPv4 dotted quad, a
 * domain that IDNA accepts (`format: idn-hostname`), a URL that is an RFC 3986 URI (`format: uri`),
 * hash values in hex. An entity whose value cannot be written validly is left out, not bent.
 */
import { utf8 } from './sha1';
import type { StixObject } from './types';
import { scoId } from './uuid';
import type { SeenEntity } from './evidence';

export interface Observable {
  object: StixObject;
  /** A STIX pattern matching this object. */
  pattern: string;
}

/** STIX 2.1 hash-algorithm-ov names by hex length; the order is the spec's preference for file ids (§2.9). */
const HASH_NAMES: readonly (readonly [string, number])[] = [
  ['MD5', 32],
  ['SHA-1', 40],
  ['SHA-256', 64],
  ['SHA-512', 128],
];

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6 = /^[0-9a-f:.]+$/i;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const UNRESERVED = /^[A-Za-z0-9._~-]$/;
const SUB_DELIMS = "!$&'()*+,;=";

/** A string literal in STIX patterning: only `\` and `'` are escaped (STIX 2.1 §9.2). */
export function patternLiteral(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * Whether IDNA (and so the validator's `idn-hostname` check) accepts the domain: LDH labels of 1–63
 * characters, no hyphen at either end, `--` in third and fourth place only for an `xn--` A-label.
 * DNS allows `_dmarc.example.com`; a STIX domain-name does not (RFC 1034 preferred syntax).
 */
export function isStixDomain(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false;
  return name.split('.').every((label) => LABEL.test(label) && (label.slice(2, 4) !== '--' || label.startsWith('xn--')));
}

function percentEncode(text: string, allowed: (char: string) => boolean): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    // An existing escape stays as it is; a stray `%` is itself escaped.
    if (text[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      out += text.slice(i, i + 3);
      i += 3;
      continue;
    }
    const char = String.fromCodePoint(text.codePointAt(i) ?? 0xfffd);
    if (allowed(char)) out += char;
    else for (const byte of utf8(char)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    i += char.length;
  }
  return out;
}

const isPathChar = (char: string): boolean => UNRESERVED.test(char) || SUB_DELIMS.includes(char) || ':@/?'.includes(char);
const isUserChar = (char: string): boolean => UNRESERVED.test(char) || SUB_DELIMS.includes(char) || char === ':';

/**
 * The URL as a STIX `url` value: its own scheme kept (https stays https); TIP's scheme-less list form
 * (`203.0.113.45/dl/payload.exe`) gets `http://`, the scheme such a listing implies. Characters RFC 3986
 * does not allow where they stand (spaces, `|`, non-ASCII, a second `#`) are percent-encoded as
 * UTF-8, which STIX 2.1 §6.16 requires (the value MUST conform to RFC 3986).
 */
export function stixUrl(value: string): string | undefined {
  const text = value.trim();
  const scheme = SCHEME.exec(text)?.[0].toLowerCase() ?? 'http://';
  const rest = SCHEME.test(text) ? text.replace(SCHEME, '') : text;
  const end = rest.search(/[/?#\\]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  const tail = end < 0 ? '' : rest.slice(end);
  const at = authority.lastIndexOf('@');
  const userinfo = at < 0 ? '' : `${percentEncode(authority.slice(0, at), isUserChar)}@`;
  const hostPort = authority.slice(at + 1);
  if (!/^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~!$&'()*+,;=-]+)(?::\d*)?$/.test(hostPort)) return undefined;
  const hash = tail.indexOf('#');
  const pathQuery = hash < 0 ? tail : tail.slice(0, hash);
  const fragment = hash < 0 ? '' : `#${percentEncode(tail.slice(hash + 1), isPathChar)}`;
  return `${scheme}${userinfo}${hostPort}${percentEncode(pathQuery, isPathChar)}${fragment}`;
}

function fileHashes(entity: SeenEntity): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const name of [entity.value, ...entity.aliases]) {
    const hash = name.toLowerCase();
    if (!/^[0-9a-f]+$/.test(hash)) continue;
    const algorithm = HASH_NAMES.find(([, length]) => length === hash.length)?.[0];
    if (algorithm !== undefined && hashes[algorithm] === undefined) hashes[algorithm] = hash;
  }
  return hashes;
}

function valueObservable(type: string, value: string): Observable {
  return {
    object: { type, spec_version: '2.1', id: scoId(type, { value }), value },
    pattern: `[${type}:value = ${patternLiteral(value)}]`,
  };
}

/** The entity as an SCO with its spec-deterministic id, or undefined when it cannot be written validly. */
export function observableOf(entity: SeenEntity): Observable | undefined {
  switch (entity.type) {
    case 'ip':
      if (IPV4.test(entity.value)) return valueObservable('ipv4-addr', entity.value);
      return entity.value.includes(':') && IPV6.test(entity.value) ? valueObservable('ipv6-addr', entity.value.toLowerCase()) : undefined;
    case 'domain':
      return isStixDomain(entity.value) ? valueObservable('domain-name', entity.value) : undefined;
    case 'url': {
      const url = stixUrl(entity.value);
      return url === undefined ? undefined : valueObservable('url', url);
    }
    case 'file': {
      const hashes = fileHashes(entity);
      const preferred = HASH_NAMES.find(([name]) => hashes[name] !== undefined)?.[0];
      if (preferred === undefined) return undefined;
      // Only one hash contributes to the id, chosen in the spec's order, so a file keeps its id
      // when a later answer adds its SHA-256.
      const id = scoId('file', { hashes: { [preferred]: hashes[preferred] ?? '' } });
      const pattern = HASH_NAMES.filter(([name]) => hashes[name] !== undefined)
        .map(([name]) => `file:hashes.${name === 'MD5' ? 'MD5' : `'${name}'`} = ${patternLiteral(hashes[name] ?? '')}`)
        .join(' OR ');
      return { object: { type: 'file', spec_version: '2.1', id, hashes }, pattern: `[${pattern}]` };
    }
  }
}
