import { describe, expect, it } from 'vitest';
import { extractIndicators, type Indicator } from '../../src/shared/indicators';

/** `type value` per indicator, in order: what the analyst sees in the "Detected indicators" list. */
function found(text: string): string[] {
  return extractIndicators(text).map((i) => `${i.type} ${i.value}`);
}

function only(text: string): Indicator {
  const all = extractIndicators(text);
  expect(all).toHaveLength(1);
  return all[0] as Indicator;
}

describe('defanged forms are refanged; raw keeps what was written', () => {
  it.each([
    ['hxxp://evil[.]example[.]com/pay', 'url http://evil.example.com/pay'],
    ['hXXps://evil[.]example[.]com/', 'url https://evil.example.com/'],
    ['HXXPS://EVIL.EXAMPLE.COM/Pay', 'url https://evil.example.com/Pay'],
    ['h**p://evil.example.com/a', 'url http://evil.example.com/a'],
    ['hxxps[:]//evil[.]example[.]com/x', 'url https://evil.example.com/x'],
    ['hxxps[://]evil[.]example[.]com/x', 'url https://evil.example.com/x'],
    ['http[:]//evil.example.com', 'url http://evil.example.com'],
    ['hxxp://evil[.]example[.]com[/]a[/]b', 'url http://evil.example.com/a/b'],
    ['hxxp://evil(.)example(.)com', 'url http://evil.example.com'],
    ['evil[.]example[.]com', 'domain evil.example.com'],
    ['evil(.)example{.}com', 'domain evil.example.com'],
    ['evil[dot]example(DOT)com', 'domain evil.example.com'],
    ['evil [dot] example [.] com', 'domain evil.example.com'],
    ['evil\\.example\\.com', 'domain evil.example.com'],
    ['203.0.113[.]5', 'ip 203.0.113.5'],
    ['203[.]0[.]113[.]5', 'ip 203.0.113.5'],
    ['198(.)51(.)100(.)7', 'ip 198.51.100.7'],
    ['2001[:]db8[:][:]1', 'ip 2001:db8::1'],
    ['user[at]evil[.]example[.]com', 'domain evil.example.com'],
    ['user (at) evil [dot] example [dot] com', 'domain evil.example.com'],
    ['user [@] evil[.]example[.]org', 'domain evil.example.org'],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual([expected]);
  });

  it('reports raw as written and value refanged', () => {
    expect(only('see hxxp://evil[.]example[.]com/pay.')).toEqual({
      type: 'url',
      value: 'http://evil.example.com/pay',
      raw: 'hxxp://evil[.]example[.]com/pay',
    });
    expect(only('ip 203.0.113[.]5:8080')).toEqual({ type: 'ip', value: '203.0.113.5', raw: '203.0.113[.]5' });
    expect(only('mail user [at] evil [dot] com please')).toEqual({ type: 'domain', value: 'evil.com', raw: 'evil [dot] com' });
  });

  it('refangs a bare " dot " only inside a host that has another dot next to it', () => {
    expect(found('www dot evil dot example dot com')).toEqual(['domain www.evil.example.com']);
    expect(found('mail.evil dot com')).toEqual(['domain mail.evil.com']);
    expect(found('evil dot example.com')).toEqual(['domain evil.example.com']);
    // Prose: one "dot" between two words is not a host.
    expect(found('the dot com bubble; connect the dots; evil dot com')).toEqual([]);
    expect(found('Use a DOT matrix printer.')).toEqual([]);
  });

  it('reads JSON-escaped slashes', () => {
    expect(found('{"url":"https:\\/\\/cdn.example.org\\/x.js"}')).toEqual(['url https://cdn.example.org/x.js']);
  });
});

