/**
 * The in-page half of bench/graph.ts: runs in Chromium with the app's own graph code — its
 * element mapping and style (graph/elements.ts), the cytoscape options GraphCanvas.vue uses, the
 * fast first placement and runLayout with its Web Worker. Each measurement gets a fresh page (the
 * runner opens one per call): cytoscape's WebGL mode changes a renderer prototype for the whole
 * page, and a graph of 20,000 nodes is best not left behind for the next one.
 */
import cytoscape from 'cytoscape';
import { canvasOptions, LARGE_GRAPH, viewportFor, WHEEL_SENSITIVITY } from '@renderer/graph/canvas-options';
import { isEdgeDefinition } from '@renderer/graph/diff';
import { graphStyle, toElements } from '@renderer/graph/elements';
import { addInSteps, PROGRESSIVE_EDGES } from '@renderer/graph/progressive';
import { qualityFor, runLayout, seedPositions, type LayoutInput } from '@renderer/graph/layout';
import { layoutAll } from '@renderer/graph/layout-core';
import { viewportGestures, type ViewportGestures } from '@renderer/graph/viewport-gestures';
import { makeGraph } from './shape';

type RendererName = 'canvas' | 'webgl';

const frame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Frames cytoscape has drawn: its render loop counts them (no `render` event in WebGL mode). */
const redraws = (cy: cytoscape.Core): number => (cy as unknown as { renderer(): { redrawCount?: number } }).renderer().redrawCount ?? 0;

/** Resolves once cytoscape has drawn a frame and the browser has had the next frame to show it. */
async function painted(cy: cytoscape.Core): Promise<void> {
  while (redraws(cy) < 1) await frame();
  await frame();
}

interface Shown {
  cy: cytoscape.Core;
  gestures: ViewportGestures;
  placementMs: number;
  constructMs: number;
  /** The first frame shown: every node (and, below PROGRESSIVE_EDGES, every edge). */
  paintMs: number;
  /** Every edge in and drawn. */
  completeMs: number;
  /** The longest UI-thread task from cytoscape(…) to complete. */
  longestTaskMs: number;
}

/** The graph placed by the fast first placement, then drawn: the timer starts at `cytoscape(…)`. */
async function show(nodeCount: number, renderer: RendererName, native: boolean): Promise<Shown> {
  const graph = makeGraph(nodeCount);
  const placeStart = performance.now();
  const seeded = seedPositions(graph.layout);
  const placementMs = performance.now() - placeStart;
  graph.view.nodes.forEach((node, i) => (node.position = seeded[i] ?? null));
  const elements = toElements(graph.view);
  const container = document.createElement('div');
  container.style.cssText = 'position:absolute;inset:0;width:1280px;height:800px';
  document.body.append(container);

  const progressive = elements.filter(isEdgeDefinition).length > PROGRESSIVE_EDGES;
  const watch = longTasks();
  const start = performance.now();
  // Exactly as GraphCanvas.vue sets it up: the same options, style and first view — and, past
  // PROGRESSIVE_EDGES, the nodes first and the edges a chunk per frame.
  const cy = cytoscape({
    container,
    elements: progressive ? [] : elements,
    style: graphStyle('light', { large: nodeCount > LARGE_GRAPH }),
    ...canvasOptions(nodeCount, renderer),
  });
  const stream = progressive ? addInSteps(cy, elements) : null;
  // As GraphCanvas: the picture moves under the mouse for large graphs (viewport-gestures.ts);
  // `native` leaves panning and zooming to cytoscape itself, the baseline.
  const gestures = viewportGestures(cy, container, { wheelSensitivity: WHEEL_SENSITIVITY });
  gestures.setEnabled(!native && nodeCount > LARGE_GRAPH);
  cy.viewport(viewportFor(seeded.filter((p): p is NonNullable<typeof p> => p !== null), cy.width(), cy.height()));
  const constructMs = performance.now() - start;
  await painted(cy);
  const paintMs = performance.now() - start;
  let completeMs = paintMs;
  if (stream) {
    await stream.done;
    const drawn = redraws(cy);
    while (redraws(cy) <= drawn) await frame();
    await frame();
    completeMs = performance.now() - start;
  }
  const longestTaskMs = await watch.stop(start);
  return { cy, gestures, placementMs, constructMs, paintMs, completeMs, longestTaskMs };
}

