/** The TIP client's public shapes (ARCHITECTURE.md, "Three seams": keep names and shapes). */
import type { Result } from '../../shared/ipc/result';
import type { RetryEvent } from './retry';
import type { LookupAnswer, LookupRequest } from '../../shared/tip/types';

export type TipAuth =
  | { kind: 'certificate'; cert: string; key: string; passphrase?: string; user: string; password: string }
  | { kind: 'pkcs12'; pfx: Buffer | Uint8Array; passphrase?: string; user: string; password: string }
  | { kind: 'token'; token: string };

/**
 * An HTTPS proxy reached with HTTP CONNECT: the TLS session with TIP (and its client certificate)
 * runs end to end inside the tunnel, so the proxy never sees the client key or the answer.
 */
export interface TipProxy {
  /** `http://host:port` (the proxy hop itself is plain HTTP, as CONNECT proxies are); no credentials in it. */
  url: string;
  /** Basic proxy credentials (from the keychain, or from the proxy URL of HTTPS_PROXY). */
  user?: string;
  password?: string;
}

export interface TipClientOptions {
  /** `https://host[:port][/prefix]`; plain http is refused (credentials never travel in clear). */
  baseUrl: string;
  auth: TipAuth;
  /** Extra CA certificates (PEM), ADDED to the system roots. */
  ca?: string | string[];
  /** Per attempt, connection to last byte. Default 30 000. */
  timeoutMs?: number;
  /** Extra attempts after the first, for 429, 5xx, resets and timeouts only. Default 2. */
  retries?: number;
  /** Cap on one answer's body, enforced while it streams — on the DECOMPRESSED bytes. Default 32 MiB. */
  maxResponseBytes?: number;
  /** Reach TIP through this HTTPS proxy (CONNECT tunnel); absent or null = connect directly. */
  proxy?: TipProxy | null;

  // Tuning and test hooks.
  /** Full-jitter exponential backoff: attempt n waits random() × min(max, base × 2^n). Default 500. */
  retryBaseDelayMs?: number;
  /** Default 8 000. */
  retryMaxDelayMs?: number;
  /** A Retry-After longer than this fails at once (RATE_LIMITED for 429). Default 60 000. */
  maxRetryAfterMs?: number;
  /** Default Math.random. */
  random?: () => number;
  /** Wall clock in ms, for certificate validity and HTTP-date Retry-After. Default Date.now. */
  now?: () => number;
  /** Called before each wait between attempts (for logs and tests). Must not throw. */
  onRetry?: (event: RetryEvent) => void;
}

/** `{ ok: true, value: { status, body, license?, zone?, durationMs } }` or `{ ok: false, error }`. */
export type TipLookupResult = Result<LookupAnswer>;

export type { RetryEvent };

export interface TipClient {
  /** Resolves, never rejects. */
  lookup(request: LookupRequest, options?: { signal?: AbortSignal }): Promise<TipLookupResult>;
  /** Destroys this client's connections; lookups in flight end as CANCELLED. */
  close(): void;
}
