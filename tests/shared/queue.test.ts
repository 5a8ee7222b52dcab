import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result, WorkbenchError } from '../../src/shared/ipc/result';
import { createLookupQueue, type LookupQueueOptions, type QueueClock, type QueueSnapshot } from '../../src/shared/lookups/queue';
import { systemClock } from '../../src/shared/lookups/clock';
import { backoffFor } from '../../src/shared/lookups/rate-governor';

const T0 = 1_700_000_000_000;

/** A clock that only moves when the test says so; sleepers wake when their moment is reached. */
function fakeClock() {
  let now = T0;
  const sleepers = new Set<{ at: number; wake: (slept: boolean) => void }>();
  const clock: QueueClock = {
    now: () => now,
    sleep(ms, signal) {
      return new Promise<boolean>((resolve) => {
        if (signal?.aborted) return resolve(false);
        const sleeper = {
          at: now + ms,
          wake: (slept: boolean) => {
            sleepers.delete(sleeper);
            resolve(slept);
          },
        };
        sleepers.add(sleeper);
        signal?.addEventListener('abort', () => sleeper.wake(false), { once: true });
      });
    },
  };
  return {
    clock,
    get now() {
      return now;
    },
    async advance(ms: number) {
      now += ms;
      for (const sleeper of [...sleepers]) if (sleeper.at <= now) sleeper.wake(true);
      await settled();
    },
  };
}

