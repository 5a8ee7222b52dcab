/**
 * The layout itself, as one synchronous function: headless cytoscape + fcose, plus the bounded
 * spread for large graphs. layout.worker.ts runs it off the UI thread; layout.ts calls it in-process
 * only where there is no Worker (unit tests in happy-dom). Nothing here touches the DOM.
 *
 * Two paths, chosen by `quality` (layout.ts picks it by size, see qualityFor):
 * - 'default' (small graphs): fcose spectral + force phase; pinned nodes go in as
 *   fixedNodeConstraint; when most nodes already have positions it starts from them
 *   (randomize: false), so a re-run refines the picture instead of replacing it.
 * - 'draft' (large graphs): fcose's spectral placement (seconds, where the force phase would take
 *   minutes), fitted into the picture (draft-fit.ts), then spread.ts. When most nodes already have
 *   positions (and not `fresh`), no spectral run at all (an fcose draft cannot start from
 *   positions): the nodes without one get the fast first placement, and a short spread refines the
 *   whole picture from there, so it stays recognisable. `fresh` lays it out anew.
 */
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import type { FcoseLayoutOptions } from 'cytoscape-fcose';
import type { Point } from '@shared/case-file/types';
import { isPinned, positionsOfFree, type LayoutQuality } from './layout-protocol';
import { fitDraft } from './draft-fit';
import { DEFAULT_SPACING } from './place-near';
import { adjacency, seedPositions, type LayoutInput } from './seed-positions';
import { spread } from './spread';

export type { LayoutEdge, LayoutInput, LayoutNode } from './seed-positions';
export type { LayoutQuality } from './layout-protocol';

export interface LayoutCoreOptions {
  quality: LayoutQuality;
  /** Ignore where free nodes are now (a re-layout from scratch); pinned nodes still stay. */
  fresh?: boolean;
}

/** Node size the layout assumes: cytoscape's default node (30 px), which the graph view keeps. */
const NODE_SIZE = 30;
/**
 * fcose's default force phase; its real bound is max(5 × nodes, numIter) iterations, so with the
 * 'default' path limited to small graphs (qualityFor) this caps it at 2,500 iterations.
 */
const DEFAULT_NUM_ITER = 2500;
/**
 * Spread steps on the 'draft' path: each is linear in nodes + edges (measured in Node on the bench
 * graphs: ≈ 20 ms at 5,000 nodes, ≈ 70 ms at 20,000, so ≈ 1 s and ≈ 5 s in all).
 */
const SPREAD_ITERATIONS = 60;
/** Fewer on an existing picture: a refinement, each node moves a little (≤ ≈ 3 spacings by springs). */
const SPREAD_ITERATIONS_INCREMENTAL = 25;

let registered = false;
function ensureFcose(): void {
  if (registered) return;
  cytoscape.use(fcose);
  registered = true;
}

/** Starting from the current positions keeps the picture stable; from mostly nothing, start afresh. */
function mostlyPlaced(input: LayoutInput): boolean {
  const placed = input.nodes.filter((node) => node.position).length;
  return placed * 2 >= input.nodes.length;
}

/**
 * Positions of every node after the layout, in input order (pinned nodes at their own positions).
 * Returned as one flat [x0, y0, x1, y1, …] array so the worker can transfer it without copying.
 */
