/**
 * The TIP client against the demo TIP service over real mutual TLS on loopback: every sign-in mode,
 * every error code, retries (counted by the mock), Retry-After, timeouts, cancellation, the size cap,
 * damaged bodies, STIX, path encoding, bad client certificates and keep-alive reuse.
 * No timing assertions: waits are observed through the client's `onRetry` hook.
 */
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { liveAgentCount } from '../../src/main/tip/mtls-agent';
import { createTipClient, type RetryEvent, type TipAuth, type TipClient, type TipClientOptions } from '../../src/main/tip';
import type { Result } from '../../src/shared/ipc/result';
import type { LookupAnswer } from '../../src/shared/tip/types';
import { startMockTip, type MockTip } from '../../tools/mock-tip';
import { createCa, issueCertificate, toPkcs12 } from '../../tools/mock-tip/pki';

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

function certificateAuth(overrides: Partial<Extract<TipAuth, { kind: 'certificate' }>> = {}): TipAuth {
  return { kind: 'certificate', cert: mock.clientCert.cert, key: mock.clientCert.key, user: mock.user, password: mock.password, ...overrides };
}

function client(options: Partial<TipClientOptions> = {}): TipClient {
  const made = createTipClient({
    baseUrl: mock.url,
    ca: mock.ca,
    auth: certificateAuth(),
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

const SECRETS = (): string[] => [mock.password, mock.token, mock.clientCert.pfxPassphrase, mock.clientCert.keyPassphrase, 'MII'];

function errorOf(result: Result<LookupAnswer>, code: string): string {
  if (result.ok) throw new Error(`expected ${code}, got HTTP ${result.value.status}`);
  expect(result.error.code).toBe(code);
  for (const secret of SECRETS()) expect(result.error.message).not.toContain(secret);
  expect(result.error.message).not.toMatch(/\n\s+at /); // no stack
  return result.error.message;
}

/** Requests the mock received while `run` ran. */
async function counted<T>(run: () => Promise<T>): Promise<{ result: T; requests: number; connections: number }> {
  const requests = mock.requestCount;
  const connections = mock.connections;
  const result = await run();
  return { result, requests: mock.requestCount - requests, connections: mock.connections - connections };
}

const IP = '203.0.113.5';

describe('sign-in modes', () => {
  it('PEM certificate + Basic', async () => {
    const answer = answerOf(await client().lookup({ type: 'ip', value: IP }));
    expect(answer.status).toBe(200);
    expect(typeof answer.zone).toBe('string');
    expect(answer.license).toMatchObject({ AccessType: 'Commercial', DayQuota: expect.any(Number) });
    expect(answer.durationMs).toBeGreaterThan(0);
    expect(mock.requests.at(-1)).toMatchObject({ listener: 'certificate', auth: 'basic', status: 200 });
  });

  it('encrypted PEM key + passphrase', async () => {
    const auth = certificateAuth({ key: mock.clientCert.encryptedKey, passphrase: mock.clientCert.keyPassphrase });
    expect(answerOf(await client({ auth }).lookup({ type: 'domain', value: 'example.com' })).status).toBe(200);
  });

  it('PKCS#12 + passphrase', async () => {
    const auth: TipAuth = { kind: 'pkcs12', pfx: mock.clientCert.pfx, passphrase: mock.clientCert.pfxPassphrase, user: mock.user, password: mock.password };
    expect(answerOf(await client({ auth }).lookup({ type: 'ip', value: IP })).status).toBe(200);
  });

  it('API token (Bearer)', async () => {
    const answer = answerOf(await client({ baseUrl: mock.tokenUrl, auth: { kind: 'token', token: mock.token } }).lookup({ type: 'ip', value: IP }));
    expect(answer.license?.TokenExpirationDate).toEqual(expect.any(String));
    expect(mock.requests.at(-1)).toMatchObject({ listener: 'token', auth: 'bearer', status: 200 });
  });

  it('wrong password → UNAUTHORIZED from an HTML 401, sent once', async () => {
    const { result, requests } = await counted(() => client({ auth: certificateAuth({ password: 'not-the-password' }) }).lookup({ type: 'ip', value: IP }));
    expect(errorOf(result, 'UNAUTHORIZED')).toContain('user name or password');
    expect(requests).toBe(1);
  });

  it('wrong token → UNAUTHORIZED', async () => {
    const result = await client({ baseUrl: mock.tokenUrl, auth: { kind: 'token', token: 'wrong-token' } }).lookup({ type: 'ip', value: IP });
    expect(errorOf(result, 'UNAUTHORIZED')).toContain('API token');
  });

  it('token sign-in against a server that demands a client certificate → NO_CREDENTIALS', async () => {
    const { result, requests } = await counted(() => client({ auth: { kind: 'token', token: mock.token } }).lookup({ type: 'ip', value: IP }));
    expect(errorOf(result, 'NO_CREDENTIALS')).toContain('client certificate');
    expect(requests).toBe(0);
  });
});

describe('HTTP errors', () => {
  it.each([
    [400, 'INVALID_INPUT'],
    [402, 'LICENSE_EXPIRED'],
    [403, 'FORBIDDEN'],
    [414, 'URL_TOO_LONG'],
    [451, 'LEGAL_BLOCK'],
  ])('%i → %s, never retried', async (status, code) => {
    mock.setFaults([{ status }]);
    const { result, requests } = await counted(() => client().lookup({ type: 'ip', value: IP }));
    errorOf(result, code);
    if (!result.ok) expect(result.error.retryable).toBe(false);
    expect(requests).toBe(1);
  });

  it('403 with the quota spent → QUOTA_EXCEEDED', async () => {
    mock.setQuota(0);
    try {
      const { result, requests } = await counted(() => client().lookup({ type: 'ip', value: IP }));
      expect(errorOf(result, 'QUOTA_EXCEEDED')).toContain('quota');
      expect(requests).toBe(1);
    } finally {
      mock.setQuota(5000);
    }
  });

  it('404 is an answer, with a null body when empty', async () => {
    mock.setFaults([{ status: 404, emptyBody: true }]);
    expect(answerOf(await client().lookup({ type: 'ip', value: IP }))).toMatchObject({ status: 404, body: null });
    mock.setFaults([{ status: 404 }]);
    expect(answerOf(await client().lookup({ type: 'ip', value: IP }))).toMatchObject({ status: 404, body: { code: 'InjectedFault' } });
  });

  it.each([500, 502, 503])('%i → SERVER_ERROR after 1 + 2 retries', async (status) => {
    mock.setFaults([{ status }]);
    const retries: RetryEvent[] = [];
    const { result, requests } = await counted(() => client({ onRetry: (e) => retries.push(e) }).lookup({ type: 'ip', value: IP }));
    expect(errorOf(result, 'SERVER_ERROR')).toContain('Gave up after 3 attempts');
    if (!result.ok) expect(result.error.retryable).toBe(true);
    expect(requests).toBe(3);
    expect(retries.map((e) => e.retry)).toEqual([1, 2]);
  });

  it('a transient 503 is retried into an answer; `retries` bounds the attempts', async () => {
    mock.setFaults([{ status: 503, times: 1 }]);
    const once = await counted(() => client().lookup({ type: 'ip', value: IP }));
    expect(answerOf(once.result).status).toBe(200);
    expect(once.requests).toBe(2);

    mock.setFaults([{ status: 503 }]);
    const five = await counted(() => client({ retries: 5 }).lookup({ type: 'ip', value: IP }));
    errorOf(five.result, 'SERVER_ERROR');
    expect(five.requests).toBe(6);
    const none = await counted(() => client({ retries: 0 }).lookup({ type: 'ip', value: IP }));
    errorOf(none.result, 'SERVER_ERROR');
    expect(none.requests).toBe(1);
  });

  it('429 → RATE_LIMITED after the retries', async () => {
    mock.setFaults([{ status: 429 }]);
    const { result, requests } = await counted(() => client().lookup({ type: 'ip', value: IP }));
    errorOf(result, 'RATE_LIMITED');
    expect(requests).toBe(3);
  });
});

describe('Retry-After', () => {
  it('waits the seconds it says, then succeeds', async () => {
    mock.setFaults([{ status: 429, retryAfter: 1, times: 1 }]);
    const retries: RetryEvent[] = [];
    const { result, requests } = await counted(() => client({ onRetry: (e) => retries.push(e) }).lookup({ type: 'ip', value: IP }));
    expect(answerOf(result).status).toBe(200);
    expect(requests).toBe(2);
    expect(retries).toEqual([{ retry: 1, delayMs: 1000, code: 'RATE_LIMITED' }]);
  });

  it('reads an HTTP date too', async () => {
    const now = Date.now();
    const at = new Date(Math.ceil(now / 1000) * 1000 + 1000); // whole seconds, 1–2 s ahead
    mock.setFaults([{ status: 503, retryAfter: at.toUTCString(), times: 1 }]);
    const retries: RetryEvent[] = [];
    const result = await client({ now: () => now, onRetry: (e) => retries.push(e) }).lookup({ type: 'ip', value: IP });
    expect(answerOf(result).status).toBe(200);
    expect(retries).toEqual([{ retry: 1, delayMs: at.getTime() - now, code: 'SERVER_ERROR' }]);
  });

  it('past the cap, fails at once with RATE_LIMITED saying when to try again', async () => {
    mock.setFaults([{ status: 429, retryAfter: 3600 }]);
    const { result, requests } = await counted(() => client({ maxRetryAfterMs: 60_000 }).lookup({ type: 'ip', value: IP }));
    const message = errorOf(result, 'RATE_LIMITED');
    expect(message).toMatch(/wait until .*\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\); try again then/);
    if (!result.ok) expect(result.error.retryable).toBe(true);
    expect(requests).toBe(1);
  });
});

describe('timeouts and cancellation', () => {
  it('a server that never answers → TIMEOUT, retried like a reset', async () => {
    mock.setFaults([{ hang: true }]);
    const once = await counted(() => client({ timeoutMs: 1000, retries: 0 }).lookup({ type: 'ip', value: IP }));
    expect(errorOf(once.result, 'TIMEOUT')).toContain('did not answer');
    expect(once.requests).toBe(1);
    const twice = await counted(() => client({ timeoutMs: 1000, retries: 1 }).lookup({ type: 'ip', value: IP }));
    errorOf(twice.result, 'TIMEOUT');
    expect(twice.requests).toBe(2);
  });

  it('abort mid-request ends the lookup at once as CANCELLED', async () => {
    mock.setFaults([{ hang: true }]);
    const controller = new AbortController();
    const before = mock.requestCount;
    const pending = client({ timeoutMs: 60_000 }).lookup({ type: 'ip', value: IP }, { signal: controller.signal });
    while (mock.requestCount === before) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    expect(errorOf(await pending, 'CANCELLED')).toBe('The lookup was cancelled.');
    expect(mock.requestCount - before).toBe(1);
  });

  it('abort during the backoff wait ends it at once as CANCELLED', async () => {
    mock.setFaults([{ status: 503 }]);
    const controller = new AbortController();
    const retries: RetryEvent[] = [];
    const tip = client({
      retryBaseDelayMs: 60_000,
      retryMaxDelayMs: 60_000,
      random: () => 0.99,
      onRetry: (e) => {
        retries.push(e);
        setTimeout(() => controller.abort(), 10);
      },
    });
    const { result, requests } = await counted(() => tip.lookup({ type: 'ip', value: IP }, { signal: controller.signal }));
    errorOf(result, 'CANCELLED');
    expect(requests).toBe(1);
    expect(retries).toEqual([{ retry: 1, delayMs: 59_400, code: 'SERVER_ERROR' }]);
  });

  it('an already aborted signal sends nothing', async () => {
    const { result, requests } = await counted(() => client().lookup({ type: 'ip', value: IP }, { signal: AbortSignal.abort() }));
    errorOf(result, 'CANCELLED');
    expect(requests).toBe(0);
  });

  it('close() ends lookups in flight and refuses new ones', async () => {
    mock.setFaults([{ hang: true }]);
    const tip = client({ timeoutMs: 60_000 });
    const before = mock.requestCount;
    const pending = tip.lookup({ type: 'ip', value: IP });
    while (mock.requestCount === before) await new Promise((r) => setTimeout(r, 5));
    tip.close();
    expect(errorOf(await pending, 'CANCELLED')).toContain('closed');
    errorOf(await tip.lookup({ type: 'ip', value: IP }), 'CANCELLED');
  });
});

describe('bodies', () => {
  it('a chunked body over the cap is cut off while streaming → BAD_RESPONSE', async () => {
    mock.setFaults([{ hugeBodyBytes: 8 * 1024 * 1024, times: 1 }]);
    const tip = client({ maxResponseBytes: 1024 * 1024 });
    const { result, requests } = await counted(() => tip.lookup({ type: 'ip', value: IP }));
    expect(errorOf(result, 'BAD_RESPONSE')).toContain('more than 1.0 MiB, over the 1.0 MiB limit');
    expect(requests).toBe(1);
    // The connection that carried the oversized answer was dropped; the next lookup works.
    expect(answerOf(await tip.lookup({ type: 'ip', value: IP })).status).toBe(200);
  });

  it('a body within the cap is read whole', async () => {
    mock.setFaults([{ hugeBodyBytes: 2 * 1024 * 1024, times: 1 }]);
    const answer = answerOf(await client({ maxResponseBytes: 3 * 1024 * 1024 }).lookup({ type: 'ip', value: IP }));
    expect(String((answer.body as { Padding: string }).Padding)).toHaveLength(2 * 1024 * 1024 - 28);
  });

  it('a Content-Length over the cap is refused before reading', async () => {
    const { result } = await counted(() => client({ maxResponseBytes: 64 }).lookup({ type: 'ip', value: IP }));
    expect(errorOf(result, 'BAD_RESPONSE')).toMatch(/answer is [\d.]+ (bytes|KiB), over the 64 bytes limit/);
  });

  it('malformed JSON → BAD_RESPONSE, not retried', async () => {
    mock.setFaults([{ malformed: true }]);
    const { result, requests } = await counted(() => client().lookup({ type: 'ip', value: IP }));
    expect(errorOf(result, 'BAD_RESPONSE')).toContain('not valid JSON');
    expect(requests).toBe(1);
  });

  it('an empty 200 → BAD_RESPONSE', async () => {
    mock.setFaults([{ emptyBody: true }]);
    expect(errorOf(await client().lookup({ type: 'ip', value: IP }), 'BAD_RESPONSE')).toContain('empty answer');
  });

  it('a truncated body (connection closed early) → BAD_RESPONSE after retries; once → answer', async () => {
    mock.setFaults([{ truncate: true }]);
    const always = await counted(() => client().lookup({ type: 'ip', value: IP }));
    expect(errorOf(always.result, 'BAD_RESPONSE')).toContain('cut off');
    expect(always.requests).toBe(3);
    mock.setFaults([{ truncate: true, times: 1 }]);
    const once = await counted(() => client().lookup({ type: 'ip', value: IP }));
    expect(answerOf(once.result).status).toBe(200);
    expect(once.requests).toBe(2);
  });

  it('a reset connection → NETWORK after retries; once → answer', async () => {
    mock.setFaults([{ reset: true }]);
    const always = await counted(() => client().lookup({ type: 'ip', value: IP }));
    expect(errorOf(always.result, 'NETWORK')).toContain('ECONNRESET');
    expect(always.requests).toBe(3);
    mock.setFaults([{ reset: true, times: 1 }]);
    const once = await counted(() => client().lookup({ type: 'ip', value: IP }));
    expect(answerOf(once.result).status).toBe(200);
    expect(once.requests).toBe(2);
  });

  it('STIX: the bundle as received, no license or zone', async () => {
    const answer = answerOf(await client().lookup({ type: 'ip', value: IP, format: 'stix' }));
    expect(answer.body).toMatchObject({ type: 'bundle' });
    expect(answer.license).toBeUndefined();
    expect(answer.zone).toBeUndefined();
    expect(mock.requests.at(-1)?.path).toBe(`/api/ip/${IP}?format=stix`);
  });

  it('reserved IPs answer only the four reserved sections', async () => {
    for (const ip of ['10.1.2.3', '192.168.0.1', '127.0.0.1', 'fe80::1']) {
      const answer = answerOf(await client().lookup({ type: 'ip', value: ip }));
      expect(Object.keys(answer.body as object).sort()).toEqual(['IpGeneralInfo', 'IpWhoIs', 'LicenseInfo', 'Zone']);
      expect(answer.body).toMatchObject({ IpGeneralInfo: { Status: 'Reserved' } });
    }
  });

  it('sections and count reach the server; only the asked sections come back', async () => {
    const answer = answerOf(await client().lookup({ type: 'ip', value: IP, sections: ['Zone', 'LicenseInfo'], count: 5 }));
    expect(Object.keys(answer.body as object).sort()).toEqual(['LicenseInfo', 'Zone']);
    expect(mock.requests.at(-1)?.path).toBe(`/api/ip/${IP}?count=5&sections=Zone,LicenseInfo`);
  });
});

describe('web address encoding', () => {
  const base = 'http://example.com/';
  const cases = [
    `${base}a b/c  d`,
    `${base}path?q=1&r=two#fragment`,
    `${base}100%25/%zz/%`,
    `${base}путь/ü?x=é&y=日本`,
    `${base}!'()*;,$@+=:~`,
    `${base}a${'😀'.repeat(4)}`,
    base + 'x'.repeat(2000 - base.length),
  ];

  it.each(cases.map((url) => [url.length > 80 ? `${url.slice(0, 40)}… (${url.length})` : url, url]))(
    'the mock decodes exactly the original: %s',
    async (_label, url) => {
      const answer = answerOf(await client().lookup({ type: 'url', value: url }));
      expect(answer.status).toBe(200);
      const path = mock.requests.at(-1)?.path ?? '';
      const segment = /^\/api\/url\/([^/?#]+)$/.exec(path)?.[1];
      expect(segment).toBeDefined();
      expect(decodeURIComponent(segment ?? '')).toBe(url);
    },
  );

  it('2001 characters → URL_TOO_LONG, nothing sent', async () => {
    const url = base + 'x'.repeat(2001 - base.length);
    const { result, requests } = await counted(() => client().lookup({ type: 'url', value: url }));
    expect(errorOf(result, 'URL_TOO_LONG')).toContain('2001 characters');
    expect(requests).toBe(0);
  });

  it('invalid input is refused before anything is sent', async () => {
    const tip = client();
    const { result, requests, connections } = await counted(async () => [
      await tip.lookup({ type: 'ip', value: '300.1.2.3' }),
      await tip.lookup({ type: 'ip', value: IP, sections: ['FileNames'] }),
      await tip.lookup({ type: 'ip', value: IP, count: 0 }),
    ]);
    expect(result.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['INVALID_INPUT', 'INVALID_INPUT', 'INVALID_INPUT']);
    expect(requests).toBe(0);
    expect(connections).toBe(0);
  });
});

describe('client certificates', () => {
  const DAY = 86_400_000;

  async function refusedLocally(auth: TipAuth, code: string): Promise<string> {
    const { result, requests, connections } = await counted(() => client({ auth }).lookup({ type: 'ip', value: IP }));
    const message = errorOf(result, code);
    expect(requests).toBe(0);
    expect(connections).toBe(0);
    return message;
  }

  it('expired → CERT_EXPIRED before connecting', async () => {
    const expired = mock.issueClientCertificate({ notBefore: new Date(Date.now() - 30 * DAY), notAfter: new Date(Date.now() - DAY) });
    expect(await refusedLocally(certificateAuth(expired), 'CERT_EXPIRED')).toContain('expired on');
  });

  it('not yet valid → CERT_EXPIRED before connecting', async () => {
    const early = mock.issueClientCertificate({ notBefore: new Date(Date.now() + DAY), notAfter: new Date(Date.now() + 30 * DAY) });
    expect(await refusedLocally(certificateAuth(early), 'CERT_EXPIRED')).toContain('not valid yet');
  });

  it('a certificate that expires while the client lives is refused from then on', async () => {
    const tip = client({ now: () => Date.now() + 3 * 365 * DAY });
    errorOf(await tip.lookup({ type: 'ip', value: IP }), 'CERT_EXPIRED');
  });

  it('wrong PKCS#12 passphrase → BAD_PASSPHRASE (and the process survives)', async () => {
    const auth: TipAuth = { kind: 'pkcs12', pfx: mock.clientCert.pfx, passphrase: 'wrong', user: mock.user, password: mock.password };
    expect(await refusedLocally(auth, 'BAD_PASSPHRASE')).toContain('does not open');
  });

  it('wrong or missing key passphrase → BAD_PASSPHRASE', async () => {
    await refusedLocally(certificateAuth({ key: mock.clientCert.encryptedKey, passphrase: 'wrong' }), 'BAD_PASSPHRASE');
    await refusedLocally(certificateAuth({ key: mock.clientCert.encryptedKey }), 'BAD_PASSPHRASE');
  });

  it('legacy PKCS#12 → CERT_INVALID with re-export advice', async () => {
    const auth: TipAuth = { kind: 'pkcs12', pfx: mock.clientCert.legacyPfx, passphrase: mock.clientCert.pfxPassphrase, user: mock.user, password: mock.password };
    expect(await refusedLocally(auth, 'CERT_INVALID')).toContain('openssl pkcs12 -export -keypbe AES-256-CBC');
  });

  it('a key that does not match the certificate → CERT_INVALID', async () => {
    const other = mock.issueClientCertificate({ commonName: 'other-analyst' });
    expect(await refusedLocally(certificateAuth({ key: other.key }), 'CERT_INVALID')).toContain('does not belong');
  });

  it('a certificate from another CA: the server refuses it → CERT_INVALID, not retried blindly', async () => {
    const stranger = issueCertificate(createCa({ commonName: 'Somebody Else CA' }), { commonName: 'stranger', kind: 'client' });
    const { result, requests } = await counted(() => client({ auth: certificateAuth(stranger) }).lookup({ type: 'ip', value: IP }));
    expect(errorOf(result, 'CERT_INVALID')).toContain('refuses the client certificate');
    expect(requests).toBe(0);
  });

  it('a PKCS#12 from another CA is refused the same way', async () => {
    const stranger = issueCertificate(createCa({ commonName: 'Somebody Else CA' }), { commonName: 'stranger', kind: 'client' });
    const auth: TipAuth = { kind: 'pkcs12', pfx: toPkcs12(stranger, 'p'), passphrase: 'p', user: mock.user, password: mock.password };
    errorOf(await client({ auth }).lookup({ type: 'ip', value: IP }), 'CERT_INVALID');
  });
});

describe('the connection', () => {
  it('a server whose CA is not trusted → TLS_UNTRUSTED_SERVER, nothing sent', async () => {
    const withoutCa = createTipClient({ baseUrl: mock.url, auth: certificateAuth() });
    clients.push(withoutCa);
    const { result, requests } = await counted(() => withoutCa.lookup({ type: 'ip', value: IP }));
    expect(errorOf(result, 'TLS_UNTRUSTED_SERVER')).toContain('not trusted');
    expect(requests).toBe(0);
  });

  it('trusting another CA does not trust the mock', async () => {
    const tip = client({ ca: createCa({ commonName: 'Unrelated CA' }).cert });
    errorOf(await tip.lookup({ type: 'ip', value: IP }), 'TLS_UNTRUSTED_SERVER');
  });

  it('plain http is refused before connecting', async () => {
    const { result, connections } = await counted(() => client({ baseUrl: mock.url.replace('https:', 'http:') }).lookup({ type: 'ip', value: IP }));
    expect(errorOf(result, 'INVALID_INPUT')).toContain('https://');
    expect(connections).toBe(0);
  });

  it('nothing listening → NETWORK', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
      });
    });
    expect(errorOf(await client({ baseUrl: `https://127.0.0.1:${port}` }).lookup({ type: 'ip', value: IP }), 'NETWORK')).toContain('ECONNREFUSED');
  });

  it('keep-alive: 25 lookups over 1 TLS connection', async () => {
    const tip = client();
    const { result, requests, connections } = await counted(async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 25; i += 1) statuses.push(answerOf(await tip.lookup({ type: 'ip', value: `203.0.113.${i + 1}` })).status);
      return statuses;
    });
    expect(result.every((status) => status === 200)).toBe(true);
    expect(requests).toBe(25);
    expect(connections).toBe(1);
  });

  it('clients with the same credential share one agent; PKCS#12 and token keep-alive too', async () => {
    const auth: TipAuth = { kind: 'pkcs12', pfx: mock.clientCert.pfx, passphrase: mock.clientCert.pfxPassphrase, user: mock.user, password: mock.password };
    const a = client({ auth });
    const b = client({ auth });
    const { connections } = await counted(async () => {
      for (let i = 0; i < 5; i += 1) {
        answerOf(await a.lookup({ type: 'ip', value: IP }));
        answerOf(await b.lookup({ type: 'ip', value: IP }));
      }
    });
    expect(connections).toBe(1);
    const token = client({ baseUrl: mock.tokenUrl, auth: { kind: 'token', token: mock.token } });
    const tokenRun = await counted(async () => {
      for (let i = 0; i < 5; i += 1) answerOf(await token.lookup({ type: 'hash', value: 'd41d8cd98f00b204e9800998ecf8427e' }));
    });
    expect(tokenRun.connections).toBe(1);
  });

  it('the agent lives while a client uses it: the last close() destroys it', async () => {
    const before = liveAgentCount();
    const a = client();
    const b = client();
    answerOf(await a.lookup({ type: 'ip', value: IP }));
    answerOf(await b.lookup({ type: 'ip', value: IP }));
    expect(liveAgentCount()).toBe(before + 1);
    a.close();
    expect(liveAgentCount()).toBe(before + 1);
    answerOf(await b.lookup({ type: 'ip', value: IP }));
    b.close();
    expect(liveAgentCount()).toBe(before);
  });

  it('extra CA text without a certificate is refused, not silently ignored', async () => {
    errorOf(await client({ ca: 'not a certificate' }).lookup({ type: 'ip', value: IP }), 'INVALID_INPUT');
  });

  it('concurrent lookups all answer', async () => {
    const tip = client();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => tip.lookup({ type: 'ip', value: `198.51.100.${i + 1}` })));
    expect(results.map((r) => answerOf(r).status)).toEqual(Array(12).fill(200));
  });
});
