/**
 * Detect + normalise 10,000 pasted indicators (ARCHITECTURE.md budget: ≤ 50 ms):
 *   extract    extractIndicators over ~1 MB of text holding 10,000 distinct indicators — every type,
 *              plain and defanged — among prose words, one in ten of them a near miss that must
 *              yield nothing (versions, file names, times, dates, GUIDs, MAC addresses, paths)
 *   split      baseline: text.split(/\s+/) over the same text (the floor for touching every word)
 *   ipv4 regex baseline: one String.prototype.match with a naive IPv4 pattern
 * Medians of the runs after 3 warm-up runs that are not counted; the text comes from a seeded
 * generator, so every run of the benchmark reads the same text.
 *
 * Run: npx tsx bench/extract.ts [--runs 21] [--indicators 10000]
 */
import { performance } from 'node:perf_hooks';
import { extractIndicators } from '../src/shared/indicators';
import { argument, median } from './_args';


const ms = (value: number): string => `${value.toFixed(2)} ms`;

/** mulberry32: a small seeded generator, so the text is the same on every run. */
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

const random = prng(20240501);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const hex = (length: number): string => {
  let out = '';
  while (out.length < length) out += Math.floor(random() * 0x100000000).toString(16).padStart(8, '0');
  return out.slice(0, length);
};

const PROSE = (
  'the sample beacons to its server and then drops a second stage from the download host analyst ' +
  'observed traffic over port while the user opened an attachment in the mail the loader checks ' +
  'for a sandbox before it writes the payload to disk and adds a run key for persistence we saw ' +
  'Failed password for root from port ssh2 on several hosts during the night of the incident'
).split(' ');
/** Near misses that must yield nothing: versions, file names, times, dates, GUIDs, MACs, paths. */
const TRAPS = [
  '1.2.3.4.5', 'v2.10.1', 'report.pdf', 'invoice.docx', 'setup.exe', 'archive.zip', '12:34:56',
  '1.5.2024', '2024-05-01T08:00:00Z', '{6F9619FF-8B86-D011-B42D-00C04FC964FF}', '00:1a:2b:3c:4d:5e',
  'server.local', 'C:\\Users\\bob\\AppData\\Local\\Temp\\x.dll', '/var/log/syslog', 'sshd[1234]:',
  '#a1b2c3;', 'e.g.', 'i.e.', '3.14', 'SGVsbG8gd29ybGQhIFRoaXMgaXMgYmFzZTY0Lg==', 'From:', 'Re:', '(see', 'below).',
];

/** Indicator number `n`, distinct from every other, in one of a dozen written forms. */
function indicator(n: number): string {
  const a = (n >> 8) & 0xff;
  const b = n & 0xff;
  switch (n % 12) {
    case 0: return `198.51.${a}.${b}`;
    case 1: return `203.0[.]${a}[.]${b}:8080`;
    case 2: return `[2001:db8:${n.toString(16)}::1]:443`;
    case 3: return `host${n}.example.com`;
    case 4: return `login-${n}[.]evil[.]test`;
    case 5: return `https://cdn${n}.example.net/a/b?id=${n}&x=1.`;
    case 6: return `hxxp://pay${n}[.]example[.]org/invoice.php`;
    case 7: return `(http://192.0.${a}.${b}/x${n})`;
    case 8: return hex(32);
    case 9: return hex(40).toUpperCase();
    case 10: return hex(64);
    default: return `user${n} [at] mail${n} [dot] example`;
  }
}

/** About `targetChars` of text: each indicator among prose words, one in ten of them a near miss. */
function buildText(count: number, targetChars: number): string {
  const pieces: string[] = [];
  let length = 0;
  for (let n = 0; n < count; n += 1) {
    while (length < ((n + 1) * targetChars) / count - 40) {
      const word = random() < 0.1 ? pick(TRAPS) : pick(PROSE);
      pieces.push(word);
      length += word.length + 1;
    }
    const written = indicator(n);
    pieces.push(written, n % 7 === 0 ? '\n' : '');
    length += written.length + 2;
  }
  return pieces.join(' ');
}

/**
 * One method's runs in a block, after warm-up runs that are not counted. (Interleaving the methods
 * was tried: the split baseline's 150,000 short strings then leave garbage that the next extract
 * run pays to collect.)
 */
function time(runs: number, warmUp: number, work: () => number): number[] {
  const samples: number[] = [];
  let sink = 0;
  for (let r = 0; r < warmUp + runs; r += 1) {
    const started = performance.now();
    sink += work();
    const elapsed = performance.now() - started;
    if (r >= warmUp) samples.push(elapsed);
  }
  if (sink < 0) console.log(sink);
  return samples;
}

function main(): void {
  const runs = argument('runs', 21);
  const count = argument('indicators', 10_000);
  const text = buildText(count, 1_000_000);
  const found = extractIndicators(text);
  const byType = new Map<string, number>();
  for (const item of found) byType.set(item.type, (byType.get(item.type) ?? 0) + 1);

  console.log(`node ${process.version}; ${runs} runs + 3 warm-up each, medians`);
  console.log(`text: ${(text.length / 1e6).toFixed(2)} M characters, ${count} indicators written`);
  console.log(`found: ${found.length} (${[...byType].map(([type, n]) => `${n} ${type}`).join(', ')})`);
  if (found.length !== count) {
    console.log(`  WRONG: expected exactly ${count}`);
    process.exitCode = 1;
  }

  const extract = median(time(runs, 3, () => extractIndicators(text).length));
  const split = median(time(runs, 3, () => text.split(/\s+/).length));
  const naive = median(time(runs, 3, () => (text.match(/\b\d{1,3}(?:\.\d{1,3}){3}\b/g) ?? []).length));

  console.log('');
  console.log(`  extract          ${ms(extract).padStart(10)}   (goal ≤ 50 ms)   ${((text.length / 1e6) / (extract / 1000)).toFixed(0)} M chars/s`);
  console.log(`  split(/\\s+/)     ${ms(split).padStart(10)}   extract/split = ${(extract / split).toFixed(1)}×`);
  console.log(`  naive ipv4 regex ${ms(naive).padStart(10)}   extract/regex = ${(extract / naive).toFixed(1)}×`);
}

main();
