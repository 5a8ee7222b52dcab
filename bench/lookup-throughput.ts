/**
 * 200 sequential lookups against the demo TIP service over mutual TLS, four ways:
 *   client     createTipClient (certificate + Basic), keep-alive agent
 *   bare       a bare keep-alive https.request loop, same TLS material (the floor): request, read the
 *              body, JSON.parse it (every client must parse what it returns)
 *   bare-ctx   the same loop on an agent built around one secure context, as the client's is (an agent
 *              given ca/cert/key strings re-joins them into its pool key on every request)
 *   new-conn   https.request with keepAlive false and no TLS session cache: a full handshake each time
 *   curl       one `curl --cert … --key … --cacert … --user …` process per lookup
 * Rounds are interleaved, in a rotating order, after a warm-up round that is not counted; each timed
 * round starts with 20 untimed lookups, so no row pays for the one before it (200 curl processes
 * leave caches and the scheduler cold for whatever runs next).
 * Budgets (ARCHITECTURE.md): curl/client ≥ 30×, client/bare ≤ 1.30.
 *
 * Run: npx tsx bench/lookup-throughput.ts [--rounds 10] [--lookups 200] [--big]
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { createSecureContext } from 'node:tls';
import { createTipClient } from '../src/main/tip';
import { startMockTip, type MockTip } from '../tools/mock-tip';
import { argument, median } from './_args';

const CURL = '/usr/bin/curl';
// Typical answers of a few KiB. (The showcase 203.0.113.66 answers 600 KiB — 1000 records per list
// section — where parsing dominates and every method converges; see --big.)
const VALUES = process.argv.includes('--big')
  ? ['203.0.113.66']
  : ['198.51.100.23', '192.0.2.10', '203.0.113.5', '198.51.100.7'];


type Lookup = (value: string) => Promise<void>;

interface Method {
  name: string;
  run: Lookup;
  /** Per-lookup durations (ms) of the counted rounds, and each round's wall time (ms). */
  samples: number[];
  rounds: number[];
}

