import { describe, expect, it } from 'vitest';
import { extractIndicators, type Indicator } from '../../src/shared/indicators';
import { asciiDomain } from '../../src/shared/indicators/host';
import { MAX_URL_LENGTH, validateLookupValue } from '../../src/shared/indicators/validate';

/** mulberry32: seeded, so a failure names a case that can be run again. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEX = '0123456789abcdefABCDEF';

/** Pieces that make near-indicators: dots, brackets, hex, digits, colons, slashes, defangs, Unicode. */
const FRAGMENTS = [
  '.', '.', '.', ':', '::', '/', '//', '\\', '\\.', '\\/', '@', '-', '_', '%', '#', '?', '=', '&', ',', ';', '!', '*',
  '[', ']', '(', ')', '{', '}', '<', '>', '"', "'", '`', ' ', ' ', ' ', '\n', '\t', '\r',
  '[.]', '(.)', '{.}', '[dot]', '(DOT)', ' dot ', '[:]', '[://]', '[/]', '[at]', '(at)', '[@]',
  'http', 'https', 'hxxp', 'hXXps', 'h**p', '://', 'ftp', 'mailto:', 'www',
  'http://', 'https://', 'hxxp[://]', 'h**ps[:]//', 'HTTP://', 'user:pw@', ':8080', ':99999', '/path', '?q=1,2', '#frag',
  'evil.example.com', 'x.test', '203.0.113.5', '[2001:db8::1]', 'münchen.de', 'a.zip', 'co.uk',
  'com', 'net', 'org', 'test', 'example', 'zip', 'py', 'local', 'arpa', 'in-addr', 'co.uk', 'xn--p1ai', 'xn--', 'It',
  'evil', 'EXAMPLE', 'a', 'x', 'host.name', 'e.g.', 'v1', 'localhost',
  '0', '00', '1', '7', '42', '255', '256', '300', '65535', '99999', '010', '2024',
  'ffff', 'db8', '2001', 'fe80', 'dead', 'beef',
  'рф', 'münchen', 'пример', '例子', '访问', 'é', '\u0301', 'ß', 'İ', 'ﬁ', 'ﬀ',
  '\u00ad', '\u200b', '\u200d', '\ufeff', '\u00a0', '\u2028', '\u3000', '\u3002', '\uff0e', '\u2024',
  '\ud800', '\udc00', '\ud83d\ude00', '\u0000', '\u0085', '\u007f', '\uffff', '\ue000',
];

function fragment(random: () => number): string {
  const roll = random();
  if (roll < 0.12) {
    // A hex run of a length near a hash length, or anywhere up to 70.
    const lengths = [31, 32, 33, 39, 40, 41, 63, 64, 65];
    const length = random() < 0.7 ? (lengths[Math.floor(random() * lengths.length)] ?? 32) : Math.floor(random() * 70);
    let out = '';
    for (let i = 0; i < length; i += 1) out += HEX[Math.floor(random() * HEX.length)];
    return out;
  }
  if (roll < 0.2) return String(Math.floor(random() * 400));
  return FRAGMENTS[Math.floor(random() * FRAGMENTS.length)] ?? '.';
}

function randomText(random: () => number, pieces: number): string {
  let text = '';
  for (let i = 0; i < pieces; i += 1) text += fragment(random);
  return text;
}

/**
 * Everything the extractor promises about one answer, checked against the app's own validator. Each
 * raw form is searched for from where the previous one was found: it proves that the raw text is in
 * the input and that the list is in order of appearance, in one linear pass.
 */
function checkAnswer(text: string, answer: Indicator[]): void {
  const keys = new Set<string>();
  let searchFrom = 0;
  for (const item of answer) {
    expect(['ip', 'domain', 'url', 'hash']).toContain(item.type);
    const checked = validateLookupValue(item.type, item.value);
    if (checked.ok) {
      expect(checked.value, `${item.type} ${JSON.stringify(item.value)} is changed by the validator`).toBe(item.value);
    } else {
      // The one exception the extractor documents: a long URL is found and refused at lookup.
      expect(checked.error.code, `${item.type} ${JSON.stringify(item.value)}: ${checked.error.message}`).toBe('URL_TOO_LONG');
      expect(item.type).toBe('url');
      expect(item.value.length).toBeGreaterThan(MAX_URL_LENGTH);
    }
    expect(item.raw.length).toBeGreaterThan(0);
    const at = text.indexOf(item.raw, searchFrom);
    expect(at, `raw ${JSON.stringify(item.raw)} is not in the text after the previous one`).toBeGreaterThanOrEqual(0);
    searchFrom = at;
    const key = `${item.type} ${item.value}`;
    expect(keys.has(key), `${key} twice`).toBe(false);
    keys.add(key);
  }
}

