/**
 * Compressed answers between the demo TIP service and the TIP client, over real mutual TLS: gzip,
 * deflate and br decode to exactly the plain answer; the size cap holds on the decompressed bytes
 * (a gzip bomb stops at the cap without the process's memory growing with it); damaged or unknown
 * encodings are BAD_RESPONSE. No timing assertions.
 */
import https from 'node:https';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTipClient, type TipClient, type TipClientOptions } from '../../src/main/tip';
import type { Result } from '../../src/shared/ipc/result';
import type { LookupAnswer } from '../../src/shared/tip/types';
import { startMockTip, type MockTip } from '../../tools/mock-tip';

const HUB = '203.0.113.66'; // ~600 KiB plain, ~110 KiB compressed
const MiB = 1024 * 1024;

let mock: MockTip;
const clients: TipClient[] = [];

beforeAll(async () => {
  mock = await startMockTip();
});

afterEach(() => {
  mock.setFaults([]);
  while (clients.length > 0) clients.pop()?.close();
});

afterAll(async () => {
  await mock.stop();
});

function client(options: Partial<TipClientOptions> = {}): TipClient {
  const made = createTipClient({
    baseUrl: mock.url,
    ca: mock.ca,
    auth: { kind: 'certificate', cert: mock.clientCert.cert, key: mock.clientCert.key, user: mock.user, password: mock.password },
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 5,
    ...options,
  });
  clients.push(made);
  return made;
}

