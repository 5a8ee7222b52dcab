/**
 * Socket and TLS failures → error values. Node's error *codes* are read, never its messages
 * (those can carry addresses and internals the analyst cannot act on).
 */
import type { WorkbenchError } from '../../shared/ipc/result';
import type { Attempt } from './retry';
import type { TipAuth } from './types';

/** OpenSSL verification results for the server's certificate chain (see `X509_V_ERR_*`). */
const UNTRUSTED_SERVER = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_CA',
  'INVALID_PURPOSE',
  'PATH_LENGTH_EXCEEDED',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const RESETS = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETIMEDOUT']);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN']);

/**
 * A failure of the proxy's CONNECT phase (proxy-tunnel.ts), already mapped: it reaches the request's
 * 'error' handler through the agent and is passed on as it is.
 */
export class TunnelFailure extends Error {
  readonly code = 'ERR_TIP_PROXY_TUNNEL';
  constructor(
    readonly failure: WorkbenchError,
    readonly retry: boolean,
  ) {
    super(failure.message);
    this.name = 'TunnelFailure';
  }
}

export function errorCodeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'unknown';
}

export function classifyNetworkError(error: unknown, authKind: TipAuth['kind']): Attempt<never> {
  const code = errorCodeOf(error);
  const stop = (e: WorkbenchError): Attempt<never> => ({ ok: false, error: e, retry: false });

  if (error instanceof TunnelFailure) return { ok: false, error: error.failure, retry: error.retry };
  if (UNTRUSTED_SERVER.has(code)) return stop(untrustedServer(code));

  if (code.startsWith('ERR_SSL_') && code.includes('ALERT')) {
    // The server sent a TLS alert: in mutual TLS that is almost always about our certificate.
    if (authKind === 'token' && code.includes('CERTIFICATE_REQUIRED')) {
      return stop({
        code: 'NO_CREDENTIALS',
        message: 'This TIP server asks for a client certificate, but token sign-in sends none: switch to certificate sign-in.',
        retryable: false,
      });
    }
    if (code.includes('CERTIFICATE_EXPIRED')) {
      return stop({
        code: 'CERT_EXPIRED',
        message: `The TIP server says the client certificate has expired (${code}): import the renewed certificate.`,
        retryable: false,
      });
    }
    return stop({
      code: 'CERT_INVALID',
      message: `The TIP server refused the client certificate (${code}): use the certificate TIP issued to your account.`,
      retryable: false,
    });
  }

  if (RESETS.has(code)) {
    return {
      ok: false,
      retry: true,
      error: {
        code: 'NETWORK',
        message:
          `The connection to TIP was cut (${code}).`,
        retryable: true,
      },
    };
  }
  if (UNREACHABLE.has(code)) {
    const what = code === 'ECONNREFUSED' ? 'nothing answers at the TIP address' : 'the TIP server cannot be reached';
    return stop({ code: 'NETWORK', message: `Could not connect: ${what} (${code}). Check the network and the TIP address.`, retryable: true });
  }
  if (code.startsWith('HPE_')) {
    return stop({ code: 'BAD_RESPONSE', message: `TIP's answer is not valid HTTP (${code}).`, retryable: false });
  }
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) {
    return stop({
      code: 'NETWORK',
      message: `The secure connection to TIP could not be set up (${code}): check that the TIP address is an HTTPS service.`,
      retryable: false,
    });
  }
  return stop({ code: 'NETWORK', message: `The request to TIP failed (${code}).`, retryable: true });
}

function untrustedServer(code: string): WorkbenchError {
  let why = 'it is not signed by an authority this computer trusts';
  if (code === 'CERT_HAS_EXPIRED') why = 'it has expired';
  else if (code === 'CERT_NOT_YET_VALID') why = 'it is not valid yet (check the clock)';
  else if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH') {
    why = 'it was issued for another host name';
  }
  return {
    code: 'TLS_UNTRUSTED_SERVER',
    message:
      `The TIP server's certificate is not trusted (${code}): ${why}. Nothing was sent. ` +
      'If your organisation inspects TLS traffic, add its CA certificate in Settings.',
    retryable: false,
  };
}
