import { describe, expect, it } from 'vitest';
import { encodeUrlObject, validateLookupValue } from '../../src/shared/indicators/validate';
import type { LookupType } from '../../src/shared/tip/types';

function okValue(type: LookupType, value: string): string {
  const result = validateLookupValue(type, value);
  if (!result.ok) throw new Error(`expected ${type} ‘${value}’ to pass: ${result.error.message}`);
  return result.value;
}

function errorOf(type: LookupType, value: string): { code: string; message: string } {
  const result = validateLookupValue(type, value);
  if (result.ok) throw new Error(`expected ${type} ‘${value}’ to fail, got ${result.value}`);
  return result.error;
}

describe('ip', () => {
  it('accepts dotted quads and trims surrounding whitespace', () => {
    expect(okValue('ip', '203.0.113.5')).toBe('203.0.113.5');
    expect(okValue('ip', '  0.0.0.0\n')).toBe('0.0.0.0');
    expect(okValue('ip', '255.255.255.255')).toBe('255.255.255.255');
  });

  it('names the octet over 255', () => {
    expect(errorOf('ip', '300.1.2.3')).toEqual({
      code: 'INVALID_INPUT',
      message: '‘300.1.2.3’ is not an IPv4 or IPv6 address: 300 is over 255.',
      retryable: false,
    });
  });

  it('refuses leading zeros instead of guessing octal or decimal', () => {
    expect(errorOf('ip', '010.1.1.1').message).toContain('‘010’ has a leading zero');
  });

  it('says how many parts there are and spots empty parts and letters', () => {
    expect(errorOf('ip', '1.2.3').message).toContain('this has 3');
    expect(errorOf('ip', '1.2.3.4.5').message).toContain('this has 5');
    expect(errorOf('ip', '1..3.4').message).toContain('empty');
    expect(errorOf('ip', '1.2.3.x').message).toContain('‘x’');
    expect(errorOf('ip', '').message).toBe('The IP address is empty.');
  });

  it('points a domain or a web address to the right lookup type', () => {
    expect(errorOf('ip', 'example.com').message).toContain('look it up as a domain');
    expect(errorOf('ip', 'http://203.0.113.5').message).toContain('look it up as a url');
  });

  it('normalises IPv6 to lower-case compressed form (RFC 5952)', () => {
    expect(okValue('ip', '2001:0DB8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    expect(okValue('ip', '2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(okValue('ip', '2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1');
    expect(okValue('ip', '::')).toBe('::');
    expect(okValue('ip', '::1')).toBe('::1');
    expect(okValue('ip', 'fe80::')).toBe('fe80::');
    expect(okValue('ip', '[2001:db8::A]')).toBe('2001:db8::a');
    expect(okValue('ip', '::FFFF:192.0.2.1')).toBe('::ffff:192.0.2.1');
    expect(okValue('ip', '::ffff:c000:0201')).toBe('::ffff:192.0.2.1');
    expect(okValue('ip', '64:ff9b::192.0.2.1')).toBe('64:ff9b::c000:201');
  });

  it('names what is wrong in an IPv6 address', () => {
    expect(errorOf('ip', '2001:db8::1::2').message).toContain('‘::’ may appear only once');
    expect(errorOf('ip', '2001:db8:1:2:3:4:5').message).toContain('this has 7');
    expect(errorOf('ip', '12345::1').message).toContain('‘12345’ is not a group of 1 to 4 hex digits');
    expect(errorOf('ip', 'fe80::1%eth0').message).toContain('zone index');
    expect(errorOf('ip', '1:2:3:4:5:6:7::8').message).toContain('at least one zero group');
    expect(errorOf('ip', '::ffff:300.0.0.1').message).toContain('300 is over 255');
    expect(errorOf('ip', ':1:2:3:4:5:6:7').message).toContain('empty group');
  });
});

describe('domain', () => {
  it('lower-cases and strips one trailing dot', () => {
    expect(okValue('domain', 'WWW.Example.COM.')).toBe('www.example.com');
  });

  it('converts international names to punycode', () => {
    expect(okValue('domain', 'bücher.example')).toBe('xn--bcher-kva.example');
    expect(okValue('domain', 'BÜCHER.de')).toBe('xn--bcher-kva.de');
    expect(okValue('domain', '例え.テスト')).toBe('xn--r8jz45g.xn--zckzah');
    expect(okValue('domain', 'xn--bcher-kva.de')).toBe('xn--bcher-kva.de');
  });

  it('enforces label and total lengths', () => {
    const label63 = 'a'.repeat(63);
    expect(okValue('domain', `${label63}.com`)).toBe(`${label63}.com`);
    expect(errorOf('domain', `${'a'.repeat(64)}.com`).message).toContain('64 characters long, at most 63');
    const name253 = `${['a'.repeat(63), 'b'.repeat(63), 'c'.repeat(63), 'd'.repeat(61)].join('.')}`;
    expect(name253).toHaveLength(253);
    expect(okValue('domain', name253)).toBe(name253);
    expect(errorOf('domain', `${name253}e`).message).toContain('254 characters long, at most 253');
  });

  it('applies the letter-digit-hyphen rule, with underscores allowed below the top level', () => {
    expect(okValue('domain', '_dmarc.Ex_Ample.com')).toBe('_dmarc.ex_ample.com');
    expect(errorOf('domain', 'example.c_m').message).toContain('top-level domain) holds an underscore');
    expect(errorOf('domain', 'ex+ample.com').message).toContain('‘+’ is not allowed');
    expect(errorOf('domain', 'exa mple.com').message).toContain('a space is not allowed');
    expect(errorOf('domain', '-bad.com').message).toContain('starts or ends with a hyphen');
    expect(errorOf('domain', 'bad-.com').message).toContain('starts or ends with a hyphen');
    expect(errorOf('domain', 'example.com/path').message).toContain('‘/’ is not allowed');
    expect(okValue('domain', 'a-b.c-d.com')).toBe('a-b.c-d.com');
  });

  it('needs a dot and no empty labels', () => {
    expect(errorOf('domain', 'localhost').message).toContain('has no dot');
    expect(errorOf('domain', 'a..com').message).toContain('empty label');
    expect(errorOf('domain', 'example.com..').message).toContain('empty label');
    expect(errorOf('domain', '.example.com').message).toContain('empty label');
  });

  it('sends IPs and web addresses to their own lookup types', () => {
    expect(errorOf('domain', '203.0.113.5').message).toContain('looked up as an ip');
    expect(errorOf('domain', '２０３.0.113.5').message).toContain('look it up as an ip');
    expect(errorOf('domain', 'https://example.com').message).toContain('look it up as a url');
  });
});

describe('url', () => {
  it('keeps the address exactly as written (only trimmed)', () => {
    const url = 'http://Example.com/a b/%41?q=1&r=ü#frag';
    expect(okValue('url', `  ${url}  `)).toBe(url);
  });

  it('accepts 2000 characters and refuses 2001 with URL_TOO_LONG', () => {
    const base = 'http://example.com/';
    const url2000 = base + 'a'.repeat(2000 - base.length);
    expect(url2000).toHaveLength(2000);
    expect(okValue('url', url2000)).toBe(url2000);
    const error = errorOf('url', `${url2000}a`);
    expect(error.code).toBe('URL_TOO_LONG');
    expect(error.message).toContain('2001 characters');
  });

  it('counts the address before encoding, an emoji as two (UTF-16, the conservative count)', () => {
    const base = 'http://example.com/';
    const accented = base + 'é'.repeat(2000 - base.length);
    expect(okValue('url', accented)).toBe(accented);
    const emoji = base + 'a' + '😀'.repeat((2000 - base.length - 1) / 2);
    expect(emoji).toHaveLength(2000);
    expect(okValue('url', emoji)).toBe(emoji);
    expect(errorOf('url', `${emoji}😀`).message).toContain('2002 characters');
  });

  it('refuses control characters, line breaks and broken UTF-16', () => {
    expect(errorOf('url', 'http://a.com/x\ty').message).toContain('control character (U+0009) at position 15');
    expect(errorOf('url', 'http://a.com/x\ny').code).toBe('INVALID_INPUT');
    expect(errorOf('url', 'http://a.com/\u0085').code).toBe('INVALID_INPUT');
    expect(errorOf('url', 'http://a.com/\ud800x').message).toContain('lone surrogate');
    expect(errorOf('url', '   ').message).toBe('The web address is empty.');
  });
});

describe('hash', () => {
  it('accepts MD5, SHA-1 and SHA-256 and lower-cases them', () => {
    expect(okValue('hash', 'D41D8CD98F00B204E9800998ECF8427E')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(okValue('hash', 'da39a3ee5e6b4b0d3255bfef95601890afd80709')).toHaveLength(40);
    expect(okValue('hash', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')).toHaveLength(64);
  });

  it('names the wrong digit or length', () => {
    expect(errorOf('hash', 'abc').message).toBe(
      '‘abc’ is not an MD5, SHA-1 or SHA-256 hash: it has 3 hex digits, expected 32 (MD5), 40 (SHA-1) or 64 (SHA-256).',
    );
    expect(errorOf('hash', `${'a'.repeat(31)}g`).message).toContain('‘g’ is not a hex digit');
  });
});

describe('encodeUrlObject', () => {
  it('encodes every reserved character into one path segment', () => {
    expect(encodeUrlObject("http://a.com/p?q=1&r=2#f!'()*;,$@+=: %")).toBe(
      'http%3A%2F%2Fa.com%2Fp%3Fq%3D1%26r%3D2%23f%21%27%28%29%2A%3B%2C%24%40%2B%3D%3A%20%25',
    );
  });

  it('encodes UTF-8 bytes and leaves unreserved characters alone', () => {
    expect(encodeUrlObject('ü😀')).toBe('%C3%BC%F0%9F%98%80');
    expect(encodeUrlObject('AZaz09-_.~')).toBe('AZaz09-_.~');
  });

  it('round-trips through decodeURIComponent', () => {
    const url = "http://x.test/ä b?c=%20&d=#e!'()*";
    expect(decodeURIComponent(encodeUrlObject(url))).toBe(url);
  });
});
