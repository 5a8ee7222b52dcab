/**
 * The TIP client through a real CONNECT proxy on loopback (tests/support/connect-proxy.ts) to the
 * demo TIP service, over real mutual TLS: every sign-in mode, proxy credentials, refusals, resets,
 * an unreachable proxy, keep-alive through one tunnel, what the proxy can see (nothing but TLS
 * records), server certificate checks inside the tunnel, cancellation during CONNECT, bad proxy
 * URLs. No timing assertions.
 */
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTipClient, credentialFingerprint, resolveProxy, type TipAuth, type TipClient, type TipClientOptions } from '../../src/main/tip';
import type { Result } from '../../src/shared/ipc/result';
import type { LookupAnswer } from '../../src/shared/tip/types';
import { startMockTip, type MockTip } from '../../tools/mock-tip';
import { createCa, issueCertificate } from '../../tools/mock-tip/pki';
import { startConnectProxy, type ConnectProxy } from '../support/connect-proxy';

const PROXY_USER = 'analyst';
const PROXY_PASSWORD = 'proxy-pw-7Qx!secret';
const IP = '203.0.113.5';

let mock: MockTip;
let open: ConnectProxy;
let guarded: ConnectProxy;
const clients: TipClient[] = [];
const proxies: ConnectProxy[] = [];

beforeAll(async () => {
  mock = await startMockTip();
  open = await startConnectProxy();
  guarded = await startConnectProxy({ user: PROXY_USER, password: PROXY_PASSWORD });
});

afterEach(async () => {
  mock.setFaults([]);
  while (clients.length > 0) clients.pop()?.close();
  while (proxies.length > 0) await proxies.pop()?.close();
});

afterAll(async () => {
  await Promise.all([open.close(), guarded.close(), mock.stop()]);
});

function certificateAuth(overrides: Partial<Extract<TipAuth, { kind: 'certificate' }>> = {}): TipAuth {
  return { kind: 'certificate', cert: mock.clientCert.cert, key: mock.clientCert.key, user: mock.user, password: mock.password, ...overrides };
}

function client(options: Partial<TipClientOptions> = {}): TipClient {
  const made = createTipClient({
    baseUrl: mock.url,
    ca: mock.ca,
    auth: certificateAuth(),
    proxy: { url: guarded.url, user: PROXY_USER, password: PROXY_PASSWORD },
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 5,
    ...options,
  });
  clients.push(made);
  return made;
}

async function proxy(options: Parameters<typeof startConnectProxy>[0]): Promise<ConnectProxy> {
  const started = await startConnectProxy(options);
  proxies.push(started);
  return started;
}

function answerOf(result: Result<LookupAnswer>): LookupAnswer {
  if (!result.ok) throw new Error(`expected an answer, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** The error's code, with no secret (the proxy password above all) anywhere in it. */
function errorOf(result: Result<LookupAnswer>, code: string): string {
  if (result.ok) throw new Error(`expected ${code}, got HTTP ${result.value.status}`);
  expect(result.error.code).toBe(code);
  const text = JSON.stringify(result.error);
  for (const secret of [PROXY_PASSWORD, encodeURIComponent(PROXY_PASSWORD), 'wrong-proxy-pw', mock.password, mock.token, 'MII']) {
    expect(text).not.toContain(secret);
  }
  return result.error.message;
}

async function freePort(): Promise<number> {
  return new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 5));
}

describe('sign-in modes through the proxy', () => {
  it('PEM certificate + Basic: the answer comes through one CONNECT to the TIP host and port', async () => {
    const before = guarded.connects.length;
    const answer = answerOf(await client().lookup({ type: 'ip', value: IP }));
    expect(answer.status).toBe(200);
    expect(answer.license).toMatchObject({ AccessType: 'Commercial' });
    expect(guarded.connects.slice(before)).toEqual([{ target: `127.0.0.1:${mock.port}`, authorized: true }]);
    expect(mock.requests.at(-1)).toMatchObject({ listener: 'certificate', auth: 'basic', status: 200 });
  });

  it('PKCS#12 + Basic', async () => {
    const auth: TipAuth = { kind: 'pkcs12', pfx: mock.clientCert.pfx, passphrase: mock.clientCert.pfxPassphrase, user: mock.user, password: mock.password };
    expect(answerOf(await client({ auth }).lookup({ type: 'domain', value: 'bad.example.com' })).zone).toBe('Red');
  });

  it('API token (Bearer)', async () => {
    const before = guarded.connects.length;
    const answer = answerOf(await client({ baseUrl: mock.tokenUrl, auth: { kind: 'token', token: mock.token } }).lookup({ type: 'ip', value: IP }));
    expect(answer.license?.TokenExpirationDate).toEqual(expect.any(String));
    expect(guarded.connects.slice(before)).toEqual([{ target: `127.0.0.1:${mock.tokenPort}`, authorized: true }]);
  });

  it('a proxy without credentials needs none', async () => {
    const before = open.connects.length;
    expect(answerOf(await client({ proxy: { url: open.url } }).lookup({ type: 'ip', value: IP })).status).toBe(200);
    expect(open.connects.length - before).toBe(1);
  });

  it('credentials written in the proxy URL are used', async () => {
    const url = guarded.url.replace('http://', `http://${PROXY_USER}:${encodeURIComponent(PROXY_PASSWORD)}@`);
    expect(answerOf(await client({ proxy: { url } }).lookup({ type: 'ip', value: IP })).status).toBe(200);
  });

  it('resolveProxy from HTTPS_PROXY feeds the client', async () => {
    const resolved = resolveProxy({
      target: mock.url,
      mode: 'system',
      env: { HTTPS_PROXY: guarded.url.replace('http://', `http://${PROXY_USER}:${encodeURIComponent(PROXY_PASSWORD)}@`) },
    });
    if (!resolved.ok) throw new Error(resolved.error.message);
    expect(resolved.value.display).toBe(guarded.url);
    const before = guarded.connects.length;
    expect(answerOf(await client({ proxy: resolved.value.proxy }).lookup({ type: 'ip', value: IP })).status).toBe(200);
    expect(guarded.connects.length - before).toBe(1);
  });
});

