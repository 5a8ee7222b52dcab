/**
 * The command line in bulk: 500 indicators piped into `tipwb lookup` (the real bin, a fresh
 * process each run, start-up included) against the demo TIP service answering after 150 ms, over
 * mutual TLS with credentials from the environment:
 *   jobs 8     tipwb lookup --jobs 8 (the default)
 *   jobs 1     tipwb lookup --jobs 1, on 100 of the indicators, scaled to 500 (--full-baseline: all)
 *   curl       one `curl --cert … --key … --cacert … -u user:password` process per indicator, one
 *              after the other (the portal documentation's usage), on 100, scaled likewise
 * Medians of --runs N runs (default 3) for jobs 8; the slow baselines run once.
 * Budget (ARCHITECTURE.md): 8 in flight ≥ 6× faster than one at a time.
 *
 * Run: npx tsx bench/cli.ts [--quick] [--runs N] [--full-baseline]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { encodeUrlObject } from '../src/shared/indicators/validate';
import type { LookupType } from '../src/shared/tip/types';
import { createWorld, SHOWCASE, startMockTip, type MockTip } from '../tools/mock-tip';
import { certificateEnv } from '../tests/support/cli';
import { argument, median } from './_args';

const QUICK = process.argv.includes('--quick');
const LATENCY_MS = 150;
const BULK = QUICK ? 100 : 500;
const BASELINE = process.argv.includes('--full-baseline') ? BULK : Math.min(BULK, QUICK ? 25 : 100);
const RUNS = argument('runs', QUICK ? 1 : 3);
const BIN = resolve(__dirname, '../bin/tipwb.js');

interface Indicator {
  type: LookupType;
  value: string;
  /** How it is written in the piped text (a URL with its scheme, so the extractor sees a URL). */
  text: string;
}

/** Distinct world values, the four types in turn, none of the showcase values (one answers 600 KiB). */
function indicators(n: number): Indicator[] {
  const world = createWorld();
  const showcase = new Set<string>(
    Object.values(SHOWCASE).flatMap((v): string[] => (typeof v === 'string' ? [v] : Object.values(v).map(String))).map((v) => v.toLowerCase()),
  );
  const pools: Record<LookupType, string[]> = {
    ip: [...world.ips.keys()].filter((ip) => !ip.includes(':')),
    domain: [...world.domains.keys()],
    url: [...world.urls.keys()],
    hash: [...world.files.keys()].filter((key) => key.length === 32),
  };
  const types = Object.keys(pools) as LookupType[];
  const cursor = new Map(types.map((t) => [t, 0]));
  return Array.from({ length: n }, (_, i) => {
    const type = types[i % types.length] ?? 'ip';
    const pool = pools[type];
    for (let at = cursor.get(type) ?? 0; at < pool.length; at += 1) {
      const value = pool[at];
      if (value === undefined || showcase.has(value.toLowerCase())) continue;
      cursor.set(type, at + 1);
      const url = type === 'url' ? `http://${value}` : value;
      return { type, value: url, text: url };
    }
    throw new Error(`the mock world has too few ${type} values`);
  });
}

function environment(mock: MockTip, dataDir: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: dataDir,
    TIPWB_DATA_DIR: dataDir,
    TIPWB_KEYCHAIN_SERVICE: 'tipwb-bench-unused',
    ...certificateEnv(mock),
  };
}

/** One `tipwb lookup` process, timed from spawn to exit; returns the ms and the rows answered. */
function timeTipwb(list: Indicator[], jobs: number, env: NodeJS.ProcessEnv): Promise<{ ms: number; ok: number; lines: number; code: number | null }> {
  return new Promise((done, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, 'lookup', '--jobs', String(jobs), '--yes', '--output', 'ndjson'], { env });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = performance.now() - started;
      const lines = out.split('\n').filter((line) => line !== '');
      const ok = lines.filter((line) => line.includes('"ok":true')).length;
      if (code !== 0 && err !== '') console.log(`  stderr: ${err.trim().split('\n')[0]}`);
      done({ ms, ok, lines: lines.length, code });
    });
    child.stdin.end(list.map((i) => i.text).join('\n'));
  });
}