/** Every promise chain the queue started has run (one macrotask boundary drains all microtasks). */
function settled(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

interface Call {
  item: string;
  signal: AbortSignal;
  answered: boolean;
  answer(result: Result<string>): void;
}

/** A TIP stand-in: each run waits until the test answers it. Records the order of starts and the most in flight. */
function fakeTip() {
  const calls: Call[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const run = (item: string, signal: AbortSignal): Promise<Result<string>> => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return new Promise((resolve) => {
      const call: Call = {
        item,
        signal,
        answered: false,
        answer(result) {
          if (call.answered) throw new Error(`${item} answered twice`);
          call.answered = true;
          inFlight -= 1;
          resolve(result);
        },
      };
      calls.push(call);
    });
  };
  const pendingCall = (item: string): Call => {
    const call = calls.find((c) => c.item === item && !c.answered);
    if (call === undefined) throw new Error(`${item} is not running`);
    return call;
  };
  return {
    run,
    calls,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    started: () => calls.map((c) => c.item),
    pending: () => calls.filter((c) => !c.answered).map((c) => c.item),
    async answer(item: string, result: Result<string> = { ok: true, value: `answer:${item}` }) {
      pendingCall(item).answer(result);
      await settled();
    },
  };
}

function failure(code: WorkbenchError['code'], message: string, extra: Partial<WorkbenchError> = {}): Result<string> {
  return { ok: false, error: { code, message, retryable: false, ...extra } };
}
const rateLimited = (retryAfterMs?: number, message = 'TIP is limiting how fast lookups are made (HTTP 429).') =>
  failure('RATE_LIMITED', message, { retryable: true, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });

const items = (n: number): string[] => Array.from({ length: n }, (_, i) => `i${i}`);

function setup(overrides: Partial<LookupQueueOptions<string, string>> = {}) {
  const time = fakeClock();
  const tip = fakeTip();
  const changes: QueueSnapshot<string, string>[] = [];
  const queue = createLookupQueue<string, string>({
    run: tip.run,
    clock: time.clock,
    onChange: (s) => changes.push(s),
    ...overrides,
  });
  return { time, tip, queue, changes };
}

function statuses(snapshot: QueueSnapshot<string, string>): string[] {
  return snapshot.rows.map((r) => r.status);
}

describe('concurrency and order', () => {
  it('never runs more than `concurrency` at once, reaches it, and starts rows in order', async () => {
    const { tip, queue } = setup({ concurrency: 3 });
    queue.add(items(20));
    await settled();
    expect(tip.pending()).toEqual(['i0', 'i1', 'i2']);
    expect(queue.snapshot().counts).toMatchObject({ total: 20, running: 3, waiting: 17, done: 0 });

    // Answer out of order (newest first) so slots free up unevenly.
    while (tip.pending().length > 0) {
      const newest = tip.pending().at(-1);
      if (newest === undefined) break;
      await tip.answer(newest);
      expect(tip.inFlight).toBeLessThanOrEqual(3);
    }

    const final = await queue.done;
    expect(tip.maxInFlight).toBe(3);
    expect(tip.started()).toEqual(items(20));
    expect(final.counts).toMatchObject({ total: 20, done: 20, waiting: 0, running: 0, failed: 0 });
    expect(final.finished).toBe(true);
    expect(final.rows[7]).toMatchObject({ status: 'done', value: 'answer:i7', attempts: 1 });
  });

  it('defaults to 8 in flight', async () => {
    const { tip, queue } = setup();
    queue.add(items(12));
    await settled();
    expect(tip.pending()).toHaveLength(8);
    expect(queue.snapshot().concurrency).toEqual({ current: 8, max: 8 });
  });
});

describe('cancel', () => {
  it('aborts running rows, cancels waiting ones, keeps done rows, starts nothing more', async () => {
    const { tip, queue } = setup({ concurrency: 2 });
    queue.add(items(6));
    await settled();
    await tip.answer('i0');
    expect(tip.pending()).toEqual(['i1', 'i2']);

    let finished = false;
    void queue.done.then(() => (finished = true));
    queue.cancel();
    const final = await queue.done;
    expect(finished).toBe(true);

    const signals = Object.fromEntries(tip.calls.map((c) => [c.item, c.signal.aborted]));
    expect(signals).toEqual({ i0: false, i1: true, i2: true });
    expect(statuses(final)).toEqual(['done', 'cancelled', 'cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect(final.rows[0]).toMatchObject({ status: 'done', value: 'answer:i0' });
    expect(final.stopped).toBe('cancelled');

    // Answers that still arrive are dropped, and nothing else starts.
    await tip.answer('i1');
    await tip.answer('i2', failure('CANCELLED', 'The lookup was cancelled.'));
    expect(statuses(queue.snapshot())).toEqual(statuses(final));
    expect(tip.started()).toEqual(['i0', 'i1', 'i2']);
  });
});

describe('rate limiting slows the queue down', () => {
  it('a Retry-After holds every start until that moment; the row goes first and then succeeds', async () => {
    const { time, tip, queue, changes } = setup({ concurrency: 2 });
    queue.add(['a', 'b', 'c', 'd']);
    await settled();
    await tip.answer('a', rateLimited(5000));

    const paused = queue.snapshot();
    expect(paused.rows[0]).toMatchObject({ status: 'waiting', rateLimited: 1 });
    expect(paused.pausedUntil).toBe(T0 + 5000);
    expect(paused.rateLimited).toBe(1);
    expect(paused.counts.failed).toBe(0);
    expect(changes.at(-1)?.pausedUntil).toBe(T0 + 5000);

    // b finishes and frees slots, but nothing may start during the pause.
    await tip.answer('b');
    expect(tip.started()).toEqual(['a', 'b']);
    await time.advance(4999);
    expect(tip.started()).toEqual(['a', 'b']);
    expect(queue.snapshot().pausedUntil).toBe(T0 + 5000);

    await time.advance(1);
    expect(tip.pending()).toEqual(['a']); // back at the front, alone: the pace was halved to 1
    expect(queue.snapshot().pausedUntil).toBeNull();
    await tip.answer('a');
    expect(tip.pending()).toEqual(['c', 'd']); // one success at pace 1 brings it back to 2
    await tip.answer('c');
    await tip.answer('d');

    const final = await queue.done;
    expect(statuses(final)).toEqual(['done', 'done', 'done', 'done']);
    expect(final.rows[0]).toMatchObject({ status: 'done', value: 'answer:a', attempts: 2, rateLimited: 1 });
    expect(final.rateLimited).toBe(1);
  });

  it('backs off 1 s, 2 s, 4 s and halves the pace on consecutive rate limits, then restores it step by step', async () => {
    const { time, tip, queue } = setup({ concurrency: 8 });
    queue.add(items(40));
    await settled();
    expect(tip.pending()).toHaveLength(8);

    // Eight in flight all come back 429: one slow-down, not eight.
    await tip.answer('i0', rateLimited());
    for (let i = 1; i < 8; i += 1) await tip.answer(`i${i}`, rateLimited());
    let s = queue.snapshot();
    expect(s.concurrency.current).toBe(4);
    expect(s.pausedUntil).toBe(T0 + 1000);
    expect(s.counts.waiting).toBe(40);

    await time.advance(1000);
    expect(tip.pending()).toEqual(['i0', 'i1', 'i2', 'i3']);
    await tip.answer('i0', rateLimited());
    s = queue.snapshot();
    expect(s.concurrency.current).toBe(2);
    expect(s.pausedUntil).toBe(time.now + 2000);

    // The three still in flight started before this slow-down: they hold slots until they finish.
    await time.advance(2000);
    expect(tip.pending()).toEqual(['i1', 'i2', 'i3']);
    for (const item of ['i1', 'i2', 'i3']) await tip.answer(item);
    expect(tip.pending()).toEqual(['i0', 'i4']);
    await tip.answer('i0', rateLimited());
    s = queue.snapshot();
    expect(s.concurrency.current).toBe(1);
    expect(s.pausedUntil).toBe(time.now + 4000);
    await tip.answer('i4');

    await time.advance(4000);
    expect(tip.pending()).toEqual(['i0']);
    const paces: number[] = [];
    const inFlight: number[] = [];
    for (let round = 0; round < 4; round += 1) {
      const batch = tip.pending();
      inFlight.push(batch.length);
      for (const item of batch) await tip.answer(item);
      paces.push(queue.snapshot().concurrency.current);
    }
    // Pace 1 → 2 after one success, → 3 after two more, → 4 after three, → 5 after four.
    expect(inFlight).toEqual([1, 2, 3, 4]);
    expect(paces).toEqual([2, 3, 4, 5]);

    // Successes at the new pace reset the streak: the next rate limit waits 1 s again.
    const before = time.now;
    await tip.answer(tip.pending()[0] ?? '', rateLimited());
    expect(queue.snapshot().pausedUntil).toBe(before + 1000);
    expect(queue.snapshot().concurrency.current).toBe(2);
    expect(queue.snapshot().counts.failed).toBe(0);
    queue.cancel();
  });

  it('fails a row rate-limited more than five times, with the last error, and moves on', async () => {
    const { tip, queue } = setup({ concurrency: 1 });
    queue.add(['x', 'y']);
    await settled();
    for (let n = 1; n <= 6; n += 1) {
      expect(tip.pending()).toEqual(['x']);
      await tip.answer('x', rateLimited(0, `limit #${n}`));
    }
    const s = queue.snapshot();
    expect(s.rows[0]).toMatchObject({ status: 'failed', attempts: 6, rateLimited: 6 });
    const row = s.rows[0];
    expect(row?.status === 'failed' ? row.error : null).toMatchObject({ code: 'RATE_LIMITED', message: 'limit #6' });
    expect(tip.pending()).toEqual(['y']);
    await tip.answer('y');
    expect((await queue.done).counts).toMatchObject({ done: 1, failed: 1 });
  });

  it('the backoff doubles from 1 s and stops at 60 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffFor(n, 1000, 60_000))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000,
    ]);
  });
});