describe('proxy refusals', () => {
  it('no proxy credentials → PROXY_AUTH_REQUIRED: it asks for them and says where they go; tried once', async () => {
    const before = guarded.connects.length;
    const message = errorOf(await client({ proxy: { url: guarded.url } }).lookup({ type: 'ip', value: IP }), 'PROXY_AUTH_REQUIRED');
    expect(message).toContain('asks for a user name and password');
    expect(message).toContain(`127.0.0.1:${guarded.port}`);
    expect(message).toContain('Settings → Network');
    expect(message).toContain('HTTPS_PROXY=');
    expect(guarded.connects.slice(before)).toEqual([{ target: `127.0.0.1:${mock.port}`, authorized: false }]);
  });

  it('wrong proxy password → PROXY_AUTH_REQUIRED: it refused the ones given; tried once, nothing reaches TIP', async () => {
    const requests = mock.requestCount;
    const before = guarded.connects.length;
    const result = await client({ proxy: { url: guarded.url, user: PROXY_USER, password: 'wrong-proxy-pw' } }).lookup({ type: 'ip', value: IP });
    expect(errorOf(result, 'PROXY_AUTH_REQUIRED')).toContain('refused the user name and password it was given');
    if (!result.ok) expect(result.error.retryable).toBe(false);
    expect(guarded.connects.length - before).toBe(1);
    expect(mock.requestCount).toBe(requests);
  });

  it('403 → PROXY_REFUSED with the status, not retried', async () => {
    const refusing = await proxy({ refuse: 403 });
    const message = errorOf(await client({ proxy: { url: refusing.url } }).lookup({ type: 'ip', value: IP }), 'PROXY_REFUSED');
    expect(message).toContain('HTTP 403');
    expect(message).toContain(`127.0.0.1:${mock.port}`);
    expect(refusing.connects).toHaveLength(1);
  });

  it('a port the proxy does not allow → PROXY_REFUSED', async () => {
    const strict = await proxy({ allowedPorts: [443] });
    errorOf(await client({ proxy: { url: strict.url } }).lookup({ type: 'ip', value: IP }), 'PROXY_REFUSED');
  });

  it('502 from the proxy → PROXY_REFUSED after the retries (a gateway error may pass)', async () => {
    const failing = await proxy({ refuse: 502 });
    const result = await client({ proxy: { url: failing.url } }).lookup({ type: 'ip', value: IP });
    expect(errorOf(result, 'PROXY_REFUSED')).toContain('HTTP 502');
    if (!result.ok) expect(result.error.retryable).toBe(true);
    expect(failing.connects).toHaveLength(3);
  });

  it('the proxy resets the connection on CONNECT → PROXY_REFUSED "closed the connection", retried', async () => {
    const resetting = await proxy({ resetOnConnect: true });
    const result = await client({ proxy: { url: resetting.url } }).lookup({ type: 'ip', value: IP });
    expect(errorOf(result, 'PROXY_REFUSED')).toContain('closed the connection');
    expect(resetting.connects).toHaveLength(3);
  });

  it('nothing listening at the proxy address → PROXY_UNREACHABLE naming it, not retried', async () => {
    const port = await freePort();
    const message = errorOf(await client({ proxy: { url: `http://127.0.0.1:${port}`, user: PROXY_USER, password: PROXY_PASSWORD } }).lookup({ type: 'ip', value: IP }), 'PROXY_UNREACHABLE');
    expect(message).toContain(`127.0.0.1:${port}`);
    expect(message).toContain('ECONNREFUSED');
  });

  it('a proxy name that does not resolve → PROXY_UNREACHABLE', async () => {
    const message = errorOf(await client({ proxy: { url: 'http://proxy.invalid:3128' } }).lookup({ type: 'ip', value: IP }), 'PROXY_UNREACHABLE');
    expect(message).toContain('proxy.invalid:3128');
  });

  it.each([
    ['https://127.0.0.1:3128', 'https://'],
    ['socks5://127.0.0.1:1080', 'SOCKS'],
    ['ftp://127.0.0.1:21', 'http://'],
    ['http://', 'not a valid'],
    ['http://127.0.0.1:3128/path', 'no path'],
  ])('proxy URL %s → INVALID_INPUT before any connection', async (url, expected) => {
    const connections = mock.connections;
    expect(errorOf(await client({ proxy: { url } }).lookup({ type: 'ip', value: IP }), 'INVALID_INPUT')).toContain(expected);
    expect(mock.connections).toBe(connections);
  });
});