function bareLookup(mock: MockTip, agent: https.Agent, authorization: string): Lookup {
  const { hostname, port } = new URL(mock.url);
  return (value) =>
    new Promise((resolve, reject) => {
      const req = https.request(
        { hostname, port, path: `/api/ip/${value}`, agent, headers: { Authorization: authorization, Accept: 'application/json' } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}`));
            else {
              JSON.parse(Buffer.concat(chunks).toString('utf8'));
              resolve();
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end();
    });
}

function curlLookup(mock: MockTip): Lookup {
  const args = (value: string): string[] => [
    '--silent', '--show-error', '--fail', '--output', '/dev/null',
    '--cert', mock.paths.clientCert, '--key', mock.paths.clientKey, '--cacert', mock.paths.ca,
    '--user', `${mock.user}:${mock.password}`,
    `${mock.url}/api/ip/${value}`,
  ];
  return (value) =>
    new Promise((resolve, reject) => {
      const child = spawn(CURL, args(value), { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`curl exited ${code}: ${stderr.trim()}`))));
    });
}

const SETTLE_LOOKUPS = 20;

async function round(method: Method, lookups: number, record: boolean): Promise<void> {
  for (let i = 0; i < SETTLE_LOOKUPS; i += 1) await method.run(VALUES[i % VALUES.length] ?? '203.0.113.5');
  const started = performance.now();
  for (let i = 0; i < lookups; i += 1) {
    const t0 = performance.now();
    await method.run(VALUES[i % VALUES.length] ?? '203.0.113.5');
    if (record) method.samples.push(performance.now() - t0);
  }
  if (record) method.rounds.push(performance.now() - started);
}


function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * q;
  const below = sorted[Math.floor(position)] ?? NaN;
  const above = sorted[Math.ceil(position)] ?? NaN;
  return below + (above - below) * (position - Math.floor(position));
}

async function main(): Promise<void> {
  const roundsWanted = argument('rounds', 10);
  const lookups = argument('lookups', 200);
  // Plain answers: the demo service runs in this process, so its compressing would be charged to the
  // client's row only (the bare loop and curl do not ask for compression).
  const mock = await startMockTip({ dayQuota: 1_000_000_000, compression: false });
  const material = { ca: mock.ca, cert: mock.clientCert.cert, key: mock.clientCert.key };
  const authorization = `Basic ${Buffer.from(`${mock.user}:${mock.password}`).toString('base64')}`;

  const client = createTipClient({
    baseUrl: mock.url,
    ca: mock.ca,
    auth: { kind: 'certificate', cert: material.cert, key: material.key, user: mock.user, password: mock.password },
  });
  const keepAlive = new https.Agent({ keepAlive: true, ...material });
  const withContext = new https.Agent({ keepAlive: true, secureContext: createSecureContext(material) });
  const fresh = new https.Agent({ keepAlive: false, maxCachedSessions: 0, ...material });

  const methods: Method[] = [
    {
      name: 'client',
      run: async (value) => {
        const result = await client.lookup({ type: 'ip', value });
        if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
      },
      samples: [],
      rounds: [],
    },
    { name: 'bare', run: bareLookup(mock, keepAlive, authorization), samples: [], rounds: [] },
    { name: 'bare-ctx', run: bareLookup(mock, withContext, authorization), samples: [], rounds: [] },
    { name: 'new-conn', run: bareLookup(mock, fresh, authorization), samples: [], rounds: [] },
  ];
  const haveCurl = existsSync(CURL);
  if (haveCurl) methods.push({ name: 'curl', run: curlLookup(mock), samples: [], rounds: [] });

  const sizes = await Promise.all(
    VALUES.map(async (value) => {
      const result = await client.lookup({ type: 'ip', value });
      return result.ok ? JSON.stringify(result.value.body).length : 0;
    }),
  );
  console.log(`mock TIP at ${mock.url}; node ${process.version}; ${lookups} sequential ip lookups per round, ${roundsWanted} rounds + 1 warm-up`);
  console.log(`answer sizes: ${sizes.map((s) => `${(s / 1024).toFixed(1)} KiB`).join(', ')} (rotating over ${VALUES.join(', ')})`);
  if (!haveCurl) console.log(`${CURL} not found: the curl row is skipped`);

  for (let r = 0; r <= roundsWanted; r += 1) {
    const order = methods.map((_, i) => methods[(i + r) % methods.length]);
    for (const method of order) if (method !== undefined) await round(method, lookups, r > 0);
    process.stdout.write(r === 0 ? 'warm-up done' : ` · round ${r}`);
  }
  process.stdout.write('\n\n');

  const perLookup = new Map(methods.map((m) => [m.name, median(m.samples)]));
  const rows = methods.map((m) => {
    const wall = median(m.rounds);
    const mean = m.samples.reduce((a, b) => a + b, 0) / m.samples.length;
    return [
      m.name,
      median(m.samples).toFixed(3),
      mean.toFixed(3),
      quantile(m.samples, 0.99).toFixed(3),
      (lookups / (wall / 1000)).toFixed(0),
      (wall / 1000).toFixed(2),
    ];
  });
  const header = ['method', 'median ms/lookup', 'mean ms', 'p99 ms', 'lookups/s', 'median s/round'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));

  const ms = (name: string): number => perLookup.get(name) ?? NaN;
  const wall = (name: string): number => median(methods.find((m) => m.name === name)?.rounds ?? []);
  const ratio = (a: string, b: string, digits: number): string =>
    `${(ms(a) / ms(b)).toFixed(digits)} per lookup (median), ${(wall(a) / wall(b)).toFixed(digits)} per round`;
  console.log('');
  console.log(`client/bare      ${ratio('client', 'bare', 2)}   goal ≤ 1.30`);
  console.log(`client/bare-ctx  ${ratio('client', 'bare-ctx', 2)}`);
  console.log(`new-conn/client  ${ratio('new-conn', 'client', 1)}`);
  if (haveCurl) console.log(`curl/client      ${ratio('curl', 'client', 1)}   goal ≥ 30×`);

  client.close();
  keepAlive.destroy();
  withContext.destroy();
  fresh.destroy();
  await mock.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