describe('IP addresses', () => {
  it.each([
    ['203.0.113.5', 'ip 203.0.113.5'],
    ['0.0.0.0 and', 'ip 0.0.0.0'],
    ['255.255.255.255.', 'ip 255.255.255.255'],
    ['(203.0.113.5)', 'ip 203.0.113.5'],
    ['"203.0.113.5",', 'ip 203.0.113.5'],
    ['203.0.113.5:8080', 'ip 203.0.113.5'],
    ['IP:203.0.113.5', 'ip 203.0.113.5'],
    ['src=203.0.113.5&', 'ip 203.0.113.5'],
    ['10.0.0.0/8', 'ip 10.0.0.0'],
    ['2001:db8::1', 'ip 2001:db8::1'],
    ['2001:DB8::1', 'ip 2001:db8::1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', 'ip 2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', 'ip 2001:db8::1:0:0:1'],
    ['[2001:db8::1]:443', 'ip 2001:db8::1'],
    ['::ffff:192.0.2.1', 'ip ::ffff:192.0.2.1'],
    ['::1', 'ip ::1'],
    ['fe80::1%eth0', 'ip fe80::1'],
    ['connect to 2001:db8::5: refused', 'ip 2001:db8::5'],
    ['1:2:3:4:5:6:7:8', 'ip 1:2:3:4:5:6:7:8'],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual([expected]);
  });

  it('finds both ends of a range', () => {
    expect(found('192.0.2.1-192.0.2.9')).toEqual(['ip 192.0.2.1', 'ip 192.0.2.9']);
  });

  it('refuses what is no address: versions, out-of-range octets, leading zeros, dates', () => {
    expect(found('1.2.3.4.5 v1.2.3.4 build1.2.3.4 300.1.2.3 1.2.3.256 010.1.1.1 1.2.3 1.5.2024 3.14 12.05.2024')).toEqual([]);
  });

  it('refuses times, MAC and EUI-64 identifiers, C++ scopes and the unspecified address', () => {
    expect(found('12:34:56 at 08:00, MAC 00:1a:2b:3c:4d:5e, EUI 00:11:22:33:44:55:66:77, std::vector, :: ::0')).toEqual([]);
  });
});

describe('domains', () => {
  it.each([
    ['evil.example.com', 'domain evil.example.com'],
    ['EVIL.Example.COM', 'domain evil.example.com'],
    ['Visit evil.com.', 'domain evil.com'],
    ['evil.com/pay', 'domain evil.com'],
    ['evil.com:443', 'domain evil.com'],
    ['<evil.com>', 'domain evil.com'],
    ["'evil.com'", 'domain evil.com'],
    ['foo.co.uk', 'domain foo.co.uk'],
    ['_dmarc.example.com', 'domain _dmarc.example.com'],
    ['login-secure-account.test', 'domain login-secure-account.test'],
    ['demo-names.example', 'domain demo-names.example'],
    ['//evil.com/x', 'domain evil.com'],
    ['\\\\fs.example.com\\share', 'domain fs.example.com'],
    ['ftp://files.example.net/a', 'domain files.example.net'],
    ['mailto:bob@evil.example.com', 'domain evil.example.com'],
    ['Amazon.Com', 'domain amazon.com'],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual([expected]);
  });

  it('takes an e-mail address for its domain', () => {
    expect(found('john.doe@mail.evil.example.net')).toEqual(['domain mail.evil.example.net']);
  });

  it('finds Unicode names and normalises them to A-labels', () => {
    expect(extractIndicators('münchen.de пример.рф 例子.com')).toEqual([
      { type: 'domain', value: 'xn--mnchen-3ya.de', raw: 'münchen.de' },
      { type: 'domain', value: 'xn--e1afmkfd.xn--p1ai', raw: 'пример.рф' },
      { type: 'domain', value: 'xn--fsqu00a.com', raw: '例子.com' },
    ]);
  });

  it('splits an ASCII name from CJK prose written without spaces', () => {
    expect(found('访问evil.com然后下载')).toEqual(['domain evil.com']);
  });

  it('refuses names under no public suffix', () => {
    expect(found('server.local foo.internal host.lan localhost x.invalid a.localhost b.alt home.corp')).toEqual([]);
  });

  it('refuses reverse-DNS pointers and names that are themselves a public suffix', () => {
    expect(found('5.113.0.203.in-addr.arpa, the .co.uk and com.au domains, kawasaki.jp')).toEqual([]);
    expect(found('a.co.uk')).toEqual(['domain a.co.uk']);
  });

  it('keeps onion services', () => {
    expect(found('expyuzz4wqqyqhjn.onion')).toEqual(['domain expyuzz4wqqyqhjn.onion']);
  });

  it('refuses file names, also those whose extension is a real TLD, unless defanged or with a scheme', () => {
    expect(found('report.pdf invoice.docx setup.exe image.png archive.zip clip.mov main.py README.md libssl.so install.sh lure.one')).toEqual([]);
    expect(found('evil[.]zip')).toEqual(['domain evil.zip']);
    expect(found('http://evil.zip/a')).toEqual(['url http://evil.zip/a']);
  });

  it('refuses path segments, function calls and JSON keys', () => {
    expect(found('/tmp/evil.com C:\\Users\\bob\\evil.com model.fit(x) {"host.name": "srv"}')).toEqual([]);
  });

  it('refuses two sentences joined without a space', () => {
    expect(found('see the report.It was sent')).toEqual([]);
  });

  it('refuses abbreviations and version-like words', () => {
    expect(found('e.g. i.e. U.S.A. Mr.Smith OpenSSH_8.9p1 python3.11 node.js 2.10.1')).toEqual([]);
  });
});

