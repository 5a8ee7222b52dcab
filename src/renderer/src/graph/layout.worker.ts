/**
 * The layout's own thread: one request per worker (layout.ts starts a fresh worker per run and
 * terminates it to cancel, which is the only way to stop a synchronous fcose run). The answer is
 * the flat position array, transferred rather than copied.
 */
import { layoutAll } from './layout-core';
import type { LayoutRequest, LayoutResponse } from './layout-protocol';

// A dedicated worker's global scope, typed by hand: tsconfig.web.json carries the DOM lib, not WebWorker.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: LayoutResponse, transfer: Transferable[]): void;
};

scope.onmessage = (event) => {
  const { input, quality, fresh } = event.data;
  try {
    const positions = layoutAll(input, { quality, fresh });
    scope.postMessage({ ok: true, positions }, [positions.buffer]);
  } catch (error) {
    scope.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) }, []);
  }
};
