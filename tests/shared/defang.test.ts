import { describe, expect, it } from 'vitest';
import { defang, refangText } from '../../src/shared/indicators/defang';
import type { LookupType } from '../../src/shared/tip/types';

describe('defang', () => {
  it.each([
    ['ip', '203.0.113.5', '203[.]0[.]113[.]5'],
    ['ip', '2001:db8::bad:66', '2001:db8::bad:66'],
    ['domain', 'bad.example.com', 'bad[.]example[.]com'],
    ['hash', '0A1B2C3D4E5F60718293A4B5C6D7E8F9', '0A1B2C3D4E5F60718293A4B5C6D7E8F9'],
    ['url', 'http://bad.example.com/dl/payload.exe', 'hxxp[:]//bad[.]example[.]com/dl/payload.exe'],
    ['url', 'HTTPS://Bad.Example.com/', 'HXXPS[:]//Bad[.]Example[.]com/'],
    ['url', 'ftp://files.example.net/a.zip', 'ftp[:]//files[.]example[.]net/a.zip'],
    // TIP lists URLs without a scheme: the host is still bracketed, the path left alone.
    ['url', 'bad.example.com/dl/payload.exe', 'bad[.]example[.]com/dl/payload.exe'],
    ['url', '203.0.113.45/dl/stage2.bin?x=1.2#a.b', '203[.]0[.]113[.]45/dl/stage2.bin?x=1.2#a.b'],
    ['url', 'https://user.name@host.example.org:8443/p.php', 'hxxps[:]//user.name@host[.]example[.]org:8443/p.php'],
    ['url', 'http://[2001:db8::1]/x.y', 'hxxp[:]//[2001:db8::1]/x.y'],
  ] as const)('%s %s → %s', (type, value, expected) => {
    expect(defang(value, type as LookupType)).toBe(expected);
  });

  it('is idempotent: a defanged value is not wrapped twice', () => {
    for (const [value, type] of [
      ['bad[.]example.com', 'domain'],
      ['hxxp[:]//bad[.]example[.]com/x', 'url'],
      ['203.0[.]113.5', 'ip'],
    ] as const) {
      const once = defang(value, type);
      expect(defang(once, type)).toBe(once);
      expect(once).not.toMatch(/\[\[|\]\]/);
    }
  });
});

describe('refangText', () => {
  it.each([
    ['bad[.]example[.]com', 'bad.example.com'],
    ['203(.)0{.}113[dot]5', '203.0.113.5'],
    ['hxxp[:]//bad[.]example[.]com/dl/payload.exe', 'http://bad.example.com/dl/payload.exe'],
    ['hXXps://host[.]tld', 'https://host.tld'],
    ['h**p[://]host[.]tld', 'http://host.tld'],
    ['plain text with no defang: a.b', 'plain text with no defang: a.b'],
  ])('%s → %s', (text, expected) => {
    expect(refangText(text)).toBe(expected);
  });

  it('undoes defang for every kind of indicator', () => {
    const samples: [string, LookupType][] = [
      ['203.0.113.5', 'ip'],
      ['bad.example.com', 'domain'],
      ['http://bad.example.com/dl/payload.exe', 'url'],
      ['https://login-secure-account.test/a/b.php?x=1', 'url'],
      ['bad.example.com/dl/payload.exe', 'url'],
      ['0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'hash'],
    ];
    for (const [value, type] of samples) expect(refangText(defang(value, type))).toBe(value);
  });

  it('leaves words that merely contain the letters alone', () => {
    expect(refangText('the hxxp scheme is a defang')).toBe('the hxxp scheme is a defang');
  });
});