/** Long tasks (≥ 50 ms) from now until `stop`, which returns the longest that ended after `since`. */
function longTasks(): { stop(since: number): Promise<number> } {
  const tasks: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
  observer.observe({ type: 'longtask', buffered: false });
  return {
    async stop(since) {
      await frame();
      await sleep(100);
      tasks.push(...observer.takeRecords());
      observer.disconnect();
      return Math.max(0, ...tasks.filter((task) => task.startTime + task.duration >= since).map((task) => task.duration));
    },
  };
}

interface Paint {
  gestures: boolean;
  placementMs: number;
  constructMs: number;
  paintMs: number;
  completeMs: number;
  longestTaskMs: number;
  edges: number;
}

interface Frames {
  fps: number;
  drawsPerSecond: number;
}

/** The graph on screen between calls (one per page), for the panning measurements after a first paint. */
let shown: cytoscape.Core | null = null;
let shownGestures: ViewportGestures | null = null;

async function firstPaint(nodeCount: number, renderer: RendererName, native = false): Promise<Paint> {
  shownGestures?.destroy();
  shown?.destroy();
  const { cy, gestures, ...times } = await show(nodeCount, renderer, native);
  shown = cy;
  shownGestures = gestures;
  return { ...times, edges: cy.edges().length, gestures: gestures.enabled };
}

/** When the mouse button was last let go or the wheel last turned. */
let lastInput = 0;
for (const type of ['mouseup', 'wheel']) addEventListener(type, () => (lastInput = performance.now()), { capture: true, passive: true });

/**
 * Milliseconds from the last input to the frame in which cytoscape has drawn the view it left:
 * the transform is off (viewport-gestures.ts) and, with cytoscape's own gestures, a draw with
 * every edge (hidden while the view moved) is done.
 */
async function settle(): Promise<number> {
  const cy = shown;
  if (!cy) throw new Error('nothing shown');
  while (shownGestures?.moving) await frame();
  // cytoscape redraws once more after its own gestures (wheel: 150 ms later), then stays idle.
  await idle();
  return lastDraw(cy) - lastInput;
}

/** Resolves once cytoscape has drawn nothing for ten frames in a row. */
async function idle(): Promise<void> {
  const cy = shown;
  if (!cy) throw new Error('nothing shown');
  let drawn = redraws(cy);
  let still = 0;
  while (still < 10) {
    await frame();
    const now = redraws(cy);
    still = now === drawn ? still + 1 : 0;
    drawn = now;
  }
}

/** When the mouse button last went down. */
let lastPress = 0;
addEventListener('mousedown', () => (lastPress = performance.now()), { capture: true, passive: true });

/** Where on the page a node near the middle of the view is drawn (the runner clicks there). */
function nodeNearMiddle(): { x: number; y: number } {
  const cy = shown;
  if (!cy) throw new Error('nothing shown');
  const middle = { x: cy.width() / 2, y: cy.height() / 2 };
  let best: { x: number; y: number } | null = null;
  let distance = Infinity;
  cy.nodes().forEach((node) => {
    const at = node.renderedPosition();
    const d = (at.x - middle.x) ** 2 + (at.y - middle.y) ** 2;
    if (d < distance) [best, distance] = [at, d];
  });
  if (!best) throw new Error('no node');
  return best;
}

/** Resolves with the milliseconds from the last press to cytoscape's `tap` on a node. */
function nextNodeTap(): Promise<number> {
  const cy = shown;
  if (!cy) throw new Error('nothing shown');
  return new Promise((resolve) => cy.one('tap', 'node', () => resolve(performance.now() - lastPress)));
}
let tapped: Promise<number> | null = null;
const armTap = (): void => void (tapped = nextNodeTap());
const tapMs = (): Promise<number> | null => tapped;

/** When cytoscape last finished drawing. */
const lastDraw = (cy: cytoscape.Core): number => (cy as unknown as { renderer(): { lastDrawTime?: number } }).renderer().lastDrawTime ?? performance.now();

/** Counts animation frames and cytoscape's draws from `startFrames` to `stopFrames`. */
let counting: { start: number; frames: number; draws: number; stop: boolean } | null = null;

