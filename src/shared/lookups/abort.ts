/**
 * The abort signal the queue hands to each lookup. src/shared is compiled without DOM or Node types
 * (tsconfig.shared.json), yet every runtime it runs in — Node, Chromium, Electron — has a global
 * `AbortController`. Where the compiler knows the real `AbortSignal` (main, renderer, tests) the
 * queue's signal *is* that type, so a `run` can pass it straight to `fetch` or the TIP client; in
 * the shared build it falls back to the few members the queue itself uses.
 */

/** What the queue relies on when no platform type is known. */
interface MinimalAbortSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

// The same conditional @types/node uses: pick the platform's own type when the global exists.
export type QueueSignal = typeof globalThis extends { AbortSignal: { prototype: infer S } } ? S : MinimalAbortSignal;

export interface QueueAbortController {
  readonly signal: QueueSignal;
  abort(): void;
}

// Module-local: declares the runtime global for this file only (see validate.ts for the same idea).
declare const AbortController: new () => QueueAbortController;

export function createAbortController(): QueueAbortController {
  return new AbortController();
}
