/**
 * Bulk lookup: 500 indicators against the demo TIP service answering after 150 ms, through main's
 * real TIP client (certificate + Basic, mutual TLS, the mock CA added to the system roots) and the
 * shared bulk queue (src/shared/lookups/queue.ts):
 *   parallel   the queue with 8 in flight
 *   baseline   the same queue with 1 in flight, on 100 other indicators, scaled to 500 (pass
 *              --full-baseline to time all 500: about 75 s more)
 *   429        8 in flight again, while the first 24 requests are answered 429 with Retry-After: 1
 * Every set holds distinct real values of the mock world (ips, domains, urls, md5s, round-robin),
 * no value in two sets, none of the showcase values (one of them answers 600 KiB).
 * Budget (ARCHITECTURE.md): parallel ≥ 6× faster than one at a time; 8× is the ceiling.
 *
 * Run: npx tsx bench/bulk.ts [--full-baseline]
 */
import { performance } from 'node:perf_hooks';
import { rootCertificates } from 'node:tls';
import { createTipClient, type TipClient } from '../src/main/tip';
import { createLookupQueue, type QueueSnapshot } from '../src/shared/lookups/queue';
import type { LookupAnswer, LookupType } from '../src/shared/tip/types';
import { createWorld, SHOWCASE, startMockTip } from '../tools/mock-tip';

const LATENCY_MS = 150;
const BULK = 500;
const BASELINE = process.argv.includes('--full-baseline') ? BULK : 100;
const IN_FLIGHT = 8;
/** With the client's 2 retries, 24 refusals are the first 8 lookups' three attempts each. */
const REFUSED_REQUESTS = 24;

interface Indicator {
  type: LookupType;
  value: string;
}

/** Disjoint sets of distinct world values, the four types taken in turn. */
function indicatorSets(sizes: number[]): Indicator[][] {
  const world = createWorld();
  // Showcase values are strings, or a file's hashes (upper case) as an object; world keys are lower case.
  const showcase = new Set<string>(
    Object.values(SHOWCASE).flatMap((v): string[] => (typeof v === 'string' ? [v] : Object.values(v).map(String))).map((v) => v.toLowerCase()),
  );
  const pools: Record<LookupType, string[]> = {
    ip: [...world.ips.keys()],
    domain: [...world.domains.keys()],
    url: [...world.urls.keys()],
    hash: [...world.files.keys()].filter((key) => key.length === 32), // one key per file: its md5
  };
  const types = Object.keys(pools) as LookupType[];
  const cursors = new Map(types.map((t) => [t, 0]));
  const next = (type: LookupType): string => {
    const pool = pools[type];
    for (let i = cursors.get(type) ?? 0; i < pool.length; i += 1) {
      const value = pool[i];
      if (value === undefined || showcase.has(value)) continue;
      cursors.set(type, i + 1);
      return value;
    }
    throw new Error(`the mock world has too few ${type} values`);
  };
  return sizes.map((size) => Array.from({ length: size }, (_, i) => {
    const type = types[i % types.length] ?? 'domain';
    return { type, value: next(type) };
  }));
}

interface RunReport {
  wallMs: number;
  final: QueueSnapshot<Indicator, LookupAnswer>;
  minPace: number;
  /** Pauses begun, and the time spent paused (a later 429 may push a pause's end further). */
  pauses: number;
  pausedMs: number;
}

async function runQueue(client: TipClient, indicators: Indicator[], concurrency: number, onPause?: (resumeInMs: number, pace: number) => void): Promise<RunReport> {
  let minPace = concurrency;
  let pauses = 0;
  let pausedMs = 0;
  let pausedSince: number | null = null;
  const started = performance.now();
  const queue = createLookupQueue<Indicator, LookupAnswer>({
    concurrency,
    run: (indicator, signal) => client.lookup({ type: indicator.type, value: indicator.value }, { signal }),
    onChange: (s) => {
      minPace = Math.min(minPace, s.concurrency.current);
      if (s.pausedUntil !== null && pausedSince === null) {
        pausedSince = performance.now();
        pauses += 1;
        onPause?.(s.pausedUntil - Date.now(), s.concurrency.current);
      } else if (s.pausedUntil === null && pausedSince !== null) {
        pausedMs += performance.now() - pausedSince;
        pausedSince = null;
      }
    },
  });
  queue.add(indicators);
  const final = await queue.done;
  return { wallMs: performance.now() - started, final, minPace, pauses, pausedMs };
}

