// The graph's spelling of a value must be the lookup box's spelling (validate.ts), or expanding a
// node would look up — and spend quota on — a different string than the node shows. The graph has
// fast paths for values already in normal form; these tables prove they never disagree.
import { describe, expect, it } from 'vitest';
import { normaliseDomain, normaliseHash, normaliseHost, normaliseIp, normaliseUrl } from '../../src/shared/graph/normalise';
import { validateLookupValue } from '../../src/shared/indicators/validate';

function validated(type: 'ip' | 'domain' | 'hash', value: string): string | undefined {
  const result = validateLookupValue(type, value);
  return result.ok ? result.value : undefined;
}

const DOMAINS = [
  'example.com', 'a.b', 'Example.COM', 'example.com.', 'a_b.example', '_dmarc.example.com', '_a_.example.com',
  'a-.example.com', '-a.example.com', 'ex--ample.com', 'xn--bcher-kva.example', 'bücher.example', 'example.c_m',
  'example.123', 'example.1a', '1.2.3.4', '1.2.3.4a', 'localhost', 'a..b', '.a.b', `${'x'.repeat(63)}.com`,
  `${'x'.repeat(64)}.com`, `${'a'.repeat(61)}.${'b'.repeat(61)}.${'c'.repeat(61)}.${'d'.repeat(61)}.com`,
  `${'a'.repeat(62)}.${'b'.repeat(62)}.${'c'.repeat(62)}.${'d'.repeat(62)}.com`, ' example.com ', 'exa mple.com', '',
];
const IPS = [
  '0.0.0.0', '255.255.255.255', '256.1.1.1', '01.2.3.4', '1.2.3', '1.2.3.4.5', '192.0.2.1 ', '2001:db8::1',
  '2001:DB8:0:0:0:0:0:1', '[2001:db8::1]', '::ffff:192.0.2.1', 'fe80::1%eth0', 'bad.example.com', '',
];
const HASHES = ['a'.repeat(32), 'A'.repeat(40), ` ${'0'.repeat(64)} `, 'a'.repeat(31), 'g'.repeat(32), 'a'.repeat(48), ''];

describe('the graph spells values as the lookup box does', () => {
  it.each(DOMAINS)('domain %j', (value) => {
    expect(normaliseDomain(value)).toBe(validated('domain', value));
  });
  it.each(IPS)('ip %j', (value) => {
    expect(normaliseIp(value)).toBe(validated('ip', value));
  });
  it.each(HASHES)('hash %j', (value) => {
    expect(normaliseHash(value)).toBe(validated('hash', value));
  });

  it('an Md5 must be 32 hex digits', () => {
    expect(normaliseHash('A'.repeat(32), 32)).toBe('a'.repeat(32));
    expect(normaliseHash('a'.repeat(40), 32)).toBeUndefined();
    expect(normaliseHash(42, 32)).toBeUndefined();
  });
});

describe('hosts', () => {
  it.each([
    ['bad.example.com', { type: 'domain', value: 'bad.example.com' }],
    ['BAD.example.com.', { type: 'domain', value: 'bad.example.com' }],
    ['203.0.113.66', { type: 'ip', value: '203.0.113.66' }],
    ['2001:DB8::BAD:66', { type: 'ip', value: '2001:db8::bad:66' }],
    ['[2001:db8::1]:443', { type: 'ip', value: '2001:db8::1' }],
    ['user@Bad.Example.com:8080', { type: 'domain', value: 'bad.example.com' }],
    ['not a host', undefined],
    ['', undefined],
  ] as const)('%j', (raw, expected) => {
    expect(normaliseHost(raw)).toEqual(expected);
  });
});

describe('urls', () => {
  it.each([
    ['bad.example.com/dl/Payload.exe', 'bad.example.com/dl/Payload.exe'],
    ['HTTPS://Bad.Example.com/A?B=C#D', 'https://bad.example.com/A?B=C#D'],
    ['  http://bad.example.com  ', 'http://bad.example.com'],
    ['http://User:PassWord@Bad.Example.com:8080/x', 'http://User:PassWord@bad.example.com:8080/x'],
    ['http://[2001:DB8::1]:8080/x', 'http://[2001:db8::1]:8080/x'],
    ['203.0.113.66/dl/stage2.bin', '203.0.113.66/dl/stage2.bin'],
    ['http:///no-host', undefined],
    ['//bad.example.com/x', undefined],
    ['not a url at all', undefined],
    ['http://bad.example.com/\u0000', undefined],
    [`http://bad.example.com/${'a'.repeat(2000)}`, undefined],
  ] as const)('%j', (raw, expected) => {
    expect(normaliseUrl(raw)).toBe(expected);
  });
});
