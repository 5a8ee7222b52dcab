import { describe, expect, it } from 'vitest';
import { buildLookupPath } from '../../src/main/tip/request-path';
import type { LookupRequest } from '../../src/shared/tip/types';

function pathOf(request: LookupRequest, prefix?: string): string {
  const built = buildLookupPath(request, prefix);
  if (!built.ok) throw new Error(built.error.message);
  return built.value.path;
}

function errorOf(request: unknown): { code: string; message: string } {
  const built = buildLookupPath(request as LookupRequest);
  if (built.ok) throw new Error(`expected a refusal, got ${built.value.path}`);
  return built.error;
}

describe('buildLookupPath', () => {
  it('builds the bare path when no parameter is given', () => {
    expect(pathOf({ type: 'ip', value: '203.0.113.5' })).toBe('/api/ip/203.0.113.5');
    expect(pathOf({ type: 'hash', value: 'D41D8CD98F00B204E9800998ECF8427E' })).toBe(
      '/api/hash/d41d8cd98f00b204e9800998ecf8427e',
    );
  });

  it('adds count, sections and format in that order', () => {
    expect(
      pathOf({ type: 'domain', value: 'Example.COM', count: 10, sections: ['Zone', 'LicenseInfo'], format: 'json' }),
    ).toBe('/api/domain/example.com?count=10&sections=Zone,LicenseInfo&format=json');
    expect(pathOf({ type: 'ip', value: '2001:DB8::1', format: 'stix' })).toBe('/api/ip/2001%3Adb8%3A%3A1?format=stix');
  });

  it('keeps the base URL prefix', () => {
    expect(pathOf({ type: 'ip', value: '203.0.113.5' }, '/tip')).toBe('/tip/api/ip/203.0.113.5');
  });

  it('percent-encodes a web address into one path segment', () => {
    expect(pathOf({ type: 'url', value: 'http://example.com/a b?c=d&e=%20#f' })).toBe(
      '/api/url/http%3A%2F%2Fexample.com%2Fa%20b%3Fc%3Dd%26e%3D%2520%23f',
    );
    expect(pathOf({ type: 'url', value: "http://пример.рф/it's(1)*!" })).toBe(
      '/api/url/http%3A%2F%2F%D0%BF%D1%80%D0%B8%D0%BC%D0%B5%D1%80.%D1%80%D1%84%2Fit%27s%281%29%2A%21',
    );
  });

  it('drops duplicate sections and omits an empty list', () => {
    expect(pathOf({ type: 'ip', value: '203.0.113.5', sections: ['Zone', 'Zone'] })).toBe('/api/ip/203.0.113.5?sections=Zone');
    expect(pathOf({ type: 'ip', value: '203.0.113.5', sections: [] })).toBe('/api/ip/203.0.113.5');
  });

  it('refuses count outside 1..1000 or not whole', () => {
    for (const count of [0, 1001, 2.5, Number.NaN, '10']) {
      const error = errorOf({ type: 'ip', value: '203.0.113.5', count });
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toContain('count must be a whole number from 1 to 1000');
    }
    expect(pathOf({ type: 'ip', value: '203.0.113.5', count: 1000 })).toContain('count=1000');
    expect(pathOf({ type: 'ip', value: '203.0.113.5', count: 1 })).toContain('count=1');
  });

  it('refuses sections the lookup type does not have', () => {
    const error = errorOf({ type: 'ip', value: '203.0.113.5', sections: ['Zone', 'FileGeneralInfo'] });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('‘FileGeneralInfo’ is not a section of ip lookups');
    expect(errorOf({ type: 'ip', value: '203.0.113.5', sections: 'Zone' }).message).toContain('must be a list');
  });

  it('refuses unknown types and formats, and bad values', () => {
    expect(errorOf({ type: 'email', value: 'a@b.c' }).message).toContain('‘email’ is not a lookup type');
    expect(errorOf({ type: 'ip', value: '203.0.113.5', format: 'xml' }).message).toContain('format must be json or stix');
    expect(errorOf({ type: 'ip', value: '300.1.2.3' }).message).toContain('300 is over 255');
    expect(errorOf({ type: 'ip', value: 42 }).message).toContain('must be text');
    expect(errorOf({ type: 'url', value: `http://e.com/${'a'.repeat(2000)}` }).code).toBe('URL_TOO_LONG');
  });
});
