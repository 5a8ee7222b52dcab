/**
 * Time for the queue, injected so tests run on a fake clock (no real waiting) and so the renderer
 * and the command line can share one implementation. The default reads `Date.now` and sleeps on the
 * runtime's global `setTimeout`, which Node, Chromium and Electron all have.
 */
import type { QueueSignal } from './abort';

export interface QueueClock {
  /** Milliseconds on the same scale as `pausedUntil` in snapshots (wall clock by default). */
  now(): number;
  /** Resolves true after `ms`, or false as soon as `signal` aborts. Must not reject. */
  sleep(ms: number, signal?: QueueSignal): Promise<boolean>;
}

// Module-local declarations of the runtime's timer globals (no DOM or Node types in src/shared).
declare function setTimeout(callback: () => void, ms: number): unknown;
declare function clearTimeout(handle: unknown): void;

export const systemClock: QueueClock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    if (signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const settle = (slept: boolean): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(slept);
      };
      const onAbort = (): void => settle(false);
      const timer = setTimeout(() => settle(true), Math.max(0, ms));
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};