describe('URLs', () => {
  it.each([
    ['http://203.0.113.5/x', 'url http://203.0.113.5/x'],
    ['http://203.0.113.5', 'url http://203.0.113.5'],
    ['https://evil.example.com:8443/a/b.php?q=1&r=2#frag', 'url https://evil.example.com:8443/a/b.php?q=1&r=2#frag'],
    ['http://[2001:DB8::1]:8080/x', 'url http://[2001:db8::1]:8080/x'],
    ['http://user:pw@evil.example.com/', 'url http://user:pw@evil.example.com/'],
    ['HTTP://EVIL.EXAMPLE.COM/Path/File.EXE', 'url http://evil.example.com/Path/File.EXE'],
    ['http://пример.рф/путь', 'url http://xn--e1afmkfd.xn--p1ai/путь'],
    ['url:http://evil.example.com/a', 'url http://evil.example.com/a'],
    ['http://evil.example.com./a', 'url http://evil.example.com/a'],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual([expected]);
  });

  it('trims prose punctuation and unpaired closing brackets', () => {
    expect(found('See http://a.example.com/x. Then (http://b.example.com/y), "http://c.example.com/z"!')).toEqual([
      'url http://a.example.com/x',
      'url http://b.example.com/y',
      'url http://c.example.com/z',
    ]);
    expect(found('[http://d.example.com/w] <http://e.example.com/v> http://f.example.com/u?;')).toEqual([
      'url http://d.example.com/w',
      'url http://e.example.com/v',
      'url http://f.example.com/u',
    ]);
  });

  it('keeps brackets that are paired inside the URL', () => {
    expect(found('(see https://en.wikipedia.org/wiki/Foo_(bar))')).toEqual(['url https://en.wikipedia.org/wiki/Foo_(bar)']);
  });

  it('keeps commas inside a query, but not a CSV column after it', () => {
    expect(found('http://a.example.com/p?ids=1,2,3 x')).toEqual(['url http://a.example.com/p?ids=1,2,3']);
    expect(found('http://a.example.com/p?x=1,203.0.113.5')).toEqual(['url http://a.example.com/p?x=1', 'ip 203.0.113.5']);
    expect(found('http://a.example.com/p,b.example.com')).toEqual(['url http://a.example.com/p', 'domain b.example.com']);
  });

  it('yields only the URL, not its host or IP as well', () => {
    expect(found('http://evil.example.com/a http://203.0.113.5:8080/b')).toEqual([
      'url http://evil.example.com/a',
      'url http://203.0.113.5:8080/b',
    ]);
  });

  it('needs an http(s) scheme, plain or defanged', () => {
    expect(found('the hxxp scheme, ftp://a.example.com/x, www.example.com/x')).toEqual([
      'domain a.example.com',
      'domain www.example.com',
    ]);
  });

  it('needs a usable host: otherwise what is in it is read as words', () => {
    expect(found('http://localhost:8080/x http://intranet/a http://server.local/b')).toEqual([]);
    expect(found('http://evil.example.com:99999/x')).toEqual(['domain evil.example.com']);
    expect(found('http://010.1.1.1/x')).toEqual([]);
  });

  it('still finds a URL longer than 2000 characters (the lookup refuses it with URL_TOO_LONG)', () => {
    const long = `http://evil.example.com/${'a'.repeat(2100)}`;
    expect(found(`x ${long} y`)).toEqual([`url ${long}`]);
  });
});

