/**
 * `tipwb lookup`, `extract` and `case`, run as the real bin against the demo TIP service over real
 * mutual TLS, credentials from the environment. What a user would see: the rows, the exit status,
 * the case file the app imports, a clean Ctrl+C, the request budget, the quota and Retry-After.
 * No timing assertions, except that a wait TIP asked for was not cut short (a lower bound).
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseCaseFile, validateCaseFile } from '../../src/shared/case-file/validate';
import { createWorld, DEMO_INDICATORS, startMockTip, type MockTip } from '../../tools/mock-tip';
import { certificateEnv, cliSandbox, finished, ndjson, runTipwb, startTipwb, writeTemp, type CliSandbox } from '../support/cli';

let mock: MockTip;
let box: CliSandbox;
let env: NodeJS.ProcessEnv;

/** Distinct IPs of the mock world that are not showcase values (those answer hundreds of KiB). */
function worldIps(n: number, skip = 0): string[] {
  const showcase = new Set(DEMO_INDICATORS.ip);
  return [...createWorld().ips.keys()].filter((ip) => !showcase.has(ip) && !ip.includes(':')).slice(skip, skip + n);
}

beforeAll(async () => {
  mock = await startMockTip({ dayQuota: 1_000_000 });
  box = cliSandbox(`tipwb-cli-lookup-${process.pid}-${randomBytes(4).toString('hex')}`);
  env = { ...box.baseEnv, ...certificateEnv(mock) };
});

afterEach(() => {
  mock.setFaults([]);
  mock.setLatency(0);
  mock.setQuota(1_000_000);
});

afterAll(async () => {
  await mock.stop();
  box.cleanup();
});

const REPORT = `Incident 2026-05-12 — initial triage (defanged)
The dropper was fetched from hxxp://bad[.]example[.]com/dl/payload[.]exe and phoned home to
203.0.113[.]66 and cdn-update[.]example[.]net. MD5 of the sample: ${DEMO_INDICATORS.hash[0]}.
Victim network 192.0.2[.]10 (clean); the same C2 again: 203.0.113[.]66.
`;