function answerOf(result: Result<LookupAnswer>): LookupAnswer {
  if (!result.ok) throw new Error(`expected an answer, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function errorOf(result: Result<LookupAnswer>, code: string): string {
  if (result.ok) throw new Error(`expected ${code}, got HTTP ${result.value.status}`);
  expect(result.error.code).toBe(code);
  return result.error.message;
}

/** The hub's answer with the quota reset first, so LicenseInfo (DayRequests) is the same each time. */
async function hubAnswer(tip: TipClient): Promise<{ answer: LookupAnswer; encoding: string | undefined }> {
  mock.resetQuota();
  const answer = answerOf(await tip.lookup({ type: 'ip', value: HUB }));
  return { answer, encoding: mock.requests.at(-1)?.encoding };
}

describe('compressed answers', () => {
  it('by default the mock sends large answers compressed (br) and the client reads them whole', async () => {
    const tip = client();
    mock.setFaults([{ encoding: 'identity', times: 1 }]);
    const plain = await hubAnswer(tip);
    expect(plain.encoding).toBe('identity');
    const compressed = await hubAnswer(tip);
    expect(compressed.encoding).toBe('br');
    expect(compressed.answer.body).toEqual(plain.answer.body);
    expect(compressed.answer.zone).toBe('Red');
    expect(JSON.stringify(plain.answer.body).length).toBeGreaterThan(500 * 1024);
  });

  it('small answers (under 8 KiB) go plain', async () => {
    answerOf(await client().lookup({ type: 'ip', value: '198.51.100.7' }));
    expect(mock.requests.at(-1)?.encoding).toBe('identity');
  });

  it.each(['gzip', 'br', 'deflate'])('%s decodes to exactly the plain answer', async (encoding) => {
    const tip = client();
    mock.setFaults([{ encoding: 'identity', times: 1 }]);
    const plain = await hubAnswer(tip);
    mock.setFaults([{ encoding, times: 1 }]);
    const coded = await hubAnswer(tip);
    expect(coded.encoding).toBe(encoding);
    expect(coded.answer.body).toEqual(plain.answer.body);
  });

  it('the mock follows Accept-Encoding: nothing asked, nothing compressed; gzip alone, gzip', async () => {
    const ask = (acceptEncoding: string | undefined): Promise<string | undefined> =>
      new Promise((resolve, reject) => {
        const { hostname, port } = new URL(mock.url);
        const headers: Record<string, string> = { Authorization: `Basic ${Buffer.from(`${mock.user}:${mock.password}`).toString('base64')}` };
        if (acceptEncoding !== undefined) headers['Accept-Encoding'] = acceptEncoding;
        https
          .get({ hostname, port, path: `/api/ip/${HUB}`, ca: mock.ca, cert: mock.clientCert.cert, key: mock.clientCert.key, headers, agent: false }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.headers['content-encoding']));
          })
          .on('error', reject);
      });
    expect(await ask(undefined)).toBeUndefined();
    expect(await ask('gzip')).toBe('gzip');
    expect(await ask('gzip, br;q=0')).toBe('gzip');
    expect(await ask('br')).toBe('br');
  });
});

describe('the size cap on compressed answers', () => {
  it('an honest answer over the cap once decompressed → BAD_RESPONSE that says so', async () => {
    const result = await client({ maxResponseBytes: 256 * 1024 }).lookup({ type: 'ip', value: HUB });
    expect(errorOf(result, 'BAD_RESPONSE')).toContain('grows past the 256.0 KiB limit once decompressed');
    if (!result.ok) expect(result.error.retryable).toBe(false);
  });

  it('a compressed Content-Length over the cap is refused before reading', async () => {
    mock.setFaults([{ encoding: 'gzip' }]);
    const result = await client({ maxResponseBytes: 64 * 1024 }).lookup({ type: 'ip', value: HUB });
    expect(errorOf(result, 'BAD_RESPONSE')).toMatch(/answer is [\d.]+ KiB, over the 64\.0 KiB limit/);
  });

  it('a gzip bomb (1 GiB once decompressed) stops at the default 32 MiB cap; memory does not follow it', async () => {
    mock.setFaults([{ gzipBomb: 1024 * MiB, times: 1 }]);
    const tip = client();
    const before = process.memoryUsage();
    let peakExternal = before.arrayBuffers;
    const sampler = setInterval(() => {
      peakExternal = Math.max(peakExternal, process.memoryUsage().arrayBuffers);
    }, 5);
    const requests = mock.requestCount;
    const result = await tip.lookup({ type: 'ip', value: HUB });
    clearInterval(sampler);
    peakExternal = Math.max(peakExternal, process.memoryUsage().arrayBuffers);

    expect(errorOf(result, 'BAD_RESPONSE')).toContain('came gzip-compressed and grows past the 32.0 MiB limit once decompressed');
    if (!result.ok) expect(result.error.retryable).toBe(false);
    expect(mock.requestCount - requests).toBe(1);
    // Bounded by the cap plus stream buffers, nowhere near the bomb's gigabyte.
    expect(peakExternal - before.arrayBuffers).toBeLessThan(128 * MiB);
    // The connection that carried it was dropped; the next lookup works.
    expect(answerOf(await tip.lookup({ type: 'ip', value: '192.0.2.10' })).status).toBe(200);
  });

  it('a gzip bomb below the cap is read whole (the decoder is not the limit)', async () => {
    mock.setFaults([{ gzipBomb: 3 * MiB, times: 1 }]);
    const answer = answerOf(await client({ maxResponseBytes: 4 * MiB }).lookup({ type: 'ip', value: HUB }));
    expect(String((answer.body as { Padding: string }).Padding)).toBe('0'.repeat(3 * MiB - 28));
  });
});

describe('bad encodings', () => {
  it('damaged gzip → BAD_RESPONSE, not retried', async () => {
    mock.setFaults([{ corruptEncoding: true }]);
    const requests = mock.requestCount;
    const result = await client().lookup({ type: 'ip', value: HUB });
    expect(errorOf(result, 'BAD_RESPONSE')).toContain('came gzip-compressed but cannot be decompressed');
    expect(mock.requestCount - requests).toBe(1);
  });

  it('an encoding the client does not know → BAD_RESPONSE naming it, not retried', async () => {
    mock.setFaults([{ encoding: 'zstd' }]);
    const requests = mock.requestCount;
    const result = await client().lookup({ type: 'ip', value: HUB });
    expect(errorOf(result, 'BAD_RESPONSE')).toContain('encoded as "zstd"');
    expect(mock.requestCount - requests).toBe(1);
  });
});