describe('hashes', () => {
  const md5 = 'd41d8cd98f00b204e9800998ecf8427e';
  const sha1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
  const sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

  it('finds MD5, SHA-1 and SHA-256 in any case, lower-cased', () => {
    expect(found(`md5 ${md5.toUpperCase()}, sha1=${sha1}; sha256:${sha256}`)).toEqual([
      `hash ${md5}`,
      `hash ${sha1}`,
      `hash ${sha256}`,
    ]);
  });

  it('finds a hash named as a file, or after an underscore', () => {
    expect(found(`${md5}.exe sample_${sha1}`)).toEqual([`hash ${md5}`, `hash ${sha1}`]);
  });

  it('refuses hex runs that are not whole hashes', () => {
    expect(found(`${md5}a`)).toEqual([]); // 33 hex digits
    expect(found(`x${md5}`)).toEqual([]);
    expect(found(`0x${md5}`)).toEqual([]);
    expect(found(sha256.slice(0, 63))).toEqual([]);
    expect(found(`${sha256}${sha1}`)).toEqual([]); // a SHA-1 inside a longer run is none
    expect(found('{6F9619FF-8B86-D011-B42D-00C04FC964FF} 6F9619FF-8B86-D011-B42D-00C04FC964FF')).toEqual([]);
  });

  it('refuses all-digit and all-letter runs, colours and base64', () => {
    expect(found(`${'1'.repeat(32)} ${'deadbeef'.repeat(4)} ${'0'.repeat(64)}`)).toEqual([]);
    expect(found('color: #a1b2c3; background: #fff')).toEqual([]);
    expect(found('SGVsbG8gd29ybGQhIFRoaXMgaXMgYmFzZTY0Lg== bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=')).toEqual([]);
  });
});

describe('text pasted from PDFs', () => {
  it('drops soft hyphens and zero-width characters, in value but not in raw', () => {
    expect(extractIndicators('exam\u00adple.com and evil\u200b.example\u200c.net')).toEqual([
      { type: 'domain', value: 'example.com', raw: 'exam\u00adple.com' },
      { type: 'domain', value: 'evil.example.net', raw: 'evil\u200b.example\u200c.net' },
    ]);
  });

  it('drops invisible direction marks, so a right-to-left override cannot hide a name', () => {
    expect(found('evil\u200e.example\u202e.com and x\u2066.test')).toEqual(['domain evil.example.com', 'domain x.test']);
  });

  it('treats no-break and other Unicode spaces as spaces', () => {
    expect(found('ip\u00a0203.0.113.5\u202fand\u2003evil.example.com\u3000x')).toEqual(['ip 203.0.113.5', 'domain evil.example.com']);
  });

  it('expands ligatures (ﬁ, ﬀ) that PDF text puts into names and hashes', () => {
    expect(extractIndicators('proﬁle.example.com ﬀ00aa11bb22cc33dd44ee55aa66bb77')).toEqual([
      { type: 'domain', value: 'profile.example.com', raw: 'proﬁle.example.com' },
      { type: 'hash', value: 'ff00aa11bb22cc33dd44ee55aa66bb77', raw: 'ﬀ00aa11bb22cc33dd44ee55aa66bb77' },
    ]);
  });

  it('finds a URL behind a BOM and among curly quotes', () => {
    expect(found('\ufeff“http://evil.example.com/a” ‘evil.example.org’')).toEqual([
      'url http://evil.example.com/a',
      'domain evil.example.org',
    ]);
  });
});