describe('the tunnel', () => {
  it('keep-alive: 5 lookups, 1 CONNECT, 1 TLS connection', async () => {
    const tip = client();
    const connects = guarded.connects.length;
    const connections = mock.connections;
    for (let i = 0; i < 5; i += 1) expect(answerOf(await tip.lookup({ type: 'ip', value: `203.0.113.${i + 1}` })).status).toBe(200);
    expect(guarded.connects.length - connects).toBe(1);
    expect(mock.connections - connections).toBe(1);
  });

  it('the proxy sees TLS records only: no Authorization, path, answer, token or client key', async () => {
    const watching = await proxy({});
    answerOf(await client({ proxy: { url: watching.url } }).lookup({ type: 'ip', value: IP }));
    answerOf(await client({ proxy: { url: watching.url }, baseUrl: mock.tokenUrl, auth: { kind: 'token', token: mock.token } }).lookup({ type: 'ip', value: IP }));
    const seen = watching.bytesSeen();
    // The capture works: it holds the CONNECT requests and a good deal of TLS traffic.
    expect(seen.includes(`CONNECT 127.0.0.1:${mock.port} HTTP/1.1`)).toBe(true);
    expect(seen.length).toBeGreaterThan(4096);
    const basic = Buffer.from(`${mock.user}:${mock.password}`).toString('base64');
    const keyLine = mock.clientCert.key.split('\n')[2] ?? 'missing';
    for (const secret of [basic, mock.password, mock.token, `/api/ip/${IP}`, 'LicenseInfo', 'Authorization', keyLine]) {
      expect(seen.includes(secret), secret).toBe(false);
    }
  });

  it('the TIP server certificate is still verified inside the tunnel: an untrusted CA → TLS_UNTRUSTED_SERVER; adding it → answer', async () => {
    const requests = mock.requestCount;
    const untrusted = createTipClient({ baseUrl: mock.url, auth: certificateAuth(), proxy: { url: open.url } });
    clients.push(untrusted);
    expect(errorOf(await untrusted.lookup({ type: 'ip', value: IP }), 'TLS_UNTRUSTED_SERVER')).toContain('not trusted');
    expect(mock.requestCount).toBe(requests);
    expect(answerOf(await client({ proxy: { url: open.url } }).lookup({ type: 'ip', value: IP })).status).toBe(200);
  });

  it('the host name is checked against the TIP host, not the proxy: a certificate for another name → TLS_UNTRUSTED_SERVER', async () => {
    // The proxy dials both names to the mock, whose certificate names localhost (and loopback IPs).
    const named = await proxy({ hosts: { 'localhost': '127.0.0.1', 'tip.wrong-name.test': '127.0.0.1' } });
    const right = client({ baseUrl: `https://localhost:${mock.port}`, proxy: { url: named.url } });
    expect(answerOf(await right.lookup({ type: 'ip', value: IP })).status).toBe(200);
    const wrong = client({ baseUrl: `https://tip.wrong-name.test:${mock.port}`, proxy: { url: named.url } });
    expect(errorOf(await wrong.lookup({ type: 'ip', value: IP }), 'TLS_UNTRUSTED_SERVER')).toContain('another host name');
    expect(named.connects.map((c) => c.target)).toEqual([`localhost:${mock.port}`, `tip.wrong-name.test:${mock.port}`]);
  });

  it('a client certificate TIP refuses → CERT_INVALID, the probe going through the tunnel too', async () => {
    const watching = await proxy({});
    const stranger = issueCertificate(createCa({ commonName: 'Somebody Else CA' }), { commonName: 'stranger', kind: 'client' });
    const result = await client({ auth: certificateAuth(stranger), proxy: { url: watching.url } }).lookup({ type: 'ip', value: IP });
    expect(errorOf(result, 'CERT_INVALID')).toContain('refuses the client certificate');
    // One tunnel for the lookup, one for the quiet probe that told the refusal from a reset.
    expect(watching.connects).toHaveLength(2);
  });

  it('TIP errors after the tunnel is up keep their own codes', async () => {
    mock.setFaults([{ status: 402 }]);
    errorOf(await client().lookup({ type: 'ip', value: IP }), 'LICENSE_EXPIRED');
    mock.setFaults([{ status: 503 }]);
    errorOf(await client().lookup({ type: 'ip', value: IP }), 'SERVER_ERROR');
  });

  it('a changed proxy (URL or credentials) is another fingerprint; none keeps the old one', () => {
    const auth = certificateAuth();
    const direct = credentialFingerprint(auth, mock.ca, mock.url);
    expect(credentialFingerprint(auth, mock.ca, mock.url, null)).toBe(direct);
    const viaA = credentialFingerprint(auth, mock.ca, mock.url, { url: open.url });
    const viaB = credentialFingerprint(auth, mock.ca, mock.url, { url: guarded.url });
    const viaBWithLogin = credentialFingerprint(auth, mock.ca, mock.url, { url: guarded.url, user: PROXY_USER, password: PROXY_PASSWORD });
    const viaBOtherPassword = credentialFingerprint(auth, mock.ca, mock.url, { url: guarded.url, user: PROXY_USER, password: 'other' });
    expect(new Set([direct, viaA, viaB, viaBWithLogin, viaBOtherPassword]).size).toBe(5);
    expect(viaBWithLogin).not.toContain(PROXY_PASSWORD);
  });
});

