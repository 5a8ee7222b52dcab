import { describe, expect, it } from 'vitest';
import { fail } from '../../src/shared/ipc/result';
import { abortableSleep, backoffDelay, parseRetryAfter, withRetries, type Attempt, type RetryPolicy } from '../../src/main/tip/retry';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter(' 120 ', NOW)).toBe(120_000);
    expect(parseRetryAfter(['3', '9'], NOW)).toBe(3000);
  });

  it('reads the three HTTP-date forms, never negative', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 12:01:00 GMT', NOW)).toBe(60_000);
    expect(parseRetryAfter('Thursday, 01-Jan-26 12:00:10 GMT', NOW)).toBe(10_000);
    expect(parseRetryAfter('Thu Jan  1 12:00:05 2026', NOW)).toBe(5000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 12:00:00 GMT', NOW)).toBe(0);
  });

  it('ignores what is neither', () => {
    for (const value of [undefined, '', '-5', '1.5', 'soon', '2026-01-01T12:01:00Z']) {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    }
  });
});

describe('backoffDelay', () => {
  const policy = { baseDelayMs: 500, maxDelayMs: 8000 };
  it('is full jitter under an exponential ceiling', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(n, { ...policy, random: () => 0.999999 }))).toEqual([
      499, 999, 1999, 3999, 7999, 7999,
    ]);
    expect(backoffDelay(3, { ...policy, random: () => 0 })).toBe(0);
    expect(backoffDelay(2, { ...policy, random: () => 0.5 })).toBe(1000);
  });
});

describe('withRetries', () => {
  const policy: RetryPolicy = { retries: 2, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 60_000, random: () => 0.5, now: () => NOW };
  const serverError = fail('SERVER_ERROR', 'TIP had a server error (HTTP 503).', { retryable: true });
  const transient = (retryAfterMs?: number): Attempt<string> =>
    serverError.ok ? serverError : { ok: false, error: serverError.error, retry: true, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };

  function run(outcomes: Attempt<string>[], overrides: Partial<RetryPolicy> = {}, sleepResult = true) {
    const waits: number[] = [];
    let calls = 0;
    const result = withRetries(
      async () => outcomes[Math.min(calls++, outcomes.length - 1)] ?? transient(),
      { ...policy, ...overrides },
      {
        sleep: async (ms) => {
          waits.push(ms);
          return sleepResult;
        },
        cancelled: () => ({ code: 'CANCELLED', message: 'The lookup was cancelled.', retryable: false }),
      },
      undefined,
    );
    return result.then((value) => ({ value, waits, calls }));
  }

  it('stops at the first success', async () => {
    const { value, waits, calls } = await run([transient(), { ok: true, value: 'answer' }]);
    expect(value).toEqual({ ok: true, value: 'answer' });
    expect(calls).toBe(2);
    expect(waits).toEqual([50]);
  });

  it('makes 1 + retries attempts with growing jittered waits, then says so', async () => {
    const { value, waits, calls } = await run([transient()]);
    expect(calls).toBe(3);
    expect(waits).toEqual([50, 100]);
    expect(value.ok).toBe(false);
    if (!value.ok) {
      expect(value.error.code).toBe('SERVER_ERROR');
      expect(value.error.message).toContain('Gave up after 3 attempts');
      expect(value.error.retryable).toBe(true);
    }
  });

  it('honours Retry-After instead of the backoff', async () => {
    const { waits } = await run([transient(2000), transient(0), { ok: true, value: 'x' }]);
    expect(waits).toEqual([2000, 0]);
  });

  it('fails at once when Retry-After is past the cap, saying until when', async () => {
    const rateLimited = fail('RATE_LIMITED', 'TIP is limiting how fast lookups are made (HTTP 429).', { retryable: true });
    if (rateLimited.ok) throw new Error('unreachable');
    const { value, waits, calls } = await run([{ ok: false, error: rateLimited.error, retry: true, retryAfterMs: 3_600_000 }]);
    expect(calls).toBe(1);
    expect(waits).toEqual([]);
    if (value.ok) throw new Error('expected a failure');
    expect(value.error.code).toBe('RATE_LIMITED');
    expect(value.error.message).toContain('2026-01-01T13:00:00.000Z');
    expect(value.error.retryable).toBe(true);
  });

  it('never retries what is not transient', async () => {
    const unauthorized = fail('UNAUTHORIZED', 'no');
    if (unauthorized.ok) throw new Error('unreachable');
    const { value, calls } = await run([{ ok: false, error: unauthorized.error, retry: false }]);
    expect(calls).toBe(1);
    expect(value).toEqual(unauthorized);
  });

  it('with retries 0, tries once', async () => {
    const { calls, value } = await run([transient()], { retries: 0 });
    expect(calls).toBe(1);
    if (value.ok) throw new Error('expected a failure');
    expect(value.error.message).not.toContain('Gave up');
  });

  it('returns CANCELLED when the wait is cut short', async () => {
    const { value, calls } = await run([transient()], {}, false);
    expect(calls).toBe(1);
    expect(value).toEqual(fail('CANCELLED', 'The lookup was cancelled.'));
  });
});

describe('abortableSleep', () => {
  it('ends early, with false, when any signal aborts', async () => {
    const a = new AbortController();
    const b = new AbortController();
    const sleeping = abortableSleep(60_000, [a.signal, undefined, b.signal]);
    b.abort();
    await expect(sleeping).resolves.toBe(false);
    await expect(abortableSleep(60_000, [b.signal])).resolves.toBe(false);
    await expect(abortableSleep(1, [a.signal])).resolves.toBe(true);
  });
});

describe('withRetries: the final error carries the Retry-After as retryAfterMs', () => {
  const policy: RetryPolicy = { retries: 2, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 60_000, random: () => 0.5, now: () => NOW };
  const rateLimited = { code: 'RATE_LIMITED', message: 'TIP is limiting how fast lookups are made (HTTP 429).', retryable: true } as const;
  const limited = (retryAfterMs?: number): Attempt<string> => ({
    ok: false,
    error: { ...rateLimited },
    retry: true,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });

  async function finalError(outcomes: Attempt<string>[]) {
    let calls = 0;
    const result = await withRetries(
      async () => outcomes[Math.min(calls++, outcomes.length - 1)] ?? limited(),
      policy,
      { sleep: async () => true, cancelled: () => ({ code: 'CANCELLED', message: 'cancelled', retryable: false }) },
      undefined,
    );
    if (result.ok) throw new Error('expected a failure');
    return { error: result.error, calls };
  }

  it('after giving up, it is the last answer’s wait', async () => {
    const { error, calls } = await finalError([limited(4000), limited(2000), limited(7000)]);
    expect(calls).toBe(3);
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.message).toContain('Gave up after 3 attempts');
    expect(error.retryAfterMs).toBe(7000);
  });

  it('when the wait is too long to sit through, it is that wait', async () => {
    const { error, calls } = await finalError([limited(3_600_000)]);
    expect(calls).toBe(1);
    expect(error.retryAfterMs).toBe(3_600_000);
    expect(error.retryable).toBe(true);
  });

  it('is absent when the last answer named no wait', async () => {
    const { error } = await finalError([limited(4000), limited(4000), limited()]);
    expect(error.retryAfterMs).toBeUndefined();
    expect('retryAfterMs' in error).toBe(false);
  });

  it('survives the structured clone that Electron IPC applies to results', async () => {
    const { error } = await finalError([limited(1000), limited(1000), limited(1000)]);
    const crossed = structuredClone({ ok: false, error });
    expect(crossed.error.retryAfterMs).toBe(1000);
    expect(crossed).toEqual({ ok: false, error });
  });
});
