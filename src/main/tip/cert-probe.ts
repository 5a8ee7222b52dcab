/**
 * Tells "the server refuses our client certificate" from an ordinary reset.
 *
 * Under TLS 1.3 the server verifies the client certificate after the client has finished its side
 * of the handshake; a refusal is an alert followed by a close. When the client has already sent its
 * request, the server closes with unread data, the kernel answers with a TCP reset, and the alert is
 * lost: all the client sees is ECONNRESET (TOOLCHAIN.md: an expired client certificate "only shows
 * as ECONNRESET"). So after such a failure the client opens one quiet connection with the same
 * secure context and sends nothing: a server that accepted the certificate sends its session
 * tickets, one that refused it sends its alert intact. Used only after a failure, never per request.
 */
import { isIP, type Socket } from 'node:net';
import { connect, type SecureContext } from 'node:tls';
import type { WorkbenchError } from '../../shared/ipc/result';
import { classifyNetworkError, errorCodeOf } from './network-errors';
import type { TipAuth } from './types';

export type ProbeVerdict = 'accepted' | 'unknown' | { refused: WorkbenchError };

export interface ProbeParams {
  hostname: string;
  port: number;
  secureContext: SecureContext;
  authKind: TipAuth['kind'];
  timeoutMs: number;
  signal: AbortSignal | undefined;
  /** Behind a proxy: the tunnel to TIP to run the quiet handshake in (it is consumed). */
  socket?: Socket;
}

export function probeClientCertificate(params: ProbeParams): Promise<ProbeVerdict> {
  return new Promise((resolve) => {
    const socket = connect({
      host: params.hostname,
      port: params.port,
      ...(params.socket === undefined ? {} : { socket: params.socket }),
      secureContext: params.secureContext,
      ...(isIP(params.hostname) === 0 ? { servername: params.hostname } : {}),
    });
    let settled = false;
    const settle = (verdict: ProbeVerdict): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      params.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      params.socket?.destroy();
      resolve(verdict);
    };
    const onAbort = (): void => settle('unknown');
    const timer = setTimeout(() => settle('unknown'), params.timeoutMs);
    params.signal?.addEventListener('abort', onAbort, { once: true });

    socket.once('session', () => settle('accepted'));
    socket.once('secureConnect', () => {
      // Up to TLS 1.2 the client certificate is checked inside the handshake: it was accepted.
      if (socket.getProtocol() !== 'TLSv1.3') settle('accepted');
    });
    socket.on('error', (error) => {
      const code = errorCodeOf(error);
      if (code.startsWith('ERR_SSL_') && code.includes('ALERT')) {
        const outcome = classifyNetworkError(error, params.authKind);
        settle(outcome.ok ? 'unknown' : { refused: outcome.error });
      } else {
        settle(code === 'ECONNRESET' ? { refused: silentRefusal(params.authKind) } : 'unknown');
      }
    });
    socket.once('close', () => settle({ refused: silentRefusal(params.authKind) }));
  });
}

function silentRefusal(authKind: TipAuth['kind']): WorkbenchError {
  if (authKind === 'token') {
    return {
      code: 'NO_CREDENTIALS',
      message: 'TIP closes every connection right after the secure handshake: this server seems to require a client certificate, which token sign-in does not send.',
      retryable: false,
    };
  }
  return {
    code: 'CERT_INVALID',
    message:
      'TIP closes every connection right after the secure handshake: it refuses the client certificate ' +
      '(issued by an authority it does not know, revoked, or expired on its side). Use the certificate TIP issued to your account.',
    retryable: false,
  };
}
