/**
 * The queue's `quotaSpent` option: an answer whose LicenseInfo says today's quota is used up stops
 * the run like QUOTA_EXCEEDED does, without spending a request to be refused.
 */
import { describe, expect, it } from 'vitest';
import type { Result } from '../../src/shared/ipc/result';
import { createLookupQueue } from '../../src/shared/lookups/queue';

interface Answer {
  item: string;
  used: number;
  quota: number;
}

/** Each run answers at once, counting requests against a quota of `quota`. */
function countingTip(quota: number) {
  const sent: string[] = [];
  const run = async (item: string): Promise<Result<Answer>> => {
    sent.push(item);
    return { ok: true, value: { item, used: sent.length, quota } };
  };
  return { sent, run };
}

describe('quotaSpent', () => {
  it('sends nothing after the answer that used the last request; waiting rows become skipped', async () => {
    const tip = countingTip(3);
    const queue = createLookupQueue<string, Answer>({
      concurrency: 1,
      run: tip.run,
      quotaSpent: (answer) => answer.used >= answer.quota,
    });
    queue.add(['a', 'b', 'c', 'd', 'e']);
    const final = await queue.done;
    expect(tip.sent).toEqual(['a', 'b', 'c']);
    expect(final.rows.map((row) => row.status)).toEqual(['done', 'done', 'done', 'skipped', 'skipped']);
    expect(final.stopped).toBe('quota');
    const skipped = final.rows[3];
    expect(skipped?.status === 'skipped' ? skipped.error.code : null).toBe('QUOTA_EXCEEDED');
  });

  it('lets runs already in flight finish', async () => {
    const sent: string[] = [];
    const queue = createLookupQueue<string, Answer>({
      concurrency: 3,
      run: async (item) => {
        sent.push(item);
        // The first answer says the quota is spent; the two started alongside it still count.
        await Promise.resolve();
        return { ok: true, value: { item, used: item === 'a' ? 10 : 1, quota: 10 } };
      },
      quotaSpent: (answer) => answer.used >= answer.quota,
    });
    queue.add(['a', 'b', 'c', 'd', 'e']);
    const final = await queue.done;
    expect(sent).toEqual(['a', 'b', 'c']);
    expect(final.counts).toMatchObject({ done: 3, skipped: 2 });
  });

  it('is only a stop signal: without it, or when it throws, the queue runs every row', async () => {
    for (const quotaSpent of [undefined, (): boolean => { throw new Error('observer bug'); }]) {
      const tip = countingTip(1);
      const queue = createLookupQueue<string, Answer>({ concurrency: 2, run: tip.run, ...(quotaSpent ? { quotaSpent } : {}) });
      queue.add(['a', 'b', 'c']);
      const final = await queue.done;
      expect(final.counts.done).toBe(3);
      expect(final.stopped).toBeNull();
    }
  });

  it('retryFailed() after a quota stop sends the skipped rows', async () => {
    let quota = 1;
    const sent: string[] = [];
    const queue = createLookupQueue<string, Answer>({
      concurrency: 1,
      run: async (item) => {
        sent.push(item);
        return { ok: true, value: { item, used: sent.length, quota } };
      },
      quotaSpent: (answer) => answer.used >= answer.quota,
    });
    queue.add(['a', 'b']);
    expect((await queue.done).counts.skipped).toBe(1);
    quota = 100; // the next day
    expect(queue.retryFailed()).toBe(1);
    expect((await queue.done).counts.done).toBe(2);
    expect(sent).toEqual(['a', 'b']);
  });
});