describe('quota exceeded', () => {
  it('stops sending: waiting rows are skipped (not sent), running rows finish', async () => {
    const { tip, queue } = setup({ concurrency: 3 });
    queue.add(items(8));
    await settled();
    const quota = failure('QUOTA_EXCEEDED', "Today's TIP lookup quota is used up (HTTP 403).");
    await tip.answer('i0', quota);

    let finished = false;
    void queue.done.then(() => (finished = true));
    const s = queue.snapshot();
    expect(s.stopped).toBe('quota');
    expect(statuses(s)).toEqual(['failed', 'running', 'running', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped']);
    const skipped = s.rows[3];
    expect(skipped?.status === 'skipped' ? skipped.error : null).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      message: expect.stringMatching(/^Not sent: .*quota/),
    });
    expect(s.rows[0]).toMatchObject({ status: 'failed', error: quota.ok ? undefined : quota.error });

    await tip.answer('i1');
    expect(finished).toBe(false);
    await tip.answer('i2');
    const final = await queue.done;
    expect(final.counts).toMatchObject({ done: 2, failed: 1, skipped: 5, waiting: 0, running: 0 });
    expect(tip.started()).toEqual(['i0', 'i1', 'i2']);

    // Once the quota resets, retryFailed sends what was refused or never sent, in order.
    expect(queue.retryFailed()).toBe(6);
    await settled();
    expect(queue.snapshot().stopped).toBeNull();
    expect(tip.pending()).toEqual(['i0', 'i3', 'i4']);
  });
});