describe('real-world text', () => {
  it('reads e-mail headers', () => {
    const headers = [
      'Received: from mail.example.com (mail.example.com [203.0.113.5])',
      '\tby mx.example.net with ESMTPS id abc123 for <bob@example.org>; Tue, 1 May 2024 12:34:56 +0000',
      'Message-ID: <20240501.1234@mail.example.com>',
      'From: "Alice" <alice@sender.example.com>',
      'X-Originating-IP: [198.51.100.7]',
      'DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=selector1; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;',
      'Content-Type: text/html; charset=UTF-8',
      'X-Mailer: Microsoft Outlook 16.0',
    ].join('\n');
    expect(found(headers)).toEqual([
      'domain mail.example.com',
      'ip 203.0.113.5',
      'domain mx.example.net',
      'domain example.org',
      'domain sender.example.com',
      'ip 198.51.100.7',
      'domain example.com',
    ]);
  });

  it('reads syslog lines', () => {
    const log = [
      'May  1 12:34:56 gw sshd[1234]: Failed password for root from 203.0.113.5 port 22 ssh2',
      '<34>1 2024-05-01T12:34:56.000Z host01.example.com app 1234 - - connect to 2001:db8::5 port 443',
      'kernel: [12345.678901] eth0: link up',
    ].join('\n');
    expect(found(log)).toEqual(['ip 203.0.113.5', 'domain host01.example.com', 'ip 2001:db8::5']);
  });

  it('reads CSV rows', () => {
    const csv = [
      'timestamp,src_ip,dst,url,sha256',
      '2024-05-01 08:00,198.51.100.7,evil.example.net,http://evil.example.net/a?b=1,e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      '"2024-05-02","203.0.113.9","http://x.example.org/p,q",Red',
    ].join('\n');
    expect(found(csv)).toEqual([
      'ip 198.51.100.7',
      'domain evil.example.net',
      'url http://evil.example.net/a?b=1',
      'hash e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'ip 203.0.113.9',
      'url http://x.example.org/p',
    ]);
  });

  it('reads JSON', () => {
    const json = JSON.stringify({
      ip: '203.0.113.9',
      host: { name: 'cdn.example.org' },
      url: 'https://cdn.example.org/x.js?v=1.2.3',
      md5: 'D41D8CD98F00B204E9800998ECF8427E',
      'event.id': 7,
      version: '1.2.3.4.5',
    });
    expect(found(json)).toEqual([
      'ip 203.0.113.9',
      'domain cdn.example.org',
      'url https://cdn.example.org/x.js?v=1.2.3',
      'hash d41d8cd98f00b204e9800998ecf8427e',
    ]);
  });

  it('reads chat with Markdown', () => {
    expect(found('**heads up**: [evil.example.com](hxxps://evil[.]example[.]com/login) is `203.0.113.66`')).toEqual([
      'domain evil.example.com',
      'url https://evil.example.com/login',
      'ip 203.0.113.66',
    ]);
  });
});

describe('order and de-duplication', () => {
  it('lists indicators in order of appearance', () => {
    expect(found('d41d8cd98f00b204e9800998ecf8427e then http://b.example.com/ then 203.0.113.1 then a.example.com')).toEqual([
      'hash d41d8cd98f00b204e9800998ecf8427e',
      'url http://b.example.com/',
      'ip 203.0.113.1',
      'domain a.example.com',
    ]);
  });

  it('keeps one entry per type and normalised value, with the first raw form', () => {
    expect(extractIndicators('EVIL[.]example.com, evil.example.com, Evil.Example.Com; 2001:DB8::1 and 2001:db8:0:0:0:0:0:1')).toEqual([
      { type: 'domain', value: 'evil.example.com', raw: 'EVIL[.]example.com' },
      { type: 'ip', value: '2001:db8::1', raw: '2001:DB8::1' },
    ]);
  });

  it('keeps a domain and a URL on that domain apart: they are different lookups', () => {
    expect(found('evil.example.com and http://evil.example.com')).toEqual(['domain evil.example.com', 'url http://evil.example.com']);
  });
});

describe('robustness', () => {
  it('returns nothing for empty or indicator-free text', () => {
    expect(extractIndicators('')).toEqual([]);
    expect(extractIndicators('nothing to see here')).toEqual([]);
  });

  it('never throws on lone surrogates, NULs, controls or a non-string', () => {
    expect(found('\ud800evil.example.com\udc00 \u0000203.0.113.5\u0000 http://a.example.com/\ud83d')).toEqual([
      'domain evil.example.com',
      'ip 203.0.113.5',
      'url http://a.example.com/',
    ]);
    expect(extractIndicators(undefined as unknown as string)).toEqual([]);
    expect(extractIndicators(42 as unknown as string)).toEqual([]);
  });
});
