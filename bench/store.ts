/**
 * The local store in a real Chromium (IndexedDB through Dexie, the app's own store code):
 *   ingest     one full IP answer (1,000 records in each list section) with its entities and
 *              relations — into an empty store, and again into one that knows them (goal ≤ 150 ms);
 *              baseline: the same rows written raw, no reads, no merging
 *   search     at 100,000 entities: prefix, substring, a SHA-256 (goal ≤ 100 ms); baseline: a plain
 *              filter over the table
 *   open case  a 100-lookup case: what opening reads (goal ≤ 1 s); baseline: reading all of it (export)
 *   throughput 1,000 answers, one transaction each as the app writes them (answers per second);
 *              baseline: raw writes of the same rows
 * Medians of the runs; Chromium is Debian's, headless, as in the end-to-end tests.
 *
 * Run: npx tsx bench/store.ts [--runs 7]
 */
import { createServer } from 'node:http';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, chromiumMissingReason } from '../tools/chromium';
import { createWorld, DEFAULT_SEED, SHOWCASE } from '../tools/mock-tip/world';
import { fullAnswer, shapeAnswer } from '../tools/mock-tip/lookup';
import type { LookupType } from '../src/shared/tip/types';
import { argument, median } from './_args';

const ROOT = join(__dirname, '..');


const ms = (value: number): string => `${value.toFixed(1)} ms`;

interface Answer {
  type: LookupType;
  value: string;
  body: unknown;
}

async function main(): Promise<void> {
  const missing = chromiumMissingReason();
  if (missing) {
    console.log(`skipped: ${missing}`);
    return;
  }
  const runs = argument('runs', 7);
  const world = createWorld(DEFAULT_SEED);
  const hub: Answer = { type: 'ip', value: SHOWCASE.hubIp, body: shapeAnswer(fullAnswer(world, 'ip', SHOWCASE.hubIp), undefined, 1000) };
  const lists = Object.entries(hub.body as Record<string, unknown>).filter(([, v]) => Array.isArray(v)).map(([k, v]) => `${k} ${(v as unknown[]).length}`);

  // A mix of real answers from the demo world, count=100 as the app asks by default.
  const mixed: Answer[] = [];
  const pools: [LookupType, Iterable<string>][] = [
    ['domain', world.domains.keys()],
    ['ip', world.ips.keys()],
    ['url', world.urls.keys()],
    ['hash', [...new Set([...world.files.values()].map((f) => f.md5))]],
  ];
  const iterators = pools.map(([type, keys]) => [type, keys[Symbol.iterator]()] as const);
  while (mixed.length < 1000) {
    for (const [type, it] of iterators) {
      const next = it.next();
      if (!next.done && mixed.length < 1000) mixed.push({ type, value: next.value, body: shapeAnswer(fullAnswer(world, type, next.value), undefined, 100) });
    }
  }

  const [output] = buildSync({
    entryPoints: [join(__dirname, 'store/page.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    tsconfig: join(ROOT, 'tsconfig.web.json'),
  }).outputFiles;
  if (!output) throw new Error('esbuild produced no bench page');
  const script = output.text;
  const server = createServer((request, response) => {
    if (request.url === '/bench.js') response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script);
    else response.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><script src="/bench.js"></script>');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    type Bench = { storeBench: Record<string, (...args: unknown[]) => Promise<unknown>> };
    const call = <T>(name: string, ...args: unknown[]): Promise<T> =>
      page.evaluate(([n, a]) => (globalThis as unknown as Bench).storeBench[n as string]?.(...(a as unknown[])), [name, args] as const) as Promise<T>;

    console.log(`Chromium ${browser.version()}, ${runs} runs each, medians`);
    console.log(`\nOne full IP answer (${SHOWCASE.hubIp}: ${lists.join(', ')})`);
    const ingest = await call<{ cold: number[]; warm: number[]; raw: number[]; entities: number; relations: number }>('ingestFull', hub, runs);
    console.log(`  ${ingest.entities} entities, ${ingest.relations} relations`);
    console.log(`  ingest, empty store     ${ms(median(ingest.cold))}   (goal ≤ 150 ms)`);
    console.log(`  ingest, all known       ${ms(median(ingest.warm))}`);
    console.log(`  baseline raw write      ${ms(median(ingest.raw))}   ingest/raw = ${(median(ingest.cold) / median(ingest.raw)).toFixed(2)}`);

    // The SHA-256 the page gives entity 2 (a file): search must find the file by it.
    const md5 = (2 * 2654435761).toString(16).padStart(8, '0').repeat(4).slice(0, 32);
    const queries = ['host4242', '424', '.example.net', 'http://host99', '10.1.2', md5.repeat(2)];
    const found = await call<{ first: number[]; firstTotal: number; ours: Record<string, number[]>; naive: Record<string, number[]>; matches: Record<string, number>; filtered: number[] }>('search', 100_000, queries, runs);
    console.log('\nSearch at 100,000 entities (first 50 shown)');
    console.log(`  first search (reads the ids) ${ms(median(found.first))}`);
    for (const q of queries) {
      const ours = median(found.ours[q] ?? []);
      const naive = median(found.naive[q] ?? []);
      console.log(`  ${JSON.stringify(q.length > 20 ? `${q.slice(0, 12)}…` : q).padEnd(20)} ${ms(ours).padStart(9)}  (${found.matches[q]} matches)   baseline table filter ${ms(naive)}   ratio ${(naive / ours).toFixed(1)}×   (goal ≤ 100 ms)`);
    }
    console.log(`  with type and zone filters ${ms(median(found.filtered))}`);

    const opened = await call<{ open: number[]; full: number[] }>('openCase', mixed.slice(0, 100), runs);
    console.log('\nOpening a 100-lookup case');
    console.log(`  open                    ${ms(median(opened.open))}   (goal ≤ 1 s)`);
    console.log(`  baseline: read it all   ${ms(median(opened.full))}   ratio ${(median(opened.full) / median(opened.open)).toFixed(1)}×`);

    const rate = await call<{ count: number; ingestMs: number; rawMs: number }>('throughput', mixed);
    console.log(`\nIngest throughput, ${rate.count} answers (count=100), one transaction each`);
    console.log(`  ingest                  ${(rate.count / (rate.ingestMs / 1000)).toFixed(0)} answers/s (${ms(rate.ingestMs)})`);
    console.log(`  baseline raw write      ${(rate.count / (rate.rawMs / 1000)).toFixed(0)} answers/s   ingest/raw time = ${(rate.ingestMs / rate.rawMs).toFixed(2)}`);
  } finally {
    await browser.close();
    server.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
