/**
 * TIP through an HTTPS proxy: plain TCP to the proxy, `CONNECT host:port`, and on a 2xx the TLS
 * session with TIP runs inside that socket — so mutual TLS is end to end and the proxy sees neither
 * the client key, nor the Authorization header, nor the path, nor the answer (RFC 9110 §9.3.6).
 *
 * `TunnelAgent` is an ordinary keep-alive `https.Agent` whose connections are made this way, so a
 * pooled tunnel carries many lookups: one CONNECT per connection, not per request. Its errors are
 * `TunnelFailure`s, already mapped to the PROXY_* codes (network-errors.ts passes them on).
 */
import { connect as netConnect, type Socket } from 'node:net';
import { Agent, type AgentOptions, type RequestOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import { fail, ok, type Result, type WorkbenchError } from '../../shared/ipc/result';
import { errorCodeOf, TunnelFailure } from './network-errors';
import { parseProxyUrl, PROXY_SETTINGS_HINT } from './proxy-config';
import type { TipProxy } from './types';

export interface ProxyEndpoint {
  host: string;
  port: number;
  /** `http://host:port`, no credentials. */
  display: string;
  /** `host:port`, for messages. */
  hostPort: string;
  /** `Basic …` when proxy credentials are given. Never logged, never in a message. */
  authorization?: string;
}

/**
 * The request option that carries one attempt's abort signal down to `createConnection` (Node
 * passes unknown request options through the agent untouched; its own `signal` it strips).
 */
export const TUNNEL_SIGNAL = 'tipTunnelSignal';

/** A proxy's answer to CONNECT is a status line and a few headers; anything longer is not one. */
const MAX_CONNECT_ANSWER = 16 * 1024;

export function proxyEndpointOf(proxy: TipProxy): Result<ProxyEndpoint> {
  const shape = proxy as { url?: unknown; user?: unknown; password?: unknown } | null;
  if (shape === null || typeof shape !== 'object') return fail('INVALID_INPUT', 'The proxy must be { url, user?, password? }.');
  const address = parseProxyUrl(shape.url);
  if (!address.ok) return address;
  if ((shape.user !== undefined && typeof shape.user !== 'string') || (shape.password !== undefined && typeof shape.password !== 'string')) {
    return fail('INVALID_INPUT', 'The proxy user name and password must be text.');
  }
  const user = (shape.user as string | undefined) ?? address.value.user;
  const password = (shape.password as string | undefined) ?? address.value.password ?? '';
  const { host, port, display, hostPort } = address.value;
  if (user === undefined || user === '') return ok({ host, port, display, hostPort });
  if (user.includes(':')) {
    return fail('INVALID_INPUT', 'The proxy user name cannot contain ‘:’ (HTTP Basic authentication forbids it).');
  }
  return ok({ host, port, display, hostPort, authorization: `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}` });
}

/**
 * One tunnel to `host:port` through the proxy: resolves with the raw socket once the proxy answered
 * 2xx, or rejects with a TunnelFailure. No timer of its own: the caller's attempt timer aborts
 * `signal`, which destroys the socket at once, in any phase.
 */
export function openTunnel(endpoint: ProxyEndpoint, host: string, port: number, signal: AbortSignal | undefined): Promise<Socket> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new TunnelFailure(cancelled(), false));
      return;
    }
    const authority = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
    const socket = netConnect({ host: endpoint.host, port: endpoint.port });
    let connected = false;
    let answer: Buffer = Buffer.alloc(0);

    const settle = (failure: TunnelFailure | null): void => {
      socket.off('connect', onConnect).off('data', onData).off('error', onError).off('close', onClose);
      signal?.removeEventListener('abort', onAbort);
      if (failure === null) {
        resolve(socket);
      } else {
        socket.destroy();
        reject(failure);
      }
    };
    const onAbort = (): void => settle(new TunnelFailure(cancelled(), false));
    const onConnect = (): void => {
      connected = true;
      const lines = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`];
      if (endpoint.authorization !== undefined) lines.push(`Proxy-Authorization: ${endpoint.authorization}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    };
    const onData = (chunk: Buffer): void => {
      answer = answer.length === 0 ? chunk : Buffer.concat([answer, chunk]);
      const end = answer.indexOf('\r\n\r\n');
      if (end === -1) {
        if (answer.length > MAX_CONNECT_ANSWER) settle(notHttp(endpoint));
        return;
      }
      const status = /^HTTP\/1\.[01] (\d{3})[ \r]/.exec(answer.subarray(0, end + 2).toString('latin1'));
      if (status === null) return settle(notHttp(endpoint));
      const code = Number(status[1]);
      if (code < 200 || code > 299) return settle(refusedWith(code, endpoint, authority));
      // TLS has the client speak first, so nothing may follow the proxy's answer yet.
      if (answer.length > end + 4) return settle(notHttp(endpoint));
      socket.pause();
      settle(null);
    };
    const onError = (error: unknown): void => {
      settle(connected ? closedEarly(endpoint) : unreachable(endpoint, errorCodeOf(error)));
    };
    const onClose = (): void => settle(closedEarly(endpoint));

    signal?.addEventListener('abort', onAbort, { once: true });
    socket.setNoDelay(true);
    socket.on('connect', onConnect).on('data', onData).on('error', onError).on('close', onClose);
  });
}

