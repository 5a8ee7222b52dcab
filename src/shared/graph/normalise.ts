/**
 * One spelling per object, so the same IP, domain, URL or file met in two answers gets one id.
 * IPs, domains and URLs go through the lookup validator (validate.ts) and hashes follow its rule
 * (32, 40 or 64 hex digits, lower case), so the graph and the lookup box agree on what a value is and
 * how it is written. Every function takes `unknown` and answers `undefined` for a value that does not
 * validate: the caller skips it.
 */
import { MAX_DOMAIN_LENGTH, validateLookupValue } from '../indicators/validate';

export type HostType = 'ip' | 'domain';
export interface Host {
  type: HostType;
  value: string;
}

/*
 * Fast paths. An IP answer holds thousands of values and the validator, written for one value
 * typed by a person, costs microseconds each (and more when it words a refusal). Values already in
 * their normal form — nearly all of TIP's — are recognised by one regular expression that accepts
 * only text the validator accepts unchanged; anything else goes through the validator itself, so
 * the two can never disagree.
 */
const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const CANONICAL_IPV4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
// Lower-case labels of letters, digits, hyphens and underscores, no hyphen at either end, at most
// 63 characters; a top-level label with no underscore that is not all digits (validate.ts's rules).
const CANONICAL_DOMAIN =
  /^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)+(?![0-9]+$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const HEX = /^[0-9a-fA-F]+$/;

/** Dotted-quad IPv4 or RFC 5952 IPv6; `[…]` brackets dropped. */
export function normaliseIp(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  if (CANONICAL_IPV4.test(raw)) return raw;
  const checked = validateLookupValue('ip', raw);
  return checked.ok ? checked.value : undefined;
}

/** Lower case, A-labels (punycode) for IDN, one trailing dot dropped. */
export function normaliseDomain(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  if (raw.length <= MAX_DOMAIN_LENGTH && CANONICAL_DOMAIN.test(raw)) return raw;
  const checked = validateLookupValue('domain', raw);
  return checked.ok ? checked.value : undefined;
}

const HASH_DIGITS: ReadonlySet<number> = new Set([32, 40, 64]);

/**
 * A lower-case hex hash (MD5, SHA-1 or SHA-256, as validate.ts accepts them); with `length`, only a
 * hash of that many digits (an `Md5` must be 32).
 */
export function normaliseHash(raw: unknown, length?: 32 | 40 | 64): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const hash = raw.trim();
  if (!(length === undefined ? HASH_DIGITS.has(hash.length) : hash.length === length) || !HEX.test(hash)) {
    return undefined;
  }
  return hash.toLowerCase();
}

/** An IP or a domain, whichever `raw` is; also accepts an authority (`user@host:8080`, `[v6]:443`). */
export function normaliseHost(raw: unknown): Host | undefined {
  if (typeof raw !== 'string') return undefined;
  const direct = hostFrom(raw);
  if (direct !== undefined) return direct;
  const parts = splitAuthority(raw.trim());
  return parts === undefined || parts.host === raw.trim() ? undefined : hostFrom(parts.host);
}

function hostFrom(raw: string): Host | undefined {
  // Most hosts are plain domains: do not make the IP validator word a refusal for each of them.
  if (raw.length <= MAX_DOMAIN_LENGTH && CANONICAL_DOMAIN.test(raw)) return { type: 'domain', value: raw };
  const ip = normaliseIp(raw);
  if (ip !== undefined) return { type: 'ip', value: ip };
  const domain = normaliseDomain(raw);
  return domain === undefined ? undefined : { type: 'domain', value: domain };
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

interface UrlParts {
  /** `http://` (lower case), or '' for TIP's scheme-less form `bad.example.com/dl/x.exe`. */
  scheme: string;
  userinfo: string;
  /** Host and port as written. */
  hostPort: string;
  host: string;
  /** Path, query and fragment, as written. */
  rest: string;
}

function splitUrl(text: string): UrlParts | undefined {
  const scheme = SCHEME.exec(text)?.[0] ?? '';
  const afterScheme = text.slice(scheme.length);
  const end = afterScheme.search(/[/?#\\]/);
  const authority = end < 0 ? afterScheme : afterScheme.slice(0, end);
  const parts = splitAuthority(authority);
  if (parts === undefined) return undefined;
  return {
    scheme: scheme.toLowerCase(),
    userinfo: parts.userinfo,
    hostPort: parts.hostPort,
    host: parts.host,
    rest: end < 0 ? '' : afterScheme.slice(end),
  };
}

function splitAuthority(
  authority: string,
): { userinfo: string; hostPort: string; host: string } | undefined {
  const at = authority.lastIndexOf('@');
  const userinfo = at < 0 ? '' : authority.slice(0, at + 1);
  const hostPort = authority.slice(at + 1);
  let host: string;
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    if (close < 0) return undefined;
    host = hostPort.slice(0, close + 1);
  } else {
    host = hostPort.replace(/:\d*$/, '');
  }
  return host === '' ? undefined : { userinfo, hostPort, host };
}

/**
 * Trimmed; scheme and host (with its port) in lower case; user info, path, query and fragment kept
 * as written, because TIP looks URLs up by their text and `/Pay.exe` is not `/pay.exe` on most
 * servers. A URL whose host is neither an IP nor a domain is no URL TIP could name: undefined.
 */
export function normaliseUrl(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const checked = validateLookupValue('url', raw);
  if (!checked.ok) return undefined;
  const parts = splitUrl(checked.value);
  if (parts === undefined || hostFrom(parts.host) === undefined) return undefined;
  return `${parts.scheme}${parts.userinfo}${parts.hostPort.toLowerCase()}${parts.rest}`;
}

/** The host a URL points at, as an ip or domain (an IDN host in A-labels). */
export function hostOfUrl(raw: unknown): Host | undefined {
  if (typeof raw !== 'string') return undefined;
  const parts = splitUrl(raw.trim());
  return parts === undefined ? undefined : hostFrom(parts.host);
}

/** The same URL with or without a scheme: STIX writes `http://x/y` where TIP lists `x/y`. */
export function urlWithoutScheme(url: string): string {
  return url.replace(SCHEME, '');
}
