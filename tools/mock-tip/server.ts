/**
 * The demo TIP service: a real HTTPS server on loopback that speaks the Threat Lookup API.
 *
 * Two listeners, one service (one world, one quota, one request log, one set of fault rules):
 * - `url` (certificate mode): `requestCert: true, rejectUnauthorized: true` with the mock CA as the
 *   only trusted client issuer, plus `Authorization: Basic user:password`. A missing or foreign client
 *   certificate fails the TLS handshake; a wrong or missing Basic header is 401.
 * - `tokenUrl` (token mode): no client certificate requested, `Authorization: Bearer <token>`; a
 *   wrong, missing or expired token (or Basic) is 401.
 * Node cannot ask for a certificate, verify it when given and still let certificate-less clients in
 * without turning verification off, which the house rules forbid; the real service's two ways in are
 * therefore two ports here.
 *
 * Errors: 401 HTML page; 403 `{"error":"Request quota exceeded","code":"QuotaExceeded"}` when the
 * day quota is spent; 400 / 404 / 405 / 414 `{"error": "...", "code": "..."}`. See README.md.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { COMPRESS_MIN_BYTES } from './encoding';
import { FaultSet, type FaultRule } from './faults';
import { handleRequest, type HandlerState, type RequestRecord } from './handler';
import { issueCertificate, type Pki } from './pki';
import { loadOrCreatePki, type PkiPaths } from './pki-store';
import type { Seed } from './prng';
import { createWorld, DEFAULT_SEED, type World } from './world';

export interface MockTipOptions {
  /** Certificate-mode port; 0 (default) picks a free one. */
  port?: number;
  /** Token-mode port; 0 (default) picks a free one. */
  tokenPort?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** World seed; default 'tip-workbench'. */
  seed?: Seed;
  /** How many weeks the world has moved on (world-epoch.ts); default 0, the world as generated. */
  epoch?: number;
  /** Where the PKI is cached; default `os.tmpdir()/tip-workbench-mock-pki`. */
  dataDir?: string;
  /** Default 'demo'. */
  user?: string;
  /** Default 'demo-password'. */
  password?: string;
  /** Default DEFAULT_TOKEN. */
  token?: string;
  /** Default: one year from start. A past date makes every Bearer request 401. */
  tokenExpiresAt?: Date | string;
  /** Default 5000. */
  dayQuota?: number;
  /** 'Commercial' (default) or 'Trial'. */
  accessType?: string;
  /** Added before every answer; default 0. */
  latencyMs?: number;
  faults?: FaultRule[];
  /** Default 30 000. */
  keepAliveTimeoutMs?: number;
  /**
   * Compress answers the client accepts compressed (br, else gzip), as a real service behind a
   * CDN does: true (default) from 8 KiB on, `{ minBytes }` from that size on, false never.
   */
  compression?: boolean | { minBytes: number };
}

export interface MockClientCertificate extends Pki {
  /** PKCS#12 (AES-256) with the key, the certificate and the CA. */
  pfx: Buffer;
  pfxPassphrase: string;
  /** The key as encrypted PKCS#8 PEM. */
  encryptedKey: string;
  keyPassphrase: string;
  /** The same identity as a legacy (RC2-40/3DES) PKCS#12, which Node 20 refuses to load. */
  legacyPfx: Buffer;
}

export interface MockTip {
  /** Certificate mode: `https://127.0.0.1:PORT` (mutual TLS + Basic). */
  url: string;
  port: number;
  /** Token mode: `https://127.0.0.1:PORT` (Bearer, no client certificate). */
  tokenUrl: string;
  tokenPort: number;
  /** The mock CA (PEM): add it to the client's trust, next to the system roots. */
  ca: string;
  clientCert: MockClientCertificate;
  user: string;
  password: string;
  token: string;
  tokenExpiresAt: Date;
  paths: PkiPaths;
  /** The world answers come from now: changes with `setEpoch` / `advance`. */
  readonly world: World;
  /** The world's epoch now (0 = as generated). */
  readonly epoch: number;
  /** HTTP requests received, answered or not. */
  readonly requestCount: number;
  readonly requests: readonly RequestRecord[];
  /** TLS connections accepted on both listeners (so keep-alive reuse can be asserted). */
  readonly connections: number;
  /** `DayRequests`: successful lookups counted against the quota today. */
  readonly dayRequests: number;
  setFaults(rules: FaultRule[]): void;
  setLatency(ms: number): void;
  resetQuota(): void;
  setQuota(dayQuota: number): void;
  /** Answers from now on come from the world at `epoch` (0 to MAX_EPOCH; back in time is allowed). */
  setEpoch(epoch: number): void;
  /** Moves the world on by `epochs` (default 1) and returns the new epoch. */
  advance(epochs?: number): number;
  /** A further client certificate signed by the mock CA (e.g. expired ones for client tests). */
  issueClientCertificate(options?: { commonName?: string; notBefore?: Date; notAfter?: Date }): Pki;
  stop(): Promise<void>;
}

