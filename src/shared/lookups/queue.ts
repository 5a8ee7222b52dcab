/**
 * The bulk lookup queue: one analyst pastes 500 indicators (the renderer) or pipes them into
 * `tipwb lookup --jobs N` (the command line); this runs them a few at a time and tells the UI how far
 * it got. Pure TypeScript: the lookup itself (`run`), the store (`lookupStored`) and time (`clock`)
 * are injected.
 *
 * Rules, and why:
 * - At most `concurrency` runs in flight (counting aborted runs until they settle), started in row
 *   order.
 * - RATE_LIMITED does not fail the row: it goes back to the front of the line and the whole queue
 *   slows down (rate-governor.ts: a pause, then a lower concurrency that recovers step by step).
 *   TIP limits the account, not one indicator, so every start must wait. A row rate-limited more
 *   than `maxRateLimits` times fails with the last error, so a queue cannot circle forever.
 * - QUOTA_EXCEEDED fails its row and stops sending: the rows still waiting become `skipped` (a
 *   status of their own, because "never sent, costs nothing, can go tomorrow" is not "TIP refused
 *   it"); runs in flight finish. Rows the store can answer still become `cached`. An answer that
 *   `quotaSpent` says used the last request of the day stops sending the same way, keeping its
 *   row `done`, so no request is spent just to be refused.
 * - Any other error fails just its row. A `run` that throws or rejects fails its row with INTERNAL.
 * - Cache hits get their own status through `lookupStored`, asked before a row may start, in order:
 *   a hit takes no slot, is not held back by a pause or the quota, and is not taken as evidence that
 *   TIP accepts the current pace.
 */
import type { Result, WorkbenchError } from '../ipc/result';
import { createAbortController, type QueueAbortController, type QueueSignal } from './abort';
import { systemClock } from './clock';
import type { LookupQueue, LookupQueueOptions, QueueSnapshot } from './queue-types';
import { createRateGovernor } from './rate-governor';
import { createRows, createWaitingLine, type Entry } from './rows';

export type * from './queue-types';
export type { QueueSignal } from './abort';
export type { QueueClock } from './clock';

export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_MAX_RATE_LIMITS = 5;