/**
 * A keep-alive HTTPS agent whose connections are tunnels: `createConnection` (its asynchronous,
 * callback form) opens the tunnel, then hands the socket to https.Agent's own `createConnection`,
 * which is `tls.connect({ ...options, socket })`. The agent's options carry the secure context; the
 * request carries `host` (and `servername`, set by Node for DNS names only), so the TIP server's
 * certificate is verified and its name checked against the TIP host, exactly as without a proxy.
 */
export class TunnelAgent extends Agent {
  constructor(
    options: AgentOptions,
    private readonly endpoint: ProxyEndpoint,
  ) {
    super(options);
  }

  override createConnection(options: RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const done = callback ?? ((): void => undefined);
    const signal = (options as Record<string, unknown>)[TUNNEL_SIGNAL] as AbortSignal | undefined;
    const host = String(options.host ?? options.hostname ?? '');
    const port = Number(options.port ?? 443);
    openTunnel(this.endpoint, host, port, signal).then(
      (socket) => {
        let secure: Duplex | null | undefined;
        try {
          secure = super.createConnection({ ...options, socket } as RequestOptions);
        } catch (error) {
          socket.destroy();
          done(error as Error, socket);
          return;
        }
        if (secure) done(null, secure);
        else done(new Error('The TLS connection could not be set up.'), socket);
      },
      (error: Error) => done(error, undefined as unknown as Duplex),
    );
    return undefined;
  }
}

function failure(code: WorkbenchError['code'], message: string, retry: boolean, retryable = retry): TunnelFailure {
  return new TunnelFailure({ code, message, retryable }, retry);
}

function cancelled(): WorkbenchError {
  return { code: 'CANCELLED', message: 'The lookup was cancelled.', retryable: false };
}

/**
 * Which proxy answers are retried: a gateway error (502, 503, 504 — the proxy could not reach TIP or
 * is overloaded) and a connection closed before any answer (a restarting proxy) can pass on their
 * own, like TIP's own 5xx and resets. A 407 or a 403 is a decision — the same request gets the same
 * answer — so retrying only delays the message and, for 407, repeats a failed sign-in.
 */
function refusedWith(status: number, endpoint: ProxyEndpoint, authority: string): TunnelFailure {
  if (status === 407) {
    return endpoint.authorization === undefined
      ? failure(
          'PROXY_AUTH_REQUIRED',
          `The proxy at ${endpoint.hostPort} asks for a user name and password (HTTP 407). Set the proxy credentials (${PROXY_SETTINGS_HINT}); your network team can tell you which to use.`,
          false,
        )
      : failure(
          'PROXY_AUTH_REQUIRED',
          `The proxy at ${endpoint.hostPort} refused the user name and password it was given (HTTP 407). Check the proxy credentials (${PROXY_SETTINGS_HINT}), or ask your network team whether this account may use the proxy.`,
          false,
        );
  }
  if (status === 502 || status === 503 || status === 504) {
    return failure(
      'PROXY_REFUSED',
      `The proxy at ${endpoint.hostPort} could not open a tunnel to ${authority} (HTTP ${status}): the proxy or its way to TIP may be down. Try again later; if it persists, ask your network team.`,
      true,
    );
  }
  return failure(
    'PROXY_REFUSED',
    `The proxy at ${endpoint.hostPort} refused to open a tunnel to ${authority} (HTTP ${status}). Ask your network team to allow HTTPS to ${authority} through the proxy.`,
    false,
  );
}

function closedEarly(endpoint: ProxyEndpoint): TunnelFailure {
  return failure(
    'PROXY_REFUSED',
    `The proxy at ${endpoint.hostPort} closed the connection before opening a tunnel to TIP: it may be restarting, or it does not accept CONNECT requests. Try again; if it persists, ask your network team.`,
    true,
  );
}

function notHttp(endpoint: ProxyEndpoint): TunnelFailure {
  return failure(
    'PROXY_REFUSED',
    `The proxy at ${endpoint.hostPort} did not answer the tunnel request (CONNECT) as an HTTP proxy does: check the proxy address (${PROXY_SETTINGS_HINT}).`,
    false,
  );
}

/** Not retried, as an unreachable TIP is not: the next attempt would fail the same way at once. */
function unreachable(endpoint: ProxyEndpoint, code: string): TunnelFailure {
  let what = 'the network cannot reach it';
  if (code === 'ECONNREFUSED') what = 'nothing answers at that address';
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') what = 'its name cannot be resolved';
  return failure(
    'PROXY_UNREACHABLE',
    `Could not reach the proxy at ${endpoint.hostPort} (${code}): ${what}. Check the proxy address (${PROXY_SETTINGS_HINT}), or ask your network team.`,
    false,
    true,
  );
}
