/**
 * How fast the bulk queue may go after TIP answered "too many requests" (429, RATE_LIMITED).
 * No timers and no rows here: the queue reports what happened and reads `limit` and `pausedUntil`.
 *
 * - A rate limit pauses every start until `now + wait`: TIP's own Retry-After when it gave one,
 *   otherwise a backoff that doubles with each consecutive rate limit (1 s, 2 s, 4 s … capped at 60 s).
 * - It also halves the concurrency (at least 1), and each run of `limit` successes at the lowered pace
 *   adds one back until the configured maximum: additive increase, multiplicative decrease, the way
 *   TCP recovers from congestion, so the queue settles just below the pace TIP accepts.
 * - Eras: every slow-down starts a new era, and the queue tags each run with the era it started in.
 *   When eight lookups are in flight and TIP starts refusing, all eight come back 429; only the first
 *   is news. Answers from runs that started before the last slow-down neither halve the pace again
 *   nor grow the backoff (they only respect a Retry-After), and their successes prove nothing about
 *   the new pace, so they do not count towards restoring it.
 */

export interface RateGovernorOptions {
  /** The configured concurrency; the limit never goes above it. */
  maxConcurrency: number;
  /** First backoff when TIP named no wait. Default 1000. */
  backoffBaseMs?: number;
  /** Cap on the backoff (not on TIP's own Retry-After, which is obeyed as given). Default 60 000. */
  backoffMaxMs?: number;
}

export interface RateGovernor {
  /** Runs allowed at once now. */
  readonly limit: number;
  /** No start before this moment (clock ms); 0 when there has never been a pause. */
  readonly pausedUntil: number;
  /** Tag for runs starting now. */
  readonly era: number;
  /** Rate limits since the last success at the current pace (drives the backoff). */
  readonly consecutive: number;
  /** A run that started in `era` was answered RATE_LIMITED at `now`. */
  rateLimited(era: number, retryAfterMs: number | undefined, now: number): void;
  /** A run that started in `era` got its answer. */
  succeeded(era: number): void;
}

export const DEFAULT_BACKOFF_BASE_MS = 1000;
export const DEFAULT_BACKOFF_MAX_MS = 60_000;

/** Wait after the n-th consecutive rate limit (n ≥ 1) when TIP named none. */
export function backoffFor(consecutive: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, consecutive - 1));
}

export function createRateGovernor(options: RateGovernorOptions): RateGovernor {
  const max = Math.max(1, Math.floor(options.maxConcurrency));
  const baseMs = options.backoffBaseMs ?? DEFAULT_BACKOFF_BASE_MS;
  const maxMs = options.backoffMaxMs ?? DEFAULT_BACKOFF_MAX_MS;
  let limit = max;
  let pausedUntil = 0;
  let era = 0;
  let consecutive = 0;
  let successes = 0;

  const holdUntil = (moment: number): void => {
    pausedUntil = Math.max(pausedUntil, moment);
  };

  return {
    get limit() {
      return limit;
    },
    get pausedUntil() {
      return pausedUntil;
    },
    get era() {
      return era;
    },
    get consecutive() {
      return consecutive;
    },
    rateLimited(startedIn, retryAfterMsGiven, now) {
      // A negative, NaN or infinite wait is not a wait TIP could mean: fall back to the backoff.
      const retryAfterMs = isUsableWait(retryAfterMsGiven) ? retryAfterMsGiven : undefined;
      if (startedIn !== era) {
        // Old news of the slow-down already made; a wait TIP names is still obeyed.
        if (retryAfterMs !== undefined) holdUntil(now + retryAfterMs);
        return;
      }
      era += 1;
      consecutive += 1;
      successes = 0;
      limit = Math.max(1, Math.floor(limit / 2));
      holdUntil(now + (retryAfterMs ?? backoffFor(consecutive, baseMs, maxMs)));
    },
    succeeded(startedIn) {
      if (startedIn !== era) return;
      consecutive = 0;
      if (limit >= max) return;
      successes += 1;
      if (successes >= limit) {
        limit += 1;
        successes = 0;
      }
    },
  };
}

function isUsableWait(ms: number | undefined): ms is number {
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0;
}