async function startFrames(): Promise<void> {
  const cy = shown;
  if (!cy) throw new Error('nothing shown');
  await sleep(200);
  const state = { start: await frame(), frames: 0, draws: redraws(cy), stop: false };
  counting = state;
  const tick = (): void => {
    if (state.stop) return;
    state.frames += 1;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

function stopFrames(): Frames {
  const cy = shown;
  const state = counting;
  if (!cy || !state) throw new Error('not counting');
  state.stop = true;
  counting = null;
  const seconds = (performance.now() - state.start) / 1000;
  return { fps: state.frames / seconds, drawsPerSecond: (redraws(cy) - state.draws) / seconds };
}

/**
 * Programmatic panning: cy.panBy every animation frame. cytoscape treats this as a plain viewport
 * change — textureOnViewport and hideEdgesOnViewport only apply while the user drags, pinches or
 * wheels (drawing-redraw.mjs: textureDraw, vpManip) — so every frame is a full redraw.
 */
async function panBy(ms: number): Promise<Frames> {
  const cy = shown;
  if (!cy) throw new Error('nothing shown');
  await startFrames();
  const until = performance.now() + ms;
  while (performance.now() < until) {
    cy.panBy({ x: 3, y: 2 });
    await frame();
  }
  return stopFrames();
}

/** Records long tasks (≥ 50 ms, Chromium's definition) while `work` runs on or off this thread. */
async function withLongTasks<T>(work: () => Promise<T> | T): Promise<{ value: T; ms: number; longest: number; count: number }> {
  const tasks: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
  observer.observe({ type: 'longtask', buffered: false });
  await sleep(50);
  const start = performance.now();
  const value = await work();
  const end = performance.now();
  // Entries arrive after their task ends: give them a frame and a moment before reading.
  await frame();
  await sleep(100);
  tasks.push(...observer.takeRecords());
  observer.disconnect();
  const during = tasks.filter((task) => task.startTime + task.duration >= start && task.startTime <= end);
  return { value, ms: end - start, longest: Math.max(0, ...during.map((task) => task.duration)), count: during.length };
}

/** The graph with every node placed by the fast first placement, as the app holds it. */
function placedInput(nodeCount: number): LayoutInput {
  const { layout } = makeGraph(nodeCount);
  const seeded = seedPositions(layout);
  return { nodes: layout.nodes.map((node, i) => ({ ...node, position: seeded[i] ?? null })), edges: layout.edges };
}

interface LayoutRun {
  ms: number;
  longestTaskMs: number;
  longTasks: number;
  positioned: number;
  quality: string;
}

/** runLayout as the app calls it (a Web Worker); `fresh` = "Re-layout" from scratch, else a refinement. */
async function layoutInWorker(nodeCount: number, fresh: boolean): Promise<LayoutRun> {
  const input = placedInput(nodeCount);
  const quality = qualityFor(nodeCount);
  const run = await withLongTasks(() => runLayout(input, { quality, fresh, timeoutMs: 600_000 }));
  return { ms: run.ms, longestTaskMs: run.longest, longTasks: run.count, positioned: run.value.size, quality };
}

/** The baseline: the very same layout function called on this (the UI) thread. */
async function layoutOnUiThread(nodeCount: number, fresh: boolean): Promise<LayoutRun> {
  const input = placedInput(nodeCount);
  const quality = qualityFor(nodeCount);
  // Its own task, started from a timer, so the long-task entry measures the layout alone.
  const run = await withLongTasks(() => new Promise<Float64Array>((resolve) => setTimeout(() => resolve(layoutAll(input, { quality, fresh })), 0)));
  return { ms: run.ms, longestTaskMs: run.longest, longTasks: run.count, positioned: run.value.length / 2, quality };
}

/** Whether this Chromium gives a page WebGL 2 at all (cytoscape's WebGL mode needs it). */
function webgl2(): string | null {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return null;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'webgl2';
}

(globalThis as unknown as { graphBench: unknown }).graphBench = { firstPaint, settle, idle, nodeNearMiddle, armTap, tapMs, startFrames, stopFrames, panBy, layoutInWorker, layoutOnUiThread, webgl2 };
