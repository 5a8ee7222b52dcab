/** The bulk lookup queue's public shapes (queue.ts has the rules). */
import type { Result, WorkbenchError } from '../ipc/result';
import type { QueueSignal } from './abort';
import type { QueueClock } from './clock';

/**
 * - `waiting`: not started yet, or put back in line after a rate limit.
 * - `running`: its `run` is in flight.
 * - `done`: answered by `run` (a 404 "not known" is an answer too).
 * - `cached`: answered by `lookupStored`; nothing was sent.
 * - `failed`: `run` answered with an error (or threw), or it was rate-limited too often.
 * - `skipped`: never sent because today's quota ran out first.
 * - `cancelled`: stopped by `cancel()` before it had an answer.
 */
export type RowStatus = 'waiting' | 'running' | 'done' | 'cached' | 'failed' | 'skipped' | 'cancelled';

interface RowBase<Item> {
  /** Position in the order rows were added, from 0. */
  readonly index: number;
  readonly item: Item;
  /** How many times `run` was started for this row. */
  readonly attempts: number;
  /** How many of those answers were RATE_LIMITED. */
  readonly rateLimited: number;
}

export type QueueRow<Item, Value> = RowBase<Item> &
  (
    | { readonly status: 'waiting' | 'running' | 'cancelled' }
    | { readonly status: 'done' | 'cached'; readonly value: Value }
    | { readonly status: 'failed' | 'skipped'; readonly error: WorkbenchError }
  );

export type QueueCounts = { readonly total: number } & { readonly [S in RowStatus]: number };

export interface QueueSnapshot<Item, Value> {
  /** Every row, in the order added. A new array of new objects each time: safe to keep. */
  readonly rows: readonly QueueRow<Item, Value>[];
  readonly counts: QueueCounts;
  /** `current` runs are allowed at once now (lowered after rate limits); `max` was configured. */
  readonly concurrency: { readonly current: number; readonly max: number };
  /**
   * While TIP's rate limit holds every start back: the clock moment starts resume ("TIP asked to
   * slow down — resuming in 12 s"). Null when not paused.
   */
  readonly pausedUntil: number | null;
  /** RATE_LIMITED answers received so far, over all rows. */
  readonly rateLimited: number;
  /** Why rows stopped early: `cancel()` was called, or today's quota ran out. Null otherwise. */
  readonly stopped: 'cancelled' | 'quota' | null;
  /** Nothing waiting and nothing running. */
  readonly finished: boolean;
}

export interface LookupQueueOptions<Item, Value> {
  /**
   * One lookup. Should resolve with a Result and watch `signal`; a throw or rejection is caught and
   * fails the row with INTERNAL.
   */
  run: (item: Item, signal: QueueSignal) => Promise<Result<Value>>;
  /** Runs in flight at most. Default 8. */
  concurrency?: number;
  /**
   * The caller's store, asked once per row as soon as it is added, in order, before the row can
   * start. A value makes the row `cached` without taking a slot; `undefined` sends it to `run`.
   * A throw or rejection counts as "not stored".
   */
  lookupStored?: (item: Item) => Value | undefined | Promise<Value | undefined>;
  /** Default: `Date.now` and the global `setTimeout`. */
  clock?: QueueClock;
  /** Called after changes, at most once per burst of synchronous changes. Exceptions are ignored. */
  onChange?: (snapshot: QueueSnapshot<Item, Value>) => void;
  /**
   * Asked of every answer: true when it says today's quota is now used up (e.g. its `LicenseInfo`
   * has DayRequests ≥ DayQuota). The queue then sends nothing more, as after QUOTA_EXCEEDED: the
   * rows still waiting become `skipped`. Absent = only QUOTA_EXCEEDED stops the queue.
   */
  quotaSpent?: (value: Value) => boolean;
  /** A row rate-limited more than this many times fails with the last error. Default 5. */
  maxRateLimits?: number;
  /** Backoff after rate limits without Retry-After: base × 2^(n−1), capped. Defaults 1000 and 60 000. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
}

export interface LookupQueue<Item, Value> {
  /** Appends rows (in order) and starts them as slots allow. Also reopens a cancelled queue. */
  add(items: Iterable<Item>): void;
  /**
   * Aborts every running row's signal, marks waiting and running rows `cancelled` and starts nothing
   * more; answers that still arrive for them are dropped. `done` resolves at once.
   */
  cancel(): void;
  /** Puts every `failed` and `skipped` row back in line, in order, and restarts. Returns how many. */
  retryFailed(): number;
  /** Resolves with the final snapshot when nothing is waiting or running (at once if already so). */
  readonly done: Promise<QueueSnapshot<Item, Value>>;
  snapshot(): QueueSnapshot<Item, Value>;
}
