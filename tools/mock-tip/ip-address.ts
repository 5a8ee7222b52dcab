/**
 * IP address parsing, canonical form and the RFC 6890 special-purpose ranges the mock treats as
 * reserved. The documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32)
 * are deliberately NOT reserved here: the demo world lives in them, so its fake data never names
 * an address someone really uses.
 */

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

const IPV4_PART = /^(0|[1-9][0-9]{0,2})$/;

function parseIpv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!IPV4_PART.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseIpv6(text: string): bigint | null {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const toGroups = (part: string): number[] | null => {
    if (part === '') return [];
    const groups: number[] = [];
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i += 1) {
      const piece = pieces[i] ?? '';
      if (piece.includes('.')) {
        if (i !== pieces.length - 1) return null;
        const v4 = parseIpv4(piece);
        if (v4 === null) return null;
        groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(piece)) return null;
        groups.push(parseInt(piece, 16));
      }
    }
    return groups;
  };
  const head = toGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? toGroups(halves[1] ?? '') : [];
  if (head === null || tail === null) return null;
  let groups: number[];
  if (halves.length === 2) {
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return null;
    groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  } else {
    groups = head;
  }
  if (groups.length !== 8) return null;
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(group), 0n);
}

export function formatIp(version: 4 | 6, value: bigint): string {
  if (version === 4) {
    return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
  }
  const groups: number[] = [];
  for (let i = 7; i >= 0; i -= 1) groups.push(Number((value >> BigInt(i * 16)) & 0xffffn));
  // RFC 5952: compress the longest run of two or more zero groups, the first one on a tie.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j += 1;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  const head = hex.slice(0, bestStart).join(':');
  const tail = hex.slice(bestStart + bestLength).join(':');
  return `${head}::${tail}`;
}

export function parseIp(text: string): ParsedIp | null {
  const v4 = parseIpv4(text);
  if (v4 !== null) return { version: 4, canonical: formatIp(4, v4), value: v4 };
  if (!text.includes(':')) return null;
  const v6 = parseIpv6(text);
  if (v6 === null) return null;
  return { version: 6, canonical: formatIp(6, v6), value: v6 };
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