describe('fuzz: random near-indicator text', () => {
  it('never throws and returns only values the lookup validator accepts unchanged (30,000 cases)', () => {
    const random = prng(0x5eed);
    let found = 0;
    for (let n = 0; n < 30_000; n += 1) {
      const text = randomText(random, 1 + Math.floor(random() * 40));
      let answer: Indicator[] = [];
      expect(() => (answer = extractIndicators(text)), JSON.stringify(text)).not.toThrow();
      checkAnswer(text, answer);
      found += answer.length;
    }
    // The fragments do make indicators: the test would prove nothing if none were ever found.
    expect(found).toBeGreaterThan(5_000);
  }, 60_000);

  it('handles one long text of fragments the same way', () => {
    const random = prng(42);
    const text = randomText(random, 200_000);
    const answer = extractIndicators(text);
    checkAnswer(text, answer);
    expect(answer.length).toBeGreaterThan(100);
  }, 60_000);
});

describe('fuzz: pathological input', () => {
  it.each([
    ['dots', '.'.repeat(1_000_000)],
    ['defanged dots', '[.]'.repeat(300_000)],
    ['" dot " chains', 'a dot '.repeat(200_000)],
    ['colons', ':'.repeat(1_000_000)],
    ['one long label', `${'a'.repeat(1_000_000)}.com`],
    ['schemes', 'http://'.repeat(150_000)],
    ['refused hosts', 'http://x:'.repeat(120_000)],
    ['hex', '0123456789abcdef'.repeat(65_000)],
    ['dotted numbers', '1.'.repeat(500_000)],
    ['lone surrogates', '\ud800.\udc00'.repeat(300_000)],
    ['NULs', '\u0000'.repeat(1_000_000)],
  ])('%s: answers without throwing', (_name, text) => {
    const answer = extractIndicators(text);
    checkAnswer(text, answer);
  }, 60_000);

  it('10 MB of random garbage', () => {
    const random = prng(7);
    const codes = new Uint16Array(10_000_000);
    for (let i = 0; i < codes.length; i += 1) {
      const roll = random();
      codes[i] = roll < 0.5 ? 0x20 + Math.floor(random() * 0x5f) : roll < 0.9 ? '.:[]()0123456789abcdef'.charCodeAt(Math.floor(random() * 22)) : Math.floor(random() * 0x10000);
    }
    let text = '';
    for (let i = 0; i < codes.length; i += 8192) text += String.fromCharCode(...codes.subarray(i, i + 8192));
    const answer = extractIndicators(text);
    checkAnswer(text, answer);
  }, 60_000);
});

describe('the fast ASCII name check agrees with the validator', () => {
  const ALPHABET = 'abcXYZ019-_.';
  it('on 50,000 random names', () => {
    const random = prng(0xd0a1);
    for (let n = 0; n < 50_000; n += 1) {
      let name = '';
      const length = 1 + Math.floor(random() * 24);
      for (let i = 0; i < length; i += 1) name += ALPHABET[Math.floor(random() * ALPHABET.length)];
      if (name.endsWith('.')) continue; // the extractor never hands it a root dot: it trims it first
      const checked = validateLookupValue('domain', name);
      expect(asciiDomain(name), JSON.stringify(name)).toBe(checked.ok ? checked.value : null);
    }
  }, 60_000);

  it('at the length limits', () => {
    const label63 = 'a'.repeat(63);
    const names = [
      `${label63}.com`,
      `${'a'.repeat(64)}.com`,
      `${[label63, label63, label63].join('.')}.${'b'.repeat(61)}`,
      `${[label63, label63, label63].join('.')}.${'b'.repeat(62)}`,
      'a.b',
      'a.1',
      'a.b_c',
      '_a.b',
      '-a.b',
      'a-.b',
      'a..b',
      '.a.b',
    ];
    for (const name of names) {
      const checked = validateLookupValue('domain', name);
      expect(asciiDomain(name), name).toBe(checked.ok ? checked.value : null);
    }
  });
});
