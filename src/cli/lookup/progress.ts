/**
 * A one-line progress bar on standard error, drawn only when standard error is a terminal (never
 * into a log file or a pipe). Rows printed to the same terminal clear it first; it is redrawn on
 * the next change, at most every 100 ms.
 */
import type { OutStream } from '../io';

export interface ProgressState {
  total: number;
  finished: number;
  failed: number;
  /** Clock ms until which TIP asked to wait, or null. */
  pausedUntil: number | null;
}

export function progressLine(state: ProgressState, now: number, width = 24): string {
  const share = state.total === 0 ? 1 : state.finished / state.total;
  const filled = Math.round(share * width);
  const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
  const failed = state.failed > 0 ? `  ${state.failed} failed` : '';
  const paused = state.pausedUntil !== null && state.pausedUntil > now ? `  TIP asked to slow down: resuming in ${Math.ceil((state.pausedUntil - now) / 1000)} s` : '';
  return `[${bar}] ${state.finished}/${state.total}${failed}${paused}`;
}

export interface Progress {
  update(state: ProgressState): void;
  /** Wipes the line (before other output, and at the end). */
  clear(): void;
}

export function createProgress(stderr: OutStream, now: () => number = Date.now): Progress {
  if (!stderr.isTTY) return { update: () => undefined, clear: () => undefined };
  let shown = false;
  let drawnAt = 0;
  return {
    update(state) {
      const at = now();
      if (shown && at - drawnAt < 100 && state.finished < state.total) return;
      drawnAt = at;
      stderr.write(`\r\x1b[K${progressLine(state, at)}`);
      shown = true;
    },
    clear() {
      if (!shown) return;
      stderr.write('\r\x1b[K');
      shown = false;
    },
  };
}
