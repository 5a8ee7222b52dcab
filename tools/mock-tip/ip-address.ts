/**
 * IP address parsing, canonical form and the RFC 6890 special-purpose ranges the mock treats as
 * reserved. The documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32)
 * are deliberately NOT reserved here: the demo world lives in them, so its fake data never names
 * an address someone really uses.
 */

import { formatIPv4, formatIPv6, parseIPv4, parseIPv6 } from '../../src/shared/indicators/validate-ip';

export interface ParsedIp {
  version: 4 | 6;
  /** Dotted quad, or RFC 5952 lower-case compressed IPv6. */
  canonical: string;
  value: bigint;
}

export interface ReservedRange {
  version: 4 | 6;
  start: bigint;
  prefix: number;
  name: string;
  description: string;
}

/** The address as one number, so ranges compare with plain arithmetic. */
function toBigInt(parts: readonly number[], bitsPerPart: bigint): bigint {
  return parts.reduce((acc, part) => (acc << bitsPerPart) | BigInt(part), 0n);
}

function fromBigInt(value: bigint, count: number, bitsPerPart: bigint): number[] {
  const mask = (1n << bitsPerPart) - 1n;
  return Array.from({ length: count }, (_, i) => Number((value >> (BigInt(count - 1 - i) * bitsPerPart)) & mask));
}

export function formatIp(version: 4 | 6, value: bigint): string {
  return version === 4 ? formatIPv4(fromBigInt(value, 4, 8n)) : formatIPv6(fromBigInt(value, 8, 16n));
}

/** Parsed with the app's own strict parser, so the mock accepts exactly what the client sends. */
export function parseIp(text: string): ParsedIp | null {
  const v4 = parseIPv4(text);
  if (v4.ok) return { version: 4, canonical: formatIPv4(v4.value), value: toBigInt(v4.value, 8n) };
  if (!text.includes(':')) return null;
  const v6 = parseIPv6(text);
  if (!v6.ok) return null;
  return { version: 6, canonical: formatIPv6(v6.value), value: toBigInt(v6.value, 16n) };
}

function range(cidr: string, name: string, description: string): ReservedRange {
  const [address = '', bits = ''] = cidr.split('/');
  const parsed = parseIp(address);
  if (parsed === null) throw new Error(`bad reserved range ${cidr}`);
  return { version: parsed.version, start: parsed.value, prefix: Number(bits), name, description };
}

/** RFC 6890 ranges that are not globally reachable (documentation ranges left out, see above). */
export const RESERVED_RANGES: readonly ReservedRange[] = [
  range('0.0.0.0/8', 'IANA-THIS-NETWORK', '"This host on this network" (RFC 1122)'),
  range('10.0.0.0/8', 'PRIVATE-ADDRESS-ABLK-RFC1918-IANA-RESERVED', 'Private-Use (RFC 1918)'),
  range('100.64.0.0/10', 'SHARED-ADDRESS-SPACE-RFC6598', 'Shared Address Space (RFC 6598)'),
  range('127.0.0.0/8', 'IANA-LOOPBACK', 'Loopback (RFC 1122)'),
  range('169.254.0.0/16', 'LINKLOCAL-RFC3927-IANA-RESERVED', 'Link Local (RFC 3927)'),
  range('172.16.0.0/12', 'PRIVATE-ADDRESS-BBLK-RFC1918-IANA-RESERVED', 'Private-Use (RFC 1918)'),
  range('192.0.0.0/24', 'IANA-IETF-PROTOCOL-ASSIGNMENTS', 'IETF Protocol Assignments (RFC 6890)'),
  range('192.168.0.0/16', 'PRIVATE-ADDRESS-CBLK-RFC1918-IANA-RESERVED', 'Private-Use (RFC 1918)'),
  range('198.18.0.0/15', 'SPECIAL-IPV4-BENCHMARK-TESTING', 'Benchmarking (RFC 2544)'),
  range('224.0.0.0/4', 'MCAST-NET', 'Multicast (RFC 5771)'),
  range('240.0.0.0/4', 'IANA-RESERVED-FUTURE-USE', 'Reserved (RFC 1112), includes broadcast'),
  range('::/128', 'IANA-V6-UNSPECIFIED', 'Unspecified Address (RFC 4291)'),
  range('::1/128', 'IANA-V6-LOOPBACK', 'Loopback Address (RFC 4291)'),
  range('::ffff:0:0/96', 'IANA-V4-MAPPED', 'IPv4-mapped Address (RFC 4291)'),
  range('100::/64', 'IANA-V6-DISCARD-ONLY', 'Discard-Only Address Block (RFC 6666)'),
  range('2001::/23', 'IANA-V6-IETF-PROTOCOL', 'IETF Protocol Assignments (RFC 2928)'),
  range('fc00::/7', 'IANA-V6-ULA', 'Unique-Local (RFC 4193)'),
  range('fe80::/10', 'IANA-V6-LINK-LOCAL', 'Linked-Scoped Unicast (RFC 4291)'),
  range('ff00::/8', 'IANA-V6-MULTICAST', 'Multicast (RFC 4291)'),
];

function totalBits(version: 4 | 6): bigint {
  return version === 4 ? 32n : 128n;
}

export function rangeEnd(reserved: ReservedRange): bigint {
  const hostBits = totalBits(reserved.version) - BigInt(reserved.prefix);
  return reserved.start | ((1n << hostBits) - 1n);
}

export function reservedRangeOf(ip: ParsedIp): ReservedRange | null {
  for (const reserved of RESERVED_RANGES) {
    if (reserved.version !== ip.version) continue;
    const hostBits = totalBits(ip.version) - BigInt(reserved.prefix);
    if (ip.value >> hostBits === reserved.start >> hostBits) return reserved;
  }
  return null;
}
