/**
 * Strict IPv4 / IPv6 parsing for lookups. Pure TypeScript: no Node or DOM import.
 *
 * IPv4 is the dotted quad only. A number written with a leading zero (`010`) is refused rather than
 * guessed: C's `inet_aton` reads it as octal (8), most people read it as decimal (10), and looking up
 * the wrong address spends quota on the wrong answer.
 *
 * IPv6 is normalised to the RFC 5952 text form: lower case, no leading zeros, the longest run of two
 * or more zero groups written `::` (the first one on a tie), IPv4-mapped addresses as `::ffff:a.b.c.d`.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const DECIMAL = /^[0-9]+$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

export function parseIPv4(text: string): Parsed<number[]> {
  const parts = text.split('.');
  if (parts.length !== 4) {
    return {
      ok: false,
      reason: `an IPv4 address has 4 numbers separated by dots, this has ${parts.length}`,
    };
  }
  const octets: number[] = [];
  for (const part of parts) {
    if (part === '') return { ok: false, reason: 'one of its 4 numbers is empty' };
    if (!DECIMAL.test(part)) return { ok: false, reason: `‘${part}’ is not a decimal number` };
    if (part.length > 1 && part.startsWith('0')) {
      return {
        ok: false,
        reason: `‘${part}’ has a leading zero, which some tools read as octal; write it without`,
      };
    }
    const n = Number(part);
    if (n > 255) return { ok: false, reason: `${part} is over 255` };
    octets.push(n);
  }
  return { ok: true, value: octets };
}

/** Eight 16-bit groups. */
export function parseIPv6(text: string): Parsed<number[]> {
  if (text.includes('%')) {
    return { ok: false, reason: 'a zone index (%…) means nothing outside your own network' };
  }
  const halves = text.split('::');
  if (halves.length > 2) return { ok: false, reason: '‘::’ may appear only once' };

  const head = parseGroups(halves[0] ?? '', halves.length === 1);
  if (!head.ok) return head;
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? '', true) : undefined;
  if (tail !== undefined && !tail.ok) return tail;

  if (tail === undefined) {
    if (head.value.length !== 8) {
      return {
        ok: false,
        reason: `an IPv6 address has 8 groups (or ‘::’ for zeros), this has ${head.value.length}`,
      };
    }
    return head;
  }
  const explicit = head.value.length + tail.value.length;
  if (explicit > 7) {
    return { ok: false, reason: `‘::’ stands for at least one zero group, but ${explicit} are written` };
  }
  const zeros = new Array<number>(8 - explicit).fill(0);
  return { ok: true, value: [...head.value, ...zeros, ...tail.value] };
}

/** `allowIPv4Tail`: only the last written group of the address may be a dotted quad. */
function parseGroups(text: string, allowIPv4Tail: boolean): Parsed<number[]> {
  if (text === '') return { ok: true, value: [] };
  const parts = text.split(':');
  const groups: number[] = [];
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i] ?? '';
    const last = i === parts.length - 1;
    if (last && allowIPv4Tail && part.includes('.')) {
      const v4 = parseIPv4(part);
      if (!v4.ok) return { ok: false, reason: `its IPv4 part is wrong: ${v4.reason}` };
      const [a = 0, b = 0, c = 0, d = 0] = v4.value;
      groups.push((a << 8) | b, (c << 8) | d);
      continue;
    }
    if (part === '') return { ok: false, reason: 'it has an empty group (a single ‘:’ too many)' };
    if (!HEX_GROUP.test(part)) {
      return { ok: false, reason: `‘${part}’ is not a group of 1 to 4 hex digits` };
    }
    groups.push(parseInt(part, 16));
  }
  return { ok: true, value: groups };
}

export function formatIPv4(octets: readonly number[]): string {
  return octets.join('.');
}

export function formatIPv6(groups: readonly number[]): string {
  const isMapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (isMapped) {
    const hi = groups[6] ?? 0;
    const lo = groups[7] ?? 0;
    return `::ffff:${formatIPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff])}`;
  }
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === 0) j += 1;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestLength < 2) return hex.join(':');
  const left = hex.slice(0, bestStart).join(':');
  const right = hex.slice(bestStart + bestLength).join(':');
  return `${left}::${right}`;
}