function describeCounts(s: QueueSnapshot<Indicator, LookupAnswer>): string {
  const c = s.counts;
  return `${c.done}/${c.total} done, ${c.failed} failed, ${c.skipped} skipped, ${c.cancelled} cancelled`;
}

function firstError(s: QueueSnapshot<Indicator, LookupAnswer>): string {
  const row = s.rows.find((r) => r.status === 'failed');
  return row?.status === 'failed' ? ` — first: ${row.item.type} ${row.item.value}: ${row.error.code} ${row.error.message}` : '';
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const rate = (n: number, ms: number): string => `${(n / (ms / 1000)).toFixed(1)} lookups/s`;

async function main(): Promise<void> {
  const mock = await startMockTip({ latencyMs: LATENCY_MS, dayQuota: 1_000_000_000 });
  let clientRetries = 0;
  const client = createTipClient({
    baseUrl: mock.url,
    // The mock's CA is added to the system roots; verification stays on.
    ca: [...rootCertificates, mock.ca],
    auth: { kind: 'certificate', cert: mock.clientCert.cert, key: mock.clientCert.key, user: mock.user, password: mock.password },
    onRetry: () => (clientRetries += 1),
  });
  const [bulk = [], baseline = [], limited = [], warmUp = []] = indicatorSets([BULK, BASELINE, BULK, IN_FLIGHT]);
  let failed = false;

  try {
    console.log(`mock TIP at ${mock.url}, ${LATENCY_MS} ms per answer; node ${process.version}`);
    // Opens the 8 keep-alive connections and loads the client material: not counted.
    await runQueue(client, warmUp, IN_FLIGHT);

    const one = await runQueue(client, baseline, 1);
    const scaledMs = (one.wallMs * BULK) / BASELINE;
    const scaledNote = BASELINE === BULK ? '' : `; timed on ${BASELINE} other indicators, ×${BULK / BASELINE} → ${seconds(scaledMs)} for ${BULK}`;
    console.log(`baseline  1 in flight   ${BASELINE} lookups in ${seconds(one.wallMs)}  ${rate(BASELINE, one.wallMs)}${scaledNote}  (${describeCounts(one.final)})`);

    const par = await runQueue(client, bulk, IN_FLIGHT);
    console.log(`parallel  ${IN_FLIGHT} in flight   ${BULK} lookups in ${seconds(par.wallMs)}  ${rate(BULK, par.wallMs)}  (${describeCounts(par.final)})`);
    const ratio = scaledMs / par.wallMs;
    console.log(`ratio     ${ratio.toFixed(2)}× faster than one at a time (goal ≥ 6×, ceiling ${IN_FLIGHT}×)${ratio >= 6 ? '' : '  BELOW GOAL'}`);
    failed ||= one.final.counts.done !== BASELINE || par.final.counts.done !== BULK;
    if (one.final.counts.failed > 0) console.log(`  baseline failures${firstError(one.final)}`);
    if (par.final.counts.failed > 0) console.log(`  parallel failures${firstError(par.final)}`);

    console.log('');
    console.log(`429 run   the first ${REFUSED_REQUESTS} requests answered 429 with Retry-After: 1; the client retries twice (its default), then the queue takes over`);
    const requestsBefore = mock.requests.length;
    const retriesBefore = clientRetries;
    mock.setFaults([{ status: 429, retryAfter: 1, times: REFUSED_REQUESTS }]);
    const started = performance.now();
    const lim = await runQueue(client, limited, IN_FLIGHT, (ms, pace) => {
      const at = seconds(performance.now() - started);
      console.log(`  at ${at}: TIP asked to slow down — resuming in ${(ms / 1000).toFixed(1)} s, ${pace} in flight after that`);
    });
    mock.setFaults([]);
    const refused = mock.requests.slice(requestsBefore).filter((r) => r.status === 429).length;
    const rateLimitedRows = lim.final.rows.filter((r) => r.rateLimited > 0).length;
    console.log(`  ${refused} HTTP 429 answers; ${clientRetries - retriesBefore} client retries; ${lim.final.rateLimited} RATE_LIMITED results reached the queue (${rateLimitedRows} rows put back in line); ${lim.pauses} queue pause(s), ${seconds(lim.pausedMs)} paused in all; pace went down to ${lim.minPace}`);
    console.log(`  ${BULK} lookups in ${seconds(lim.wallMs)}  ${rate(BULK, lim.wallMs)}  (${describeCounts(lim.final)})${lim.final.counts.done === BULK ? ': every row ended done' : firstError(lim.final)}`);
    failed ||= lim.final.counts.done !== BULK;
  } finally {
    client.close();
    await mock.stop();
  }
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