/**
 * One curl process per indicator, one after the other; returns the ms and the 200s. Spawned
 * asynchronously: the mock answers from this very process, so a spawnSync would wait on itself.
 */
async function timeCurl(list: Indicator[], mock: MockTip): Promise<{ ms: number; ok: number }> {
  let ok = 0;
  const started = performance.now();
  for (const indicator of list) {
    const target = `${mock.url}/api/${indicator.type}/${encodeUrlObject(indicator.value)}?count=100`;
    const args = ['-sS', '-o', '/dev/null', '-w', '%{http_code}', '--cert', mock.paths.clientCert, '--key', mock.paths.clientKey, '--cacert', mock.paths.ca, '-u', `${mock.user}:${mock.password}`, target];
    const status = await new Promise<string>((done, reject) => {
      const child = spawn('curl', args);
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
      child.once('error', reject);
      child.once('close', () => done(out));
    });
    if (status === '200') ok += 1;
  }
  return { ms: performance.now() - started, ok };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const mock = await startMockTip({ latencyMs: LATENCY_MS, dayQuota: 1_000_000_000 });
  const dir = mkdtempSync(join(tmpdir(), 'tipwb-bench-'));
  const env = environment(mock, dir);
  const all = indicators(BULK);
  const subset = all.slice(0, BASELINE);
  const scale = BULK / BASELINE;
  let failed = false;
  try {
    console.log(`mock TIP at ${mock.url}, ${LATENCY_MS} ms per answer; ${BULK} indicators on standard input; node ${process.version}${QUICK ? ' (--quick)' : ''}`);
    // Warms tsx's transform cache and the mock's PKI: not counted.
    await timeTipwb(all.slice(0, 8), 8, env);

    const startUps: number[] = [];
    for (let i = 0; i < 5; i += 1) startUps.push((await timeTipwb([], 8, env)).ms);
    console.log(`start-up  tipwb lookup with nothing to look up: median ${(median(startUps)).toFixed(0)} ms (5 runs)`);

    const parallel: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const r = await timeTipwb(all, 8, env);
      parallel.push(r.ms);
      failed ||= r.ok !== BULK || r.code !== 0;
      console.log(`  jobs 8 run ${run + 1}: ${seconds(r.ms)}, ${r.ok}/${BULK} answered, exit ${r.code}`);
    }
    const jobs8 = median(parallel);
    console.log(`jobs 8    ${BULK} lookups: median ${seconds(jobs8)}  ${(BULK / (jobs8 / 1000)).toFixed(1)} lookups/s`);

    const one = await timeTipwb(subset, 1, env);
    failed ||= one.ok !== BASELINE;
    const jobs1 = one.ms * scale;
    console.log(`jobs 1    ${BASELINE} lookups in ${seconds(one.ms)}${scale === 1 ? '' : ` → ${seconds(jobs1)} for ${BULK} (×${scale})`}  (${one.ok}/${BASELINE} answered)`);

    const curl = await timeCurl(subset, mock);
    failed ||= curl.ok !== BASELINE;
    const curlMs = curl.ms * scale;
    console.log(`curl      ${BASELINE} processes in ${seconds(curl.ms)}${scale === 1 ? '' : ` → ${seconds(curlMs)} for ${BULK} (×${scale})`}  (${curl.ok}/${BASELINE} HTTP 200)`);

    const ratio1 = jobs1 / jobs8;
    console.log('');
    console.log(`ratio     jobs 8 is ${ratio1.toFixed(2)}× faster than jobs 1 (goal ≥ 6×, ceiling 8×)${ratio1 >= 6 ? '' : '  BELOW GOAL'}`);
    console.log(`ratio     jobs 8 is ${(curlMs / jobs8).toFixed(2)}× faster than one curl per indicator`);
    console.log(`ratio     jobs 1 is ${(curlMs / jobs1).toFixed(2)}× faster than one curl per indicator (keep-alive vs a handshake and a process each)`);
  } finally {
    await mock.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  if (failed) {
    console.log('some lookups did not succeed: see above');
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
