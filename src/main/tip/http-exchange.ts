/**
 * One HTTPS GET: the whole attempt (connect to last byte) under one timer, cancellable at any
 * moment, body capped WHILE it streams (the socket is destroyed as soon as the cap is passed, and
 * before any byte is read when Content-Length already says too much).
 * This is the per-request path: no parsing of certificates, no TLS contexts, few allocations.
 */
import type { ClientRequest, OutgoingHttpHeaders } from 'node:http';
import { request, type Agent } from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { WorkbenchError } from '../../shared/ipc/result';
import { classifyNetworkError } from './network-errors';
import type { Attempt } from './retry';
import { formatBytes, type RawResponse } from './status-map';
import type { TipAuth } from './types';

/** The client's requests in flight, so that `close()` can end them (cheaper than a signal each). */
export interface RequestTracker {
  closed: boolean;
  active: Set<ClientRequest>;
}

export interface ExchangeParams {
  agent: Agent;
  hostname: string;
  port: number;
  path: string;
  headers: OutgoingHttpHeaders;
  timeoutMs: number;
  maxBytes: number;
  authKind: TipAuth['kind'];
  /** The caller's signal. */
  signal: AbortSignal | undefined;
  tracker: RequestTracker;
}

type Failure = Extract<Attempt<never>, { ok: false }>;

/** `cutAfterHandshake`: see the 'socket' handler below. */
export type ExchangeOutcome = Attempt<RawResponse> | (Failure & { cutAfterHandshake: true });

export function exchange(params: ExchangeParams): Promise<ExchangeOutcome> {
  return new Promise((resolve) => {
    const { signal, tracker } = params;
    if (tracker.closed || signal?.aborted) {
      resolve({ ok: false, error: cancelledError(tracker.closed), retry: false });
      return;
    }
    let req: ClientRequest;
    try {
      req = request({
        agent: params.agent,
        hostname: params.hostname,
        port: params.port,
        path: params.path,
        method: 'GET',
        headers: params.headers,
      });
    } catch (error) {
      // Node throws synchronously for e.g. an unusable PKCS#12 or a header with a line break.
      resolve(classifyNetworkError(error, params.authKind));
      return;
    }

    let settled = false;
    const finish = (outcome: ExchangeOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      tracker.active.delete(req);
      signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
      if (!outcome.ok) req.destroy();
    };
    const onAbort = (): void => finish({ ok: false, error: cancelledError(false), retry: false });
    const timer = setTimeout(
      () => finish({ ok: false, error: timeoutError(params.timeoutMs), retry: true }),
      params.timeoutMs,
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    tracker.active.add(req);

    // A new TLS 1.3 connection cut after the handshake and before any answer: under TLS 1.3 the
    // server checks the client certificate only after the client considers the handshake done, and
    // its refusal often arrives as a bare ECONNRESET (the caller then probes, see cert-probe.ts).
    let handshook = false;
    let answered = false;
    req.on('socket', (socket) => {
      if (req.reusedSocket) return;
      const tlsSocket = socket as TLSSocket;
      tlsSocket.once('secureConnect', () => (handshook = tlsSocket.getProtocol() === 'TLSv1.3'));
    });
    req.on('error', (error) => {
      if (tracker.closed) return finish({ ok: false, error: cancelledError(true), retry: false });
      const failure = classifyNetworkError(error, params.authKind);
      finish(handshook && !answered && !failure.ok ? { ...failure, cutAfterHandshake: true } : failure);
    });
    req.on('response', (res) => {
      answered = true;
      const declared = Number(res.headers['content-length']);
      if (declared > params.maxBytes) {
        finish({ ok: false, error: tooLarge(declared, params.maxBytes), retry: false });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > params.maxBytes) finish({ ok: false, error: tooLarge(undefined, params.maxBytes), retry: false });
        else chunks.push(chunk);
      });
      res.on('end', () => {
        finish({ ok: true, value: { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks, size) } });
      });
      res.on('error', () => undefined); // reported by 'close' below
      res.on('close', () => {
        if (res.complete || settled) return;
        if (tracker.closed) return finish({ ok: false, error: cancelledError(true), retry: false });
        finish({ ok: false, error: cutOff(size), retry: true });
      });
    });
    req.end();
  });
}

/** Ends every request in flight as CANCELLED; later exchanges are refused. */
export function closeTracker(tracker: RequestTracker): void {
  tracker.closed = true;
  for (const req of tracker.active) req.destroy();
  tracker.active.clear();
}

export function cancelledError(byClose: boolean): WorkbenchError {
  return {
    code: 'CANCELLED',
    message: byClose ? 'The lookup was stopped because the TIP connection was closed.' : 'The lookup was cancelled.',
    retryable: false,
  };
}

function timeoutError(timeoutMs: number): WorkbenchError {
  const limit = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`;
  return { code: 'TIMEOUT', message: `TIP did not answer within ${limit}.`, retryable: true };
}

function cutOff(size: number): WorkbenchError {
  return {
    code: 'BAD_RESPONSE',
    message: `TIP's answer was cut off after ${formatBytes(size)}: the connection closed before it was complete.`,
    retryable: true,
  };
}

function tooLarge(declared: number | undefined, max: number): WorkbenchError {
  const size = declared === undefined ? `more than ${formatBytes(max)}` : formatBytes(declared);
  return {
    code: 'BAD_RESPONSE',
    message: `TIP's answer is ${size}, over the ${formatBytes(max)} limit: ask for fewer records (count) or fewer sections.`,
    retryable: false,
  };
}
