/**
 * The Threat Lookup client: validate → (credential, once) → GET with retries → answer or error value.
 * Every path resolves with a Result; nothing throws or rejects. The per-request path does no
 * certificate parsing and builds no TLS context: both happen once, in mtls-agent.ts.
 */
import type { OutgoingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fail, ok, type Result } from '../../shared/ipc/result';
import type { LookupAnswer, LookupRequest } from '../../shared/tip/types';
import { checkValidity } from '../certs/inspect';
import { probeClientCertificate } from './cert-probe';
import { ACCEPT_ENCODING, cancelledError, closeTracker, exchange, type ExchangeOutcome, type RequestTracker } from './http-exchange';
import { openCredential, type Credential } from './mtls-agent';
import { openTunnel, proxyEndpointOf, type ProxyEndpoint } from './proxy-tunnel';
import { buildLookupPath, type BuiltRequest } from './request-path';
import { abortableSleep, withRetries, type Attempt, type RetryPolicy, type Waiting } from './retry';
import { interpretResponse, type Answer } from './status-map';
import type { TipClient, TipClientOptions } from './types';

const DEFAULTS = {
  timeoutMs: 30_000,
  retries: 2,
  maxResponseBytes: 32 * 1024 * 1024,
  retryBaseDelayMs: 500,
  retryMaxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

const USER_AGENT = 'TIP-Workbench/0.1';
const PROBE_TIMEOUT_MS = 5_000;

interface Target {
  origin: string;
  hostname: string;
  port: number;
  prefix: string;
}

/** What one credential needs per request, computed on the first lookup. */
interface Session {
  credential: Credential;
  headers: OutgoingHttpHeaders;
  validFromMs: number;
  validToMs: number;
}

export function createTipClient(options: TipClientOptions): TipClient {
  const target = parseBaseUrl(options.baseUrl);
  // Checked here, reported by the first lookup (as a bad base URL is): creation never throws.
  const proxy: Result<ProxyEndpoint | undefined> = options.proxy == null ? ok(undefined) : proxyEndpointOf(options.proxy);
  const authKind = options.auth.kind;
  const timeoutMs = positive(options.timeoutMs, DEFAULTS.timeoutMs);
  const maxBytes = positive(options.maxResponseBytes, DEFAULTS.maxResponseBytes);
  const now = options.now ?? Date.now;
  const policy: RetryPolicy = {
    retries: Math.max(0, Math.floor(options.retries ?? DEFAULTS.retries)),
    baseDelayMs: options.retryBaseDelayMs ?? DEFAULTS.retryBaseDelayMs,
    maxDelayMs: options.retryMaxDelayMs ?? DEFAULTS.retryMaxDelayMs,
    maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs,
    random: options.random ?? Math.random,
    now,
    ...(options.onRetry === undefined ? {} : { onRetry: options.onRetry }),
  };
  const tracker: RequestTracker = { closed: false, active: new Set() };
  // Wakes backoff waits and the certificate probe on close(); requests are ended through `tracker`.
  const closing = new AbortController();
  const waiting: Waiting = {
    sleep: (ms, signal) => abortableSleep(ms, [signal, closing.signal]),
    cancelled: () => cancelledError(tracker.closed),
  };
  let session: Result<Session> | undefined;

  function sessionFor(t: Target, via: ProxyEndpoint | undefined): Result<Session> {
    if (session !== undefined) return session;
    const credential = openCredential(options.auth, options.ca, t.origin, via);
    if (!credential.ok) return (session = credential);
    const certificate = credential.value.certificate;
    session = ok({
      credential: credential.value,
      headers: {
        Authorization: credential.value.authorization,
        Accept: 'application/json',
        'Accept-Encoding': ACCEPT_ENCODING,
        'User-Agent': USER_AGENT,
      },
      validFromMs: certificate === undefined ? -Infinity : Date.parse(certificate.validFrom),
      validToMs: certificate === undefined ? Infinity : Date.parse(certificate.validTo),
    });
    return session;
  }

  async function attempt(
    t: Target,
    via: ProxyEndpoint | undefined,
    s: Session,
    built: BuiltRequest,
    signal: AbortSignal | undefined,
  ): Promise<Attempt<Answer>> {
    const raw: ExchangeOutcome = await exchange({
      ...(via === undefined ? {} : { proxy: via.hostPort }),
      agent: s.credential.agent,
      hostname: t.hostname,
      port: t.port,
      path: built.path,
      headers: s.headers,
      timeoutMs,
      maxBytes,
      authKind,
      signal,
      tracker,
    });
    if (raw.ok) return interpretResponse(raw.value, { format: built.format, authKind, nowMs: now() });
    if (!('cutAfterHandshake' in raw)) return raw;
    const probeTimeoutMs = Math.min(timeoutMs, PROBE_TIMEOUT_MS);
    const probeSignal = AbortSignal.any([closing.signal, AbortSignal.timeout(probeTimeoutMs), ...(signal === undefined ? [] : [signal])]);
    // Behind a proxy the probe's quiet connection goes through its own tunnel, as the lookup did:
    // a direct one would not reach TIP at all. If the tunnel fails, the lookup's own error stands.
    let socket: Socket | undefined;
    if (via !== undefined) {
      try {
        socket = await openTunnel(via, t.hostname, t.port, probeSignal);
      } catch {
        return raw;
      }
    }
    const verdict = await probeClientCertificate({
      hostname: t.hostname,
      port: t.port,
      secureContext: s.credential.secureContext,
      authKind,
      timeoutMs: probeTimeoutMs,
      signal: probeSignal,
      ...(socket === undefined ? {} : { socket }),
    });
    return typeof verdict === 'object' ? { ok: false, error: verdict.refused, retry: false } : raw;
  }

  async function lookup(request: LookupRequest, signal: AbortSignal | undefined): Promise<Result<LookupAnswer>> {
    const started = performance.now();
    if (tracker.closed || signal?.aborted) return { ok: false, error: waiting.cancelled() };
    if (!target.ok) return target;
    if (!proxy.ok) return proxy;
    const built = buildLookupPath(request, target.value.prefix);
    if (!built.ok) return built;
    const via = proxy.value;
    const s = sessionFor(target.value, via);
    if (!s.ok) return s;

    const nowMs = now();
    const { certificate } = s.value.credential;
    if (certificate !== undefined && (nowMs < s.value.validFromMs || nowMs > s.value.validToMs)) {
      const expired = checkValidity(certificate, new Date(nowMs));
      if (!expired.ok) return expired;
    }

    const t = target.value;
    const answered = await withRetries(() => attempt(t, via, s.value, built.value, signal), policy, waiting, signal);
    if (!answered.ok) return answered;
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    return { ok: true, value: Object.assign(answered.value, { durationMs }) };
  }

  return {
    async lookup(request, lookupOptions) {
      try {
        return await lookup(request, lookupOptions?.signal);
      } catch {
        // The last guard of "never rejects": a bug must still come back as a value.
        return fail('INTERNAL', 'The lookup failed unexpectedly inside the TIP client.');
      }
    },
    close() {
      if (tracker.closed) return;
      closeTracker(tracker);
      closing.abort();
      if (session?.ok) session.value.credential.release();
    },
  };
}

function parseBaseUrl(baseUrl: unknown): Result<Target> {
  let url: URL;
  try {
    url = new URL(String(baseUrl));
  } catch {
    return fail('INVALID_INPUT', 'The TIP address is not a valid web address; it looks like https://tip.kaspersky.com.');
  }
  if (url.protocol !== 'https:') {
    return fail('INVALID_INPUT', `The TIP address must start with https:// (credentials are never sent unencrypted), not ${url.protocol}//.`);
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    return fail('INVALID_INPUT', 'The TIP address must be a plain https:// address, without a user name, query or fragment.');
  }
  return ok({
    origin: url.origin,
    // URL keeps IPv6 literals in brackets; https.request wants them bare.
    hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? 443 : Number(url.port),
    prefix: url.pathname.replace(/\/+$/, ''),
  });
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}