describe('tipwb lookup', () => {
  it('NDJSON when piped: one line per indicator of a pasted defanged report, exit 0', async () => {
    const run = await runTipwb(['lookup', '--sections', 'Zone'], env, REPORT);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const rows = ndjson(run.stdout);
    expect(rows.map((row) => `${row.type} ${row.value}`).sort()).toEqual(
      [
        'url http://bad.example.com/dl/payload.exe',
        'ip 203.0.113.66',
        'domain cdn-update.example.net',
        `hash ${DEMO_INDICATORS.hash[0]?.toLowerCase()}`,
        'ip 192.0.2.10',
      ].sort(),
    );
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(['type', 'value', 'ok', 'status', 'zone', 'fetchedAt', 'body']);
      expect(row).toMatchObject({ ok: true, status: 200 });
      expect(row.zone).toBe((row.body as { Zone: string }).Zone);
    }
    expect(rows.find((row) => row.value === '203.0.113.66')?.zone).toBe('Red');
  });

  it('--output json: one array at the end', async () => {
    const run = await runTipwb(['lookup', '--output', 'json', '--sections', 'Zone', '203.0.113.66', 'bad[.]example[.]com'], env);
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(rows.map((row) => row.value).sort()).toEqual(['203.0.113.66', 'bad.example.com']);
  });

  it('--output csv: a header and one row per lookup', async () => {
    const run = await runTipwb(['lookup', '--output', 'csv', '--sections', 'Zone', '198.51.100.23', '300.1.2.3'], env);
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\r\n').filter((line) => line !== '');
    expect(lines[0]).toBe('type,value,ok,status,zone,fetchedAt,error_code,error_message');
    expect(lines.slice(1).sort()).toEqual([expect.stringMatching(/^ip,198\.51\.100\.23,true,200,Orange,\d{4}-/), expect.stringMatching(/^ip,300\.1\.2\.3,false,,,,INVALID_INPUT,/)].sort());
  });

  it('--output table: a header, then type, zone, result and value', async () => {
    const run = await runTipwb(['lookup', '--output', 'table', '--sections', 'Zone', '192.0.2.10'], env);
    expect(run.code).toBe(0);
    const [header, row] = run.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^TYPE\s+ZONE\s+RESULT\s+VALUE$/);
    expect(row).toMatch(/^ip\s+Green\s+200\s+192\.0\.2\.10$/);
  });

  it('--format stix: the STIX bundle as the body', async () => {
    const run = await runTipwb(['lookup', '--format', 'stix', 'bad.example.com'], env);
    expect(run.code).toBe(0);
    const [row] = ndjson(run.stdout);
    expect((row?.body as { type: string }).type).toBe('bundle');
  });

  it('a malformed argument is a failed row beside the answers, exit 1; a 404 is an answer', async () => {
    mock.setFaults([{ value: '198.51.100.77', status: 404, body: '' }]);
    const long = `http://bad.example.com/${'a'.repeat(2100)}`;
    const run = await runTipwb(['lookup', '--sections', 'Zone', '300.1.2.3', long, '198.51.100.77', '192.0.2.10'], env);
    expect(run.code).toBe(1);
    const rows = ndjson(run.stdout);
    expect(rows).toHaveLength(4);
    expect(rows.filter((row) => !row.ok).map((row) => (row.error as { code: string }).code).sort()).toEqual(['INVALID_INPUT', 'URL_TOO_LONG']);
    expect(rows.find((row) => row.value === '198.51.100.77')).toMatchObject({ ok: true, status: 404 });
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('only 404s and answers: exit 0', async () => {
    mock.setFaults([{ value: '198.51.100.77', status: 404, body: '' }]);
    const run = await runTipwb(['lookup', '--sections', 'Zone', '198.51.100.77'], env);
    expect(run.code).toBe(0);
  });

  it('a refused credential fails the rows (exit 1), and the password is in no message', async () => {
    const run = await runTipwb(['lookup', '--sections', 'Zone', '192.0.2.10'], { ...env, TIP_PASSWORD: 'wrong-password-7f3a' });
    expect(run.code).toBe(1);
    expect((ndjson(run.stdout)[0]?.error as { code: string }).code).toBe('UNAUTHORIZED');
    expect(run.stdout + run.stderr).not.toContain('wrong-password-7f3a');
  });

  it('token mode from TIP_TOKEN', async () => {
    const run = await runTipwb(['lookup', '--sections', 'Zone', '192.0.2.10'], { ...box.baseEnv, TIP_BASE_URL: mock.tokenUrl, TIP_CA: mock.paths.ca, TIP_TOKEN: mock.token });
    expect(run.code).toBe(0);
    expect(ndjson(run.stdout)[0]).toMatchObject({ ok: true, zone: 'Green' });
  });

  it('no credentials anywhere: exit 3 before any request, one line that says what to set', async () => {
    const before = mock.requestCount;
    const run = await runTipwb(['lookup', '192.0.2.10'], { ...box.baseEnv, TIP_BASE_URL: mock.url, TIP_CA: mock.paths.ca });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^tipwb: (NO_CREDENTIALS|KEYCHAIN_UNAVAILABLE): .*TIP_TOKEN.*\n$/);
    expect(run.stdout).toBe('');
    expect(mock.requestCount).toBe(before);
  });

  it('usage errors exit 2: an unknown flag, an unreadable TIP_CA or --case folder', async () => {
    expect((await runTipwb(['lookup', '--frobnicate', '1.2.3.4'], env)).code).toBe(2);
    expect((await runTipwb(['lookup', '1.2.3.4'], { ...env, TIP_CA: join(box.dir, 'missing-ca.pem') })).code).toBe(2);
    const run = await runTipwb(['lookup', '--case', join(box.dir, 'no-such-folder', 'x.tipcase.json'), '1.2.3.4'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^tipwb: USAGE: /);
  });

  it('--max-requests: refused when piped, before anything is sent (exit 2); --yes sends', async () => {
    const ips = worldIps(5);
    const before = mock.requestCount;
    const refused = await runTipwb(['lookup', '--max-requests', '3', '--sections', 'Zone'], env, ips.join('\n'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^tipwb: MAX_REQUESTS: 5 lookups would be sent, more than --max-requests 3.*--yes/);
    expect(refused.stdout).toBe('');
    expect(mock.requestCount).toBe(before);

    const sent = await runTipwb(['lookup', '--max-requests', '3', '--yes', '--sections', 'Zone'], env, ips.join('\n'));
    expect(sent.code).toBe(0);
    expect(ndjson(sent.stdout)).toHaveLength(5);
  });

  it("stops once an answer says today's quota is spent: the rest are not sent, and stderr says how many", async () => {
    const ips = worldIps(8, 10);
    mock.setQuota(mock.dayRequests + 3);
    const before = mock.requestCount;
    // Only Zone asked for: LicenseInfo comes along anyway, so the quota is known from the answers.
    const run = await runTipwb(['lookup', '--jobs', '1', '--sections', 'Zone', '--case', join(box.dir, 'quota.tipcase.json')], env, ips.join('\n'));
    expect(run.code).toBe(1);
    // Three answers; the third says 3 of 3: nothing more goes out, not even one to be refused.
    expect(mock.requestCount - before).toBe(3);
    const rows = ndjson(run.stdout);
    expect(rows.filter((row) => row.ok)).toHaveLength(3);
    expect(rows.filter((row) => !row.ok).map((row) => (row.error as { code: string }).code)).toEqual(Array(5).fill('QUOTA_EXCEEDED'));
    expect(run.stderr).toMatch(/^tipwb: QUOTA_EXCEEDED: .*5 lookups were not sent/m);
    const file = parseCaseFile(readFileSync(join(box.dir, 'quota.tipcase.json'), 'utf8'));
    expect(file.ok && file.value.lookups.length).toBe(3);
  });

  it('QUOTA_EXCEEDED from TIP also stops the run', async () => {
    const ips = worldIps(4, 20);
    mock.setQuota(mock.dayRequests); // already spent, and no answer of ours said so
    const run = await runTipwb(['lookup', '--jobs', '1', '--sections', 'Zone'], env, ips.join('\n'));
    expect(run.code).toBe(1);
    expect(ndjson(run.stdout).map((row) => (row.error as { code: string }).code)).toEqual(Array(4).fill('QUOTA_EXCEEDED'));
    expect(run.stderr).toMatch(/3 lookups were not sent/);
  });

  it('honours Retry-After across the whole run: after 429s, nothing is sent until the wait is over', async () => {
    const ips = worldIps(4, 30);
    // Two in flight, each refused three times (the client's own two retries, then the queue's).
    mock.setFaults([{ status: 429, retryAfter: 1, times: 6 }]);
    const before = mock.requests.length;
    const run = await runTipwb(['lookup', '--jobs', '2', '--sections', 'Zone'], env, ips.join('\n'));
    expect(run.code).toBe(0);
    const rows = ndjson(run.stdout);
    expect(rows.map((row) => row.value).sort()).toEqual([...ips].sort());
    const seen = mock.requests.slice(before);
    const refused = seen.filter((r) => r.status === 429);
    expect(refused).toHaveLength(6);
    const lastRefusal = Math.max(...refused.map((r) => r.at));
    const after = seen.filter((r) => r.at > lastRefusal);
    // Every value, the two never tried before included, waited out TIP's second.
    expect(after.length).toBeGreaterThanOrEqual(4);
    for (const request of after) expect(request.at - lastRefusal).toBeGreaterThanOrEqual(950);
  });

  it('--case writes a case file the app accepts, atomically (no temp file left)', async () => {
    const path = join(box.dir, 'incident-42.tipcase.json');
    const run = await runTipwb(['lookup', '--case', path, '--sections', 'Zone,IpGeneralInfo,DomainGeneralInfo'], env, REPORT);
    expect(run.code).toBe(0);
    const text = readFileSync(path, 'utf8');
    const checked = validateCaseFile(JSON.parse(text));
    expect(checked.ok ? null : checked.error.message).toBeNull();
    if (!checked.ok) return;
    expect(checked.value.generator).toBe('tipwb 0.1.0');
    expect(checked.value.case.name).toBe('incident-42');
    expect(checked.value.lookups).toHaveLength(5);
    expect(checked.value.nodes.map((node) => node.entityId)).toContain('ip:203.0.113.66');
    expect(checked.value.ops[0]?.kind).toBe('case.create');
    expect(checked.value.ops.slice(1).every((op) => op.kind === 'node.add' && op.via.source === 'lookup')).toBe(true);
    expect(readdirSync(box.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    const summary = await runTipwb(['case', 'check', path], env);
    expect(summary.code).toBe(0);
    expect(summary.stdout).toMatch(/name:\s+incident-42/);
    expect(summary.stdout).toMatch(/answers:\s+5/);
    expect(summary.stdout).toMatch(/nodes:\s+5/);
    expect(summary.stdout).toMatch(/operations:\s+6/);
    const reds = checked.value.lookups.filter((lookup) => lookup.zone === 'Red').length;
    expect(reds).toBeGreaterThan(0);
    expect(summary.stdout).toMatch(new RegExp(`zones:\\s+.*Red ${reds}`));
    expect(summary.stdout).toMatch(/generator:\s+tipwb 0\.1\.0/);

    const stix = await runTipwb(['case', 'stix', path], env);
    expect(stix.code).toBe(0);
    const bundle = JSON.parse(stix.stdout) as { type: string; objects: { type: string; name?: string }[] };
    expect(bundle.type).toBe('bundle');
    expect(bundle.objects.find((o) => o.type === 'grouping')?.name).toBe('incident-42');
    expect(bundle.objects.some((o) => o.type === 'indicator')).toBe(true);
  });

  it('Ctrl+C mid-run: in-flight lookups cancelled, each finished row printed once, a valid case file, exit 130', async () => {
    const ips = worldIps(30, 40);
    mock.setLatency(250);
    const path = join(box.dir, 'interrupted.tipcase.json');
    const child = startTipwb(['lookup', '--jobs', '2', '--sections', 'Zone', '--case', path], env);
    const done = finished(child);
    child.stdin.end(ips.join('\n'));
    let seen = '';
    await new Promise<void>((resolveLines) => {
      child.stdout.on('data', (chunk: Buffer | string) => {
        seen += chunk.toString();
        if (seen.split('\n').length > 3) resolveLines();
      });
    });
    child.kill('SIGINT');
    const run = await done;
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(/^tipwb: CANCELLED: interrupted/m);
    const rows = ndjson(run.stdout);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.length).toBeLessThan(ips.length);
    expect(new Set(rows.map((row) => row.value)).size).toBe(rows.length);
    expect(rows.every((row) => row.ok === true)).toBe(true);
    const file = parseCaseFile(readFileSync(path, 'utf8'));
    expect(file.ok ? null : file.error.message).toBeNull();
    if (file.ok) expect(file.value.lookups.map((l) => l.value).sort()).toEqual(rows.map((row) => row.value as string).sort());
  });
});

describe('tipwb extract and case', () => {
  it('extract: one {type,value,raw} per indicator in the report', async () => {
    const run = await runTipwb(['extract'], env, REPORT);
    expect(run.code).toBe(0);
    const rows = ndjson(run.stdout);
    expect(rows).toContainEqual({ type: 'domain', value: 'cdn-update.example.net', raw: 'cdn-update[.]example[.]net' });
    expect(rows.every((row) => Object.keys(row).join() === 'type,value,raw')).toBe(true);
  });

  it('case check: exit 1 and the reason for a bad file, exit 2 for an unreadable one', async () => {
    const bad = writeTemp(box.dir, 'bad.tipcase.json', JSON.stringify({ format: 'tip-workbench-case', version: 99 }));
    const refused = await runTipwb(['case', 'check', bad], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^tipwb: INVALID_INPUT: .*newer TIP Workbench/);
    const missing = await runTipwb(['case', 'check', join(box.dir, 'absent.tipcase.json')], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^tipwb: STORAGE: .*cannot be read/);
    expect((await runTipwb(['case', 'stix', bad], env)).code).toBe(1);
  });

  it('a reader that stops early (`tipwb case stix FILE | head`) ends the command quietly, no crash', async () => {
    const casePath = join(box.dir, 'piped.tipcase.json');
    // A showcase IP's full answer: its bundle is far larger than a pipe's buffer.
    expect((await runTipwb(['lookup', '--case', casePath, DEMO_INDICATORS.ip[0] ?? ''], env)).code).toBe(0);
    const child = startTipwb(['case', 'stix', casePath], env);
    child.stdin.end();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // Read one chunk, then close the pipe, as `head -c` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.once('close', (exitCode) => done(exitCode)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