export function createLookupQueue<Item, Value>(options: LookupQueueOptions<Item, Value>): LookupQueue<Item, Value> {
  const max = wholeAtLeastOne(options.concurrency, DEFAULT_CONCURRENCY);
  const clock = options.clock ?? systemClock;
  const maxRateLimits = options.maxRateLimits ?? DEFAULT_MAX_RATE_LIMITS;
  const governor = createRateGovernor({
    maxConcurrency: max,
    backoffBaseMs: options.backoffBaseMs,
    backoffMaxMs: options.backoffMaxMs,
  });
  const rows = createRows<Item, Value>();
  type Row = Entry<Item, Value>;
  const line = createWaitingLine<Row>();
  /** Rows from this position on have not been asked about in the store yet (they are in order). */
  let checkAt = 0;
  let checking = false;
  let inFlight = 0;
  let rateLimitedTotal = 0;
  let cancelled = false;
  /** Set by the first QUOTA_EXCEEDED; cleared by retryFailed(). */
  let quotaError: WorkbenchError | null = null;
  let pauseWake: QueueAbortController | null = null;
  let idleWaiter: { promise: Promise<QueueSnapshot<Item, Value>>; resolve: (s: QueueSnapshot<Item, Value>) => void } | null = null;
  let notifyScheduled = false;

  function snapshot(): QueueSnapshot<Item, Value> {
    const finished = rows.idle();
    const pausedUntil = governor.pausedUntil;
    return {
      rows: rows.entries.map((e) => e.row),
      counts: rows.counts(),
      concurrency: { current: governor.limit, max },
      pausedUntil: !finished && pausedUntil > clock.now() ? pausedUntil : null,
      rateLimited: rateLimitedTotal,
      stopped: cancelled ? 'cancelled' : quotaError !== null ? 'quota' : null,
      finished,
    };
  }

  /** Coalesces a burst of synchronous changes into one onChange call. */
  function changed(): void {
    const onChange = options.onChange;
    if (onChange === undefined || notifyScheduled) return;
    notifyScheduled = true;
    void Promise.resolve().then(() => {
      notifyScheduled = false;
      try {
        onChange(snapshot());
      } catch {
        // An observer's bug must not stop the lookups.
      }
    });
  }

  function settleIfIdle(): void {
    if (idleWaiter === null || !rows.idle()) return;
    const waiter = idleWaiter;
    idleWaiter = null;
    waiter.resolve(snapshot());
  }

  /** A row known not to be in the store joins the line, unless the quota is spent. */
  function admit(e: Row): void {
    if (quotaError !== null) rows.refused(e, 'skipped', notSent(quotaError));
    else line.insert(e);
  }

  function pump(): void {
    if (line.length === 0) return;
    const now = clock.now();
    if (governor.pausedUntil > now) {
      wakeAt(governor.pausedUntil - now);
      return;
    }
    while (inFlight < governor.limit) {
      const next = line.shift();
      if (next === undefined) break;
      start(next);
    }
  }

  function wakeAt(delayMs: number): void {
    if (pauseWake !== null) return; // a wake-up is due; it re-checks, so a longer pause sleeps on
    const wake = createAbortController();
    pauseWake = wake;
    const resume = (): void => {
      if (pauseWake === wake) pauseWake = null;
      pump();
      changed();
    };
    clock.sleep(delayMs, wake.signal).then(resume, resume);
  }

  function start(e: Row): void {
    rows.running(e);
    const ticket = (e.ticket += 1);
    const controller = createAbortController();
    e.controller = controller;
    e.era = governor.era;
    inFlight += 1;
    void invoke(e.row.item, controller.signal).then((result) => {
      inFlight -= 1;
      // A cancelled row keeps its status: the answer arrived after the analyst stopped caring.
      if (e.ticket === ticket && e.row.status === 'running') {
        e.controller = undefined;
        settle(e, result);
      }
      pump();
      changed();
      settleIfIdle();
    });
  }

  async function invoke(item: Item, signal: QueueSignal): Promise<Result<Value>> {
    try {
      return await options.run(item, signal);
    } catch (error) {
      return {
        ok: false,
        error: {
          code: 'INTERNAL',
          message: 'The lookup failed unexpectedly before TIP answered.',
          retryable: false,
          detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        },
      };
    }
  }

  function settle(e: Row, result: Result<Value>): void {
    if (result.ok) {
      rows.answered(e, 'done', result.value);
      governor.succeeded(e.era);
      if (quotaError === null && answerSaysSpent(result.value)) stopForQuota(SPENT);
      return;
    }
    const { error } = result;
    if (error.code === 'RATE_LIMITED') {
      rows.rateLimited(e);
      rateLimitedTotal += 1;
      e.strikes += 1;
      governor.rateLimited(e.era, error.retryAfterMs, clock.now());
      if (e.strikes > maxRateLimits) {
        rows.refused(e, 'failed', error);
      } else {
        rows.waiting(e);
        admit(e);
      }
      return;
    }
    rows.refused(e, 'failed', error);
    if (error.code === 'QUOTA_EXCEEDED') stopForQuota(error);
  }

  function answerSaysSpent(value: Value): boolean {
    try {
      return options.quotaSpent?.(value) === true;
    } catch {
      return false; // a caller's bug must not stop the lookups
    }
  }

  function stopForQuota(error: WorkbenchError): void {
    quotaError = error;
    for (const e of line.drain()) rows.refused(e, 'skipped', notSent(error));
  }

  /** Asks the store about added rows, one at a time and in order, so rows start in order. */
  async function checkStore(): Promise<void> {
    const lookupStored = options.lookupStored;
    if (lookupStored === undefined || checking) return;
    checking = true;
    try {
      for (let e = rows.entries[checkAt]; e !== undefined; e = rows.entries[checkAt]) {
        checkAt += 1;
        if (e.row.status !== 'waiting') continue;
        let stored: Value | undefined;
        try {
          stored = await lookupStored(e.row.item);
        } catch {
          stored = undefined; // a store that cannot answer just means "ask TIP"
        }
        if (e.row.status !== 'waiting') continue; // cancelled meanwhile
        if (stored !== undefined) rows.answered(e, 'cached', stored);
        else admit(e);
        pump();
        changed();
        settleIfIdle();
      }
    } finally {
      checking = false;
    }
  }

  return {
    add(items) {
      cancelled = false;
      for (const item of items) {
        const e = rows.add(item);
        if (options.lookupStored === undefined) admit(e);
      }
      void checkStore();
      pump();
      changed();
    },
    cancel() {
      cancelled = true;
      for (const e of rows.entries) {
        const status = e.row.status;
        if (status !== 'waiting' && status !== 'running') continue;
        e.controller?.abort();
        e.controller = undefined;
        rows.cancelled(e);
      }
      line.drain();
      checkAt = rows.entries.length;
      pauseWake?.abort();
      pauseWake = null;
      changed();
      settleIfIdle();
    },
    retryFailed() {
      cancelled = false;
      quotaError = null;
      let count = 0;
      for (const e of rows.entries) {
        const status = e.row.status;
        if (status !== 'failed' && status !== 'skipped') continue;
        e.strikes = 0;
        rows.waiting(e);
        line.insert(e);
        count += 1;
      }
      pump();
      changed();
      return count;
    },
    get done() {
      if (rows.idle()) return Promise.resolve(snapshot());
      if (idleWaiter === null) {
        let resolve: (s: QueueSnapshot<Item, Value>) => void = () => undefined;
        const promise = new Promise<QueueSnapshot<Item, Value>>((r) => (resolve = r));
        idleWaiter = { promise, resolve };
      }
      return idleWaiter.promise;
    },
    snapshot,
  };
}

/** Why the queue stopped when an answer (not a refusal) said the quota is used up. */
const SPENT: WorkbenchError = {
  code: 'QUOTA_EXCEEDED',
  message: "TIP's last answer says today's lookup quota is used up.",
  retryable: true,
};

/** What a row that was never sent says once the quota ran out. */
function notSent(cause: WorkbenchError): WorkbenchError {
  return {
    code: 'QUOTA_EXCEEDED',
    message: "Not sent: today's TIP lookup quota ran out before this lookup's turn. Retry it when the quota resets.",
    retryable: cause.retryable,
  };
}

function wholeAtLeastOne(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(1, Math.floor(value)) : fallback;
}