export function layoutAll(input: LayoutInput, options: LayoutCoreOptions): Float64Array {
  const n = input.nodes.length;
  const out = new Float64Array(n * 2);
  if (n === 0) return out;
  const incremental = !options.fresh && mostlyPlaced(input);
  // Only a refinement starts from the first placement. A layout from scratch (spectral, or fcose
  // with randomize) ignores start positions but for their centre: pinned nodes keep theirs, the
  // rest start on the centre of what is placed — seeding 20,000 nodes would be wasted seconds.
  const start = incremental ? seedPositions(input) : startFromScratch(input, options.fresh ?? false);
  const xs = Float64Array.from(start, (p) => p.x);
  const ys = Float64Array.from(start, (p) => p.y);
  const fixed = Uint8Array.from(input.nodes, (node) => (isPinned(node) ? 1 : 0));
  const { pairs } = adjacency(input);

  if (options.quality === 'default') {
    runFcose(input, xs, ys, { quality: 'default', randomize: !incremental });
  } else if (incremental) {
    // A refinement of the current picture, not a new one: springs and overlap passes from where the
    // nodes are (newcomers from their first placement), few enough steps that nothing travels far.
    spread(xs, ys, pairs, fixed, { spacing: DEFAULT_SPACING, iterations: SPREAD_ITERATIONS_INCREMENTAL, settle: false });
  } else {
    runFcose(input, xs, ys, { quality: 'draft', randomize: true });
    const anchors = input.nodes.flatMap((node, index) => (isPinned(node) && node.position ? [{ index, to: node.position }] : []));
    fitDraft(xs, ys, anchors, centreOf(start), DEFAULT_SPACING);
    spread(xs, ys, pairs, fixed, { spacing: DEFAULT_SPACING, iterations: SPREAD_ITERATIONS });
  }

  input.nodes.forEach((node, i) => {
    const pinned = isPinned(node) && node.position ? node.position : null;
    out[2 * i] = pinned ? pinned.x : (xs[i] ?? 0);
    out[2 * i + 1] = pinned ? pinned.y : (ys[i] ?? 0);
  });
  return out;
}

/** Positions for the nodes that are not pinned: what a caller applies. */
export function computeLayout(input: LayoutInput, options: LayoutCoreOptions): Map<string, Point> {
  return positionsOfFree(input, layoutAll(input, options));
}

/** One fcose run on a headless cytoscape holding the graph at xs/ys; writes the result back. */
function runFcose(input: LayoutInput, xs: Float64Array, ys: Float64Array, pass: { quality: LayoutQuality; randomize: boolean }): void {
  ensureFcose();
  const { index, pairs } = adjacency(input);
  const elements: cytoscape.ElementDefinition[] = input.nodes.map((node, i) => ({
    group: 'nodes',
    data: { id: node.id },
    position: { x: xs[i] ?? 0, y: ys[i] ?? 0 },
  }));
  for (let e = 0; e < pairs.length; e += 2) {
    const source = input.nodes[pairs[e] ?? 0]?.id;
    const target = input.nodes[pairs[e + 1] ?? 0]?.id;
    if (source && target) elements.push({ group: 'edges', data: { id: `e${e / 2}`, source, target } });
  }
  // Headless still needs a style: fcose reads node sizes (and `display`) through it.
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    elements,
    style: [{ selector: 'node', style: { width: NODE_SIZE, height: NODE_SIZE } }],
  });
  try {
    // Only the force phase honours constraints; fcose's spectral draft ignores them.
    const fixedNodeConstraint =
      pass.quality === 'default'
        ? input.nodes.flatMap((node) => (isPinned(node) && node.position ? [{ nodeId: node.id, position: { ...node.position } }] : []))
        : [];
    const layout: FcoseLayoutOptions = {
      name: 'fcose',
      quality: pass.quality,
      randomize: pass.randomize,
      animate: false,
      fit: false,
      numIter: DEFAULT_NUM_ITER,
      // fcose drops an empty constraint list itself; undefined keeps tiling on when nothing is pinned.
      fixedNodeConstraint: fixedNodeConstraint.length ? fixedNodeConstraint : undefined,
    };
    cy.layout(layout).run();
    cy.nodes().forEach((node) => {
      // Pinned nodes too: the draft's fit needs where the spectral placement put them (layoutAll
      // writes their own positions back at the end).
      const i = index.get(node.id());
      if (i === undefined) return;
      const p = node.position();
      if (Number.isFinite(p.x) && Number.isFinite(p.y)) {
        xs[i] = p.x;
        ys[i] = p.y;
      }
    });
  } finally {
    cy.destroy();
  }
}

function centreOf(points: Point[]): Point {
  const sum = points.reduce((acc, p) => ({ x: acc.x + p.x, y: acc.y + p.y }), { x: 0, y: 0 });
  return points.length ? { x: sum.x / points.length, y: sum.y / points.length } : sum;
}

/** Pinned nodes where they are, every other node on the centre of the placed ones (or the origin). */
function startFromScratch(input: LayoutInput, fresh: boolean): Point[] {
  const kept = input.nodes.filter((node) => node.position && (isPinned(node) || !fresh)).map((node) => node.position as Point);
  const centre = centreOf(kept);
  return input.nodes.map((node) => (isPinned(node) && node.position ? { ...node.position } : { ...centre }));
}
