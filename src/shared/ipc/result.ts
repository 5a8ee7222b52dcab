/**
 * Results cross the process boundary as values: Electron IPC keeps only the message of a thrown
 * error, so every operation answers `{ ok: true, value }` or `{ ok: false, error }` instead.
 */

export const ERROR_CODES = [
  'INVALID_INPUT',
  'URL_TOO_LONG',
  'OFFLINE',
  'NO_CREDENTIALS',
  'KEYCHAIN_UNAVAILABLE',
  'CERT_INVALID',
  'CERT_EXPIRED',
  'BAD_PASSPHRASE',
  'UNAUTHORIZED',
  'LICENSE_EXPIRED',
  'FORBIDDEN',
  'QUOTA_EXCEEDED',
  'RATE_LIMITED',
  'LEGAL_BLOCK',
  'SERVER_ERROR',
  'TLS_UNTRUSTED_SERVER',
  'NETWORK',
  /** The HTTPS proxy asks for credentials (407), or refused the ones it was given. */
  'PROXY_AUTH_REQUIRED',
  /** The HTTPS proxy refused the tunnel (403 and any other non-2xx answer to CONNECT), or cut it. */
  'PROXY_REFUSED',
  /** Nothing answers at the proxy's address, or it cannot be resolved. */
  'PROXY_UNREACHABLE',
  'TIMEOUT',
  'CANCELLED',
  'BAD_RESPONSE',
  /** The IPC sender is not the app's own main frame. */
  'FORBIDDEN_SENDER',
  /** Reading or writing a local file (settings, an import) failed. */
  'STORAGE',
  /** A bug: a handler threw instead of answering with a value. */
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface WorkbenchError {
  code: ErrorCode;
  /** One sentence for the analyst: what happened and what to do. Never holds a secret. */
  message: string;
  /** True when the same request may succeed later without the analyst changing anything. */
  retryable: boolean;
  detail?: string;
  /**
   * How long TIP asked to wait (its Retry-After, in ms) before the next request, when it said so.
   * A bulk queue uses it to pause every lookup, not just this one.
   */
  retryAfterMs?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: WorkbenchError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(
  code: ErrorCode,
  message: string,
  options: { retryable?: boolean; detail?: string; retryAfterMs?: number } = {},
): Result<T> {
  const error: WorkbenchError = { code, message, retryable: options.retryable ?? false };
  if (options.detail !== undefined) error.detail = options.detail;
  if (options.retryAfterMs !== undefined) error.retryAfterMs = options.retryAfterMs;
  return { ok: false, error };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
