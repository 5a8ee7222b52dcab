/**
 * A large graph on screen in steps: its nodes first, then its edges a chunk per frame. cytoscape
 * styles and measures every element before it draws its first frame; at 5,000 nodes and 20,000
 * edges that is seconds of a frozen window with nothing in it (bench/graph), most of them spent on
 * the edges. The nodes alone paint in about a second, and the edges then arrive over the next
 * frames while the window stays responsive.
 *
 * Used only to fill an empty canvas. Whoever applies the next view cancels the stream first and
 * lets its keyed diff (diff.ts) add whatever the stream had not added yet.
 */
import type { Core, ElementDefinition } from 'cytoscape';
import { isEdgeDefinition } from './diff';

/** More edges than this are streamed; fewer are added with the nodes, in one go. */
export const PROGRESSIVE_EDGES = 4000;
/**
 * Edges per step. Each step re-draws every edge already in, so small steps add up (bench/graph, 5,000
 * nodes: 2,000 a step → all in after 7.8 s; 5,000 → 5.1 s; all at once 4.6 s, frozen throughout).
 */
export const EDGE_CHUNK = 5000;
/** …and at most this many steps: the redraws grow with the edges in, so many steps cost more than they give. */
export const MAX_STEPS = 4;

export interface EdgeStream {
  /** Stops adding edges (those added stay). Idempotent. */
  cancel(): void;
  /** True once every edge is in; false when cancelled first. */
  readonly done: Promise<boolean>;
  /** Edges added so far. */
  added(): number;
}

/** Runs `step` after the next frame has been shown; returns a function that unschedules it. */
export type Schedule = (step: () => void) => () => void;

export const afterNextFrame: Schedule = (step) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // rAF runs before the frame is painted; the timeout after it runs once the frame is out.
  const frame = requestAnimationFrame(() => (timer = setTimeout(step, 0)));
  return () => {
    cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
  };
};

/** Adds every node now and the edges in chunks of `chunk` (or a quarter of them, if more), one per frame. */
export function addInSteps(cy: Core, elements: readonly ElementDefinition[], options: { chunk?: number; schedule?: Schedule } = {}): EdgeStream {
  const schedule = options.schedule ?? afterNextFrame;
  const nodes: ElementDefinition[] = [];
  const edges: ElementDefinition[] = [];
  for (const definition of elements) (isEdgeDefinition(definition) ? edges : nodes).push(definition);
  const chunk = Math.max(1, Math.floor(options.chunk ?? EDGE_CHUNK), Math.ceil(edges.length / MAX_STEPS));
  cy.batch(() => cy.add(nodes));

  let at = 0;
  let finished = false;
  let unschedule: (() => void) | null = null;
  let settle: (complete: boolean) => void = () => undefined;
  const done = new Promise<boolean>((resolve) => (settle = resolve));
  const finish = (complete: boolean): void => {
    if (finished) return;
    finished = true;
    unschedule?.();
    unschedule = null;
    settle(complete);
  };
  const step = (): void => {
    unschedule = null;
    if (finished) return;
    const part = edges.slice(at, at + chunk);
    at += part.length;
    cy.batch(() => cy.add(part));
    if (at < edges.length) unschedule = schedule(step);
    else finish(true);
  };
  if (edges.length === 0) finish(true);
  // The first chunk waits a frame more, so that cytoscape's own first draw — the nodes — comes first.
  else unschedule = schedule(() => (unschedule = schedule(step)));

  return { cancel: () => finish(false), done, added: () => at };
}
