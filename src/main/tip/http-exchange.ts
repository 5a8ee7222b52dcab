/**
 * One HTTPS GET: the whole attempt (proxy tunnel, connect, last byte) under one timer, cancellable
 * at any moment, body capped WHILE it streams (the socket is destroyed as soon as the cap is passed,
 * and before any byte is read when Content-Length already says too much). A compressed answer
 * (gzip, deflate, br) is decoded as it streams and the cap applies to the DECODED bytes, so a small
 * answer that inflates enormously stops at the cap: no whole-body inflate, no unbounded buffer.
 * This is the per-request path: no parsing of certificates, no TLS contexts, few allocations.
 */
import type { ClientRequest, IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { request, type Agent, type RequestOptions } from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { WorkbenchError } from '../../shared/ipc/result';
import { classifyNetworkError } from './network-errors';
import { TUNNEL_SIGNAL } from './proxy-tunnel';
import type { Attempt } from './retry';
import { formatBytes, type RawResponse } from './status-map';
import type { TipAuth } from './types';

/** The client's exchanges in flight, each by its cancel function, so that `close()` can end them. */
export interface RequestTracker {
  closed: boolean;
  active: Set<() => void>;
}

/** The content codings the client decodes, as sent in Accept-Encoding. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

type Coding = 'gzip' | 'deflate' | 'br';

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
  /** The proxy's `host:port` when connections are tunnelled (for a timeout's message). */
  proxy?: string;
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
    // Ends a proxy CONNECT still under way: until the tunnel is up the request has no socket, so
    // destroying the request alone would not stop it.
    const connecting = new AbortController();
    let req: ClientRequest;
    try {
      const options: RequestOptions & { [TUNNEL_SIGNAL]: AbortSignal } = {
        agent: params.agent,
        hostname: params.hostname,
        port: params.port,
        path: params.path,
        method: 'GET',
        headers: params.headers,
        [TUNNEL_SIGNAL]: connecting.signal,
      };
      req = request(options);
    } catch (error) {
      // Node throws synchronously for e.g. an unusable PKCS#12 or a header with a line break.
      resolve(classifyNetworkError(error, params.authKind));
      return;
    }

    let settled = false;
    let decoder: Transform | undefined;
    const finish = (outcome: ExchangeOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      tracker.active.delete(cancel);
      signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
      if (!outcome.ok) {
        connecting.abort();
        decoder?.destroy();
        req.destroy();
      }
    };
    const cancel = (): void => finish({ ok: false, error: cancelledError(true), retry: false });
    const onAbort = (): void => finish({ ok: false, error: cancelledError(false), retry: false });
    let tunnelled = params.proxy === undefined;
    const timer = setTimeout(
      () => finish({ ok: false, error: timeoutError(params.timeoutMs, tunnelled ? undefined : params.proxy), retry: true }),
      params.timeoutMs,
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    tracker.active.add(cancel);

    // A new TLS 1.3 connection cut after the handshake and before any answer: under TLS 1.3 the
    // server checks the client certificate only after the client considers the handshake done, and
    // its refusal often arrives as a bare ECONNRESET (the caller then probes, see cert-probe.ts).
    let handshook = false;
    let answered = false;
    req.on('socket', (socket) => {
      tunnelled = true;
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
      const coding = codingOf(res.headers);
      if (typeof coding === 'object') {
        finish({ ok: false, error: coding, retry: false });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      const onData = (chunk: Buffer): void => {
        size += chunk.length;
        if (size > params.maxBytes) finish({ ok: false, error: tooLarge(undefined, params.maxBytes, coding), retry: false });
        else chunks.push(chunk);
      };
      const onEnd = (): void => {
        finish({ ok: true, value: { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks, size) } });
      };
      if (coding === undefined) {
        res.on('data', onData).on('end', onEnd);
      } else {
        decoder = decoderFor(coding);
        // Damaged compressed data in a complete answer is not retried: it is what the server (or a
        // gateway on the way) produces, and would be damaged the same way again. An answer cut off
        // in transit is the retried case, reported by 'close' below before the decoder sees an end.
        decoder.on('data', onData).on('end', onEnd).on('error', () => finish({ ok: false, error: damaged(coding), retry: false }));
        res.pipe(decoder);
      }
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

/** Ends every exchange in flight as CANCELLED; later exchanges are refused. */
export function closeTracker(tracker: RequestTracker): void {
  tracker.closed = true;
  for (const cancel of [...tracker.active]) cancel();
  tracker.active.clear();
}

/** The answer's Content-Encoding: undefined for none or identity, or the error to report. */
function codingOf(headers: IncomingHttpHeaders): Coding | undefined | WorkbenchError {
  const codings = (headers['content-encoding'] ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  if (codings.length === 0) return undefined;
  const [first = ''] = codings;
  if (codings.length === 1) {
    if (first === 'gzip' || first === 'x-gzip') return 'gzip';
    if (first === 'deflate' || first === 'br') return first;
  }
  // The server's own word, shown so the analyst can report it; cut short and printable only.
  const named = codings.join(', ').replace(/[^\x21-\x7e ]/g, '?').slice(0, 40);
  return {
    code: 'BAD_RESPONSE',
    message: `TIP's answer is encoded as "${named}", which the workbench cannot decode (it accepts gzip, deflate and br, one at a time).`,
    retryable: false,
  };
}

function decoderFor(coding: Coding): Transform {
  if (coding === 'gzip') return createGunzip();
  if (coding === 'deflate') return createInflate();
  return createBrotliDecompress();
}

export function cancelledError(byClose: boolean): WorkbenchError {
  return {
    code: 'CANCELLED',
    message: byClose ? 'The lookup was stopped because the TIP connection was closed.' : 'The lookup was cancelled.',
    retryable: false,
  };
}

function timeoutError(timeoutMs: number, proxy: string | undefined): WorkbenchError {
  const limit = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`;
  const message = proxy === undefined
    ? `TIP did not answer within ${limit}.`
    : `The proxy at ${proxy} did not open a tunnel to TIP within ${limit}: it may be overloaded, or TIP unreachable from it.`;
  return { code: 'TIMEOUT', message, retryable: true };
}

function damaged(coding: Coding): WorkbenchError {
  return {
    code: 'BAD_RESPONSE',
    message: `TIP's answer came ${coding}-compressed but cannot be decompressed: the compressed data is damaged.`,
    retryable: false,
  };
}

function cutOff(size: number): WorkbenchError {
  return {
    code: 'BAD_RESPONSE',
    message: `TIP's answer was cut off after ${formatBytes(size)}: the connection closed before it was complete.`,
    retryable: true,
  };
}

function tooLarge(declared: number | undefined, max: number, coding?: Coding): WorkbenchError {
  if (coding !== undefined) {
    return {
      code: 'BAD_RESPONSE',
      message: `TIP's answer came ${coding}-compressed and grows past the ${formatBytes(max)} limit once decompressed: ask for fewer records (count) or fewer sections.`,
      retryable: false,
    };
  }
  const size = declared === undefined ? `more than ${formatBytes(max)}` : formatBytes(declared);
  return {
    code: 'BAD_RESPONSE',
    message: `TIP's answer is ${size}, over the ${formatBytes(max)} limit: ask for fewer records (count) or fewer sections.`,
    retryable: false,
  };
}
