/**
 * Bounded retries with full-jitter exponential backoff and Retry-After, cancellable at every wait.
 * Which failures are worth retrying is decided by the caller (status-map.ts, network-errors.ts):
 * only 429, 5xx, resets and timeouts.
 */
import { fail, type Result, type WorkbenchError } from '../../shared/ipc/result';

/** One attempt's outcome. `retry` asks for another attempt; `retryAfterMs` comes from the server. */
export type Attempt<T> =
  | { ok: true; value: T }
  | { ok: false; error: WorkbenchError; retry: boolean; retryAfterMs?: number };

export interface RetryPolicy {
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
  random: () => number;
  now: () => number;
  onRetry?: (event: RetryEvent) => void;
}

export interface RetryEvent {
  /** 1 for the first retry. */
  retry: number;
  delayMs: number;
  /** Why the previous attempt failed. */
  code: WorkbenchError['code'];
}

export interface Waiting {
  /** Resolves true after `ms`, false as soon as the lookup is cancelled. */
  sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean>;
  /** The error for a wait cut short. */
  cancelled(): WorkbenchError;
}

export function backoffDelay(attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(policy.random() * ceiling);
}

const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC850_DATE = /^[A-Z][a-z]+, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/;
const ASCTIME_DATE = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

/**
 * Retry-After as a wait in ms: delta-seconds or an HTTP-date (RFC 9110 §10.2.3). Undefined when
 * absent or unreadable (then the backoff applies). `Date.parse` alone is too lenient ("1.5" is a
 * date to V8), so only the three HTTP-date forms are passed to it.
 */
export function parseRetryAfter(value: string | string[] | undefined, nowMs: number): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (text === undefined || text === '') return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const isHttpDate = IMF_FIXDATE.test(text) || RFC850_DATE.test(text) || ASCTIME_DATE.test(text);
  const at = isHttpDate ? Date.parse(ASCTIME_DATE.test(text) ? `${text} GMT` : text) : NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

export function describeMoment(atMs: number): string {
  const at = new Date(atMs);
  return `${at.toLocaleString()} (${at.toISOString()})`;
}

export async function withRetries<T>(
  attempt: (index: number) => Promise<Attempt<T>>,
  policy: RetryPolicy,
  waiting: Waiting,
  signal: AbortSignal | undefined,
): Promise<Result<T>> {
  for (let index = 0; ; index += 1) {
    const outcome = await attempt(index);
    if (outcome.ok) return outcome;
    const { error } = outcome;
    if (!outcome.retry) return { ok: false, error };

    // In both give-up branches the server's wait also travels on the error (`retryAfterMs`, undefined
    // when none was given), so a caller running many lookups can hold all of them, not just this one.
    if (outcome.retryAfterMs !== undefined && outcome.retryAfterMs > policy.maxRetryAfterMs) {
      const until = describeMoment(policy.now() + outcome.retryAfterMs);
      return fail(error.code, `${error.message} TIP asks to wait until ${until}; try again then.`, {
        retryable: true,
        retryAfterMs: outcome.retryAfterMs,
      });
    }
    if (index >= policy.retries) {
      const tries = index + 1;
      let tail = tries === 1 ? '' : ` Gave up after ${tries} attempts.`;
      if (outcome.retryAfterMs !== undefined) {
        tail += ` TIP asks to wait until ${describeMoment(policy.now() + outcome.retryAfterMs)}.`;
      }
      return fail(error.code, `${error.message}${tail}`, {
        retryable: error.retryable,
        retryAfterMs: outcome.retryAfterMs,
      });
    }
    const delay = outcome.retryAfterMs ?? backoffDelay(index, policy);
    policy.onRetry?.({ retry: index + 1, delayMs: delay, code: error.code });
    if (!(await waiting.sleep(delay, signal))) return { ok: false, error: waiting.cancelled() };
  }
}

/** A timer that any of `signals` ends early (resolving false). */
export function abortableSleep(ms: number, signals: ReadonlyArray<AbortSignal | undefined>): Promise<boolean> {
  if (signals.some((s) => s?.aborted)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const settle = (slept: boolean): void => {
      clearTimeout(timer);
      for (const s of signals) s?.removeEventListener('abort', onAbort);
      resolve(slept);
    };
    const onAbort = (): void => settle(false);
    const timer = setTimeout(() => settle(true), ms);
    for (const s of signals) s?.addEventListener('abort', onAbort, { once: true });
  });
}