describe('timeouts and cancellation during CONNECT', () => {
  it('abort while the proxy has not answered CONNECT → CANCELLED at once', async () => {
    const stalling = await proxy({ stall: true });
    const controller = new AbortController();
    const pending = client({ proxy: { url: stalling.url }, timeoutMs: 60_000 }).lookup({ type: 'ip', value: IP }, { signal: controller.signal });
    await until(() => stalling.connects.length === 1);
    controller.abort();
    expect(errorOf(await pending, 'CANCELLED')).toBe('The lookup was cancelled.');
    expect(stalling.connects).toHaveLength(1);
  });

  it('close() while CONNECT is pending → CANCELLED', async () => {
    const stalling = await proxy({ stall: true });
    const tip = client({ proxy: { url: stalling.url }, timeoutMs: 60_000 });
    const pending = tip.lookup({ type: 'ip', value: IP });
    await until(() => stalling.connects.length === 1);
    tip.close();
    expect(errorOf(await pending, 'CANCELLED')).toContain('closed');
  });

  it('a proxy that never answers CONNECT → TIMEOUT naming the proxy, within the per-attempt timer', async () => {
    const stalling = await proxy({ stall: true });
    const result = await client({ proxy: { url: stalling.url }, timeoutMs: 500, retries: 1 }).lookup({ type: 'ip', value: IP });
    expect(errorOf(result, 'TIMEOUT')).toContain(`proxy at 127.0.0.1:${stalling.port} did not open a tunnel`);
    expect(stalling.connects).toHaveLength(2);
  });
});