export const DEFAULT_USER = 'demo';
export const DEFAULT_PASSWORD = 'demo-password';
export const DEFAULT_TOKEN = 'demo-token-5f0c2a9e7b13d4c8a6e1';
const YEAR = 365 * 86_400_000;

export function defaultDataDir(): string {
  return path.join(os.tmpdir(), 'tip-workbench-mock-pki');
}

function listen(server: https.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function compressionOf(option: MockTipOptions['compression']): HandlerState['compression'] {
  if (option === false) return false;
  return { minBytes: option === undefined || option === true ? COMPRESS_MIN_BYTES : Math.max(0, option.minBytes) };
}

export async function startMockTip(options: MockTipOptions = {}): Promise<MockTip> {
  const host = options.host ?? '127.0.0.1';
  const seed = options.seed ?? DEFAULT_SEED;
  const pki = loadOrCreatePki(options.dataDir ?? defaultDataDir());
  const faults = new FaultSet();
  faults.set(options.faults ?? []);
  const state: HandlerState = {
    world: createWorld(seed, options.epoch ?? 0),
    user: options.user ?? DEFAULT_USER,
    password: options.password ?? DEFAULT_PASSWORD,
    token: options.token ?? DEFAULT_TOKEN,
    tokenExpiresAt: options.tokenExpiresAt === undefined ? new Date(Date.now() + YEAR) : new Date(options.tokenExpiresAt),
    accessType: options.accessType ?? 'Commercial',
    dayQuota: options.dayQuota ?? 5000,
    dayRequests: 0,
    day: new Date().toISOString().slice(0, 10),
    latencyMs: options.latencyMs ?? 0,
    faults,
    compression: compressionOf(options.compression),
    requests: [],
    requestCount: 0,
    timers: new Set(),
  };
  const sockets = new Set<Socket>();
  let connections = 0;

  const makeServer = (listener: 'certificate' | 'token'): https.Server => {
    const base: https.ServerOptions = { key: pki.server.key, cert: pki.server.cert, minVersion: 'TLSv1.2' };
    const tlsOptions: https.ServerOptions = listener === 'certificate'
      ? { ...base, ca: [pki.ca.cert], requestCert: true, rejectUnauthorized: true }
      : base;
    const server = https.createServer(tlsOptions, (req: IncomingMessage, res: ServerResponse) => {
      handleRequest(state, listener, req, res).catch((error: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify({ error: String(error), code: 'InternalError' }));
        } else res.destroy();
      });
    });
    server.keepAliveTimeout = options.keepAliveTimeoutMs ?? 30_000;
    server.headersTimeout = server.keepAliveTimeout + 5_000;
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    server.on('secureConnection', () => {
      connections += 1;
    });
    // A refused handshake (no or foreign client certificate) is expected traffic, not a crash.
    server.on('tlsClientError', () => undefined);
    return server;
  };

  const certificateServer = makeServer('certificate');
  const tokenServer = makeServer('token');
  const port = await listen(certificateServer, options.port ?? 0, host);
  const tokenPort = await listen(tokenServer, options.tokenPort ?? 0, host);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let stopped: Promise<void> | null = null;

  return {
    url: `https://${urlHost}:${port}`,
    port,
    tokenUrl: `https://${urlHost}:${tokenPort}`,
    tokenPort,
    ca: pki.ca.cert,
    clientCert: pki.client,
    user: state.user,
    password: state.password,
    token: state.token,
    tokenExpiresAt: state.tokenExpiresAt,
    paths: pki.paths,
    get world() { return state.world; },
    get epoch() { return state.world.epoch; },
    get requestCount() { return state.requestCount; },
    get requests() { return state.requests; },
    get connections() { return connections; },
    get dayRequests() { return state.dayRequests; },
    setFaults: (rules) => faults.set(rules),
    setLatency: (ms) => {
      state.latencyMs = ms;
    },
    resetQuota: () => {
      state.dayRequests = 0;
    },
    setQuota: (dayQuota) => {
      state.dayQuota = dayQuota;
    },
    // Swapping the world object is all it takes: the answer caches are keyed by world.
    setEpoch: (epoch) => {
      state.world = createWorld(seed, epoch);
    },
    advance: (epochs = 1) => {
      state.world = createWorld(seed, state.world.epoch + epochs);
      return state.world.epoch;
    },
    issueClientCertificate: (certOptions = {}) => issueCertificate(pki.ca, { ...certOptions, commonName: certOptions.commonName ?? 'extra-analyst', kind: 'client' }),
    stop: () => {
      stopped ??= (async () => {
        for (const timer of state.timers) clearTimeout(timer);
        state.timers.clear();
        const closed = [certificateServer, tokenServer].map((server) => new Promise<void>((resolve) => server.close(() => resolve())));
        for (const socket of sockets) socket.destroy();
        await Promise.all(closed);
      })();
      return stopped;
    },
  };
}
