/**
 * Layout for the graph view, as the issue asks: new nodes appear at once near their parent
 * (placeNear, seedPositions) without moving anything else; a force layout (fcose, see
 * layout-core.ts) runs on demand in a Web Worker — never on the UI thread — and leaves pinned nodes
 * where the analyst put them.
 */
import type { Point } from '@shared/case-file/types';
import { positionsOfFree, type LayoutQuality, type LayoutRequest, type LayoutResponse } from './layout-protocol';
import type { LayoutInput } from './seed-positions';

export { DEFAULT_CLEARANCE, DEFAULT_SPACING, placeNear, type PlaceNearOptions } from './place-near';
export { seedPositions, type LayoutEdge, type LayoutInput, type LayoutNode } from './seed-positions';
export type { LayoutQuality } from './layout-protocol';

/**
 * Up to this many nodes the full fcose (spectral + force phase) runs: measured in Node on graphs
 * with 4 edges per node, 200 nodes take ≈ 1–2 s and 500 nodes ≈ 5–7 s; 1,000 already take ≈ 30 s.
 * Larger graphs get the draft path (spectral + bounded spread): seconds even at 20,000 nodes.
 */
export const DEFAULT_QUALITY_MAX_NODES = 500;

/** Past this the worker is stopped and the run rejected (TimeoutError): a bound, not a target. */
export const DEFAULT_TIMEOUT_MS = 120_000;

export function qualityFor(nodeCount: number): LayoutQuality {
  return nodeCount <= DEFAULT_QUALITY_MAX_NODES ? 'default' : 'draft';
}

export interface RunLayoutOptions {
  /** Default: by size (qualityFor). */
  quality?: LayoutQuality;
  /** Aborting terminates the worker; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Place free nodes from scratch ("re-layout") instead of refining where they are. */
  fresh?: boolean;
  timeoutMs?: number;
}

const abortReason = (signal: AbortSignal): unknown => signal.reason ?? new DOMException('Layout cancelled', 'AbortError');

/**
 * Positions for the nodes that are not pinned (pinned = `fixed` with a position; those keep theirs).
 * Runs in a Web Worker where there is one; otherwise (unit tests) the same function in-process.
 */
export async function runLayout(input: LayoutInput, options: RunLayoutOptions = {}): Promise<Map<string, Point>> {
  const { signal } = options;
  if (signal?.aborted) throw abortReason(signal);
  // A plain copy: the caller's objects may be Vue proxies, which structured clone refuses.
  const plain: LayoutInput = {
    nodes: input.nodes.map((node) => ({ id: node.id, fixed: node.fixed, position: node.position ? { x: node.position.x, y: node.position.y } : null })),
    edges: input.edges.map((edge) => ({ source: edge.source, target: edge.target })),
  };
  const request: LayoutRequest = { input: plain, quality: options.quality ?? qualityFor(plain.nodes.length), fresh: options.fresh ?? false };
  if (typeof Worker === 'undefined') return runInProcess(request, signal);
  return runInWorker(request, signal, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
}

async function runInProcess(request: LayoutRequest, signal: AbortSignal | undefined): Promise<Map<string, Point>> {
  // Loaded only here, so fcose stays out of the UI bundle's start-up path.
  const { layoutAll } = await import('./layout-core');
  if (signal?.aborted) throw abortReason(signal);
  const positions = layoutAll(request.input, { quality: request.quality, fresh: request.fresh });
  if (signal?.aborted) throw abortReason(signal);
  return positionsOfFree(request.input, positions);
}

function runInWorker(request: LayoutRequest, signal: AbortSignal | undefined, timeoutMs: number): Promise<Map<string, Point>> {
  // This exact form lets Vite find the worker and bundle it as its own file (a module worker).
  const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<Map<string, Point>>((resolve, reject) => {
    const finish = (): void => {
      worker.terminate();
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      finish();
      reject(signal ? abortReason(signal) : new DOMException('Layout cancelled', 'AbortError'));
    };
    const timer = setTimeout(() => {
      finish();
      reject(new DOMException(`Layout took longer than ${timeoutMs} ms`, 'TimeoutError'));
    }, timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = (event: MessageEvent<LayoutResponse>) => {
      finish();
      const answer = event.data;
      if (answer.ok) resolve(positionsOfFree(request.input, answer.positions));
      else reject(new Error(`Layout failed: ${answer.message}`));
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      finish();
      reject(new Error(`Layout worker failed: ${event.message || 'could not start'}`));
    };
    worker.postMessage(request);
  });
}