describe('retryFailed', () => {
  it('reruns only the failed rows, in order', async () => {
    const { tip, queue } = setup({ concurrency: 2 });
    queue.add(items(5));
    await settled();
    await tip.answer('i0');
    await tip.answer('i1', failure('SERVER_ERROR', 'TIP had a server error (HTTP 503).', { retryable: true }));
    await tip.answer('i2');
    await tip.answer('i3', failure('NETWORK', 'The connection was reset.', { retryable: true }));
    await tip.answer('i4');
    expect((await queue.done).counts).toMatchObject({ done: 3, failed: 2 });

    expect(queue.retryFailed()).toBe(2);
    await settled();
    expect(tip.pending()).toEqual(['i1', 'i3']);
    await tip.answer('i3');
    await tip.answer('i1');
    const final = await queue.done;
    expect(tip.started()).toEqual(['i0', 'i1', 'i2', 'i3', 'i4', 'i1', 'i3']);
    expect(final.counts).toMatchObject({ done: 5, failed: 0 });
    expect(final.rows.map((r) => r.attempts)).toEqual([1, 2, 1, 2, 1]);
  });
});

describe('a run that throws', () => {
  const unhandled: unknown[] = [];
  const record = (reason: unknown): void => void unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', record);
  });
  afterEach(() => {
    process.off('unhandledRejection', record);
  });

  it('becomes a failed row (INTERNAL), never an unhandled rejection, and the rest go on', async () => {
    const time = fakeClock();
    const queue = createLookupQueue<string, string>({
      concurrency: 2,
      clock: time.clock,
      run: (item) => {
        if (item === 'sync') throw new TypeError('boom');
        if (item === 'async') return Promise.reject(new Error('went wrong'));
        return Promise.resolve({ ok: true, value: item });
      },
    });
    queue.add(['sync', 'fine', 'async', 'also fine']);
    const final = await queue.done;
    await settled();
    expect(statuses(final)).toEqual(['failed', 'done', 'failed', 'done']);
    const first = final.rows[0];
    expect(first?.status === 'failed' ? first.error : null).toMatchObject({ code: 'INTERNAL', detail: 'TypeError: boom' });
    expect(unhandled).toEqual([]);
  });
});

describe('answers from the store (lookupStored)', () => {
  it('marks rows cached without a slot or a run; a store that throws means "ask TIP"', async () => {
    const store = new Map([['b', 'stored:b']]);
    const { tip, queue } = setup({
      concurrency: 1,
      lookupStored: async (item) => {
        if (item === 'c') throw new Error('database closed');
        return store.get(item);
      },
    });
    queue.add(['a', 'b', 'c']);
    await settled();
    // a holds the only slot, yet b is already answered.
    expect(tip.pending()).toEqual(['a']);
    expect(queue.snapshot().rows[1]).toMatchObject({ status: 'cached', value: 'stored:b', attempts: 0 });
    await tip.answer('a');
    await tip.answer('c');
    const final = await queue.done;
    expect(tip.started()).toEqual(['a', 'c']);
    expect(final.counts).toMatchObject({ total: 3, done: 2, cached: 1 });
  });

  it('still answers from the store after the quota ran out', async () => {
    let answerI2: (value: string | undefined) => void = () => undefined;
    const slowAnswer = new Promise<string | undefined>((resolve) => (answerI2 = resolve));
    const { tip, queue } = setup({
      concurrency: 1,
      lookupStored: (item) => (item === 'i2' ? slowAnswer : undefined),
    });
    queue.add(items(4));
    await settled();
    expect(tip.pending()).toEqual(['i0']);
    await tip.answer('i0', failure('QUOTA_EXCEEDED', 'quota'));
    expect(statuses(queue.snapshot())).toEqual(['failed', 'skipped', 'waiting', 'waiting']);
    answerI2('stored:i2');
    expect(statuses(await queue.done)).toEqual(['failed', 'skipped', 'cached', 'skipped']);
    expect(tip.started()).toEqual(['i0']);
  });
});

describe('systemClock', () => {
  it('sleeps on the real timer and wakes early, with false, when the signal aborts', async () => {
    const controller = new AbortController();
    const long = systemClock.sleep(60_000, controller.signal);
    controller.abort();
    await expect(long).resolves.toBe(false);
    await expect(systemClock.sleep(60_000, controller.signal)).resolves.toBe(false);
    await expect(systemClock.sleep(0)).resolves.toBe(true);
  });
});
