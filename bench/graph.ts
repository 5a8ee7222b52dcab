/**
 * The graph view in a real Chromium, with the app's own graph code (bench/graph/page.ts), on case
 * graphs of 1,000 / 5,000 / 20,000 nodes with ≈ 4 edges per node (bench/graph/shape.ts):
 *   first paint  from `cytoscape({ elements })` (positions from the fast first placement) to the
 *                first frame shown, canvas vs WebGL renderer (goal ≤ 1.5 s at 5,000 nodes)
 *   moving       frames per second over 2 s of dragging the background and of turning the wheel, with
 *                the app's gestures (graph/viewport-gestures.ts: the drawn picture moves, cytoscape
 *                draws once at the end) against the baseline of cytoscape's own, and the time from
 *                letting go to the new view drawn; cy.panBy every frame (a full redraw each time)
 *   layout       runLayout in its Web Worker: its duration and the longest UI-thread task meanwhile
 *                (goal: none over 100 ms), "re-layout" from scratch and a refinement of the picture;
 *                baseline: the same layout on the UI thread (1,000 nodes only — more takes too long)
 * Medians of the runs. Chromium is Debian's, headless, as in the end-to-end tests; its WebGL is
 * SwiftShader (software) here, which says nothing about a real GPU.
 *
 * Run: npx tsx bench/graph.ts [--quick] [--runs 3] [--sizes 1000,5000] [--canvas-only] [--paint-only]
 *      (--quick: 1,000 nodes only; --canvas-only: skip the WebGL rows, slow on software GL;
 *      --paint-only: first paint and panning, no layout runs)
 */
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, chromiumMissingReason } from '../tools/chromium';
import { argument, median } from './_args';

const ROOT = join(__dirname, '..');
/** The baseline and panBy are measured up to this size; see the table's note. */
const PAN_MAX_NODES = 5000;
type RendererName = 'canvas' | 'webgl';


const ms = (value: number): string => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`);
const load = (): string => loadavg().map((v) => v.toFixed(2)).join(' ');

/** One esbuild bundle, as ES module text (the page needs `import.meta.url` to find the worker). */
function bundle(entry: string): string {
  const [output] = buildSync({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    tsconfig: join(ROOT, 'tsconfig.web.json'),
  }).outputFiles;
  if (!output) throw new Error(`esbuild produced nothing for ${entry}`);
  return output.text;
}

interface Frames {
  fps: number;
  drawsPerSecond: number;
  /** From letting go (or the last wheel turn) to cytoscape's last drawing of the new view. */
  settleMs?: number;
}

interface Paint {
  placementMs: number;
  constructMs: number;
  paintMs: number;
  completeMs: number;
  longestTaskMs: number;
  edges: number;
  /** Whether the app's own gestures (viewport-gestures.ts) are on at this size. */
  gestures: boolean;
  panBy?: Frames;
  drag?: Frames;
  wheel?: Frames;
  /** The same drag and wheel with cytoscape's own panning and zooming (another page, same graph). */
  nativeDrag?: Frames;
  nativeWheel?: Frames;
  /** A click on a node: from the press to the node's tap (selection), app and baseline. */
  clickMs?: number;
  nativeClickMs?: number;
}

interface LayoutRun {
  ms: number;
  longestTaskMs: number;
  longTasks: number;
  positioned: number;
  quality: string;
}

async function main(): Promise<void> {
  const missing = chromiumMissingReason();
  if (missing) {
    console.log(`skipped: ${missing}`);
    return;
  }
  const quick = process.argv.includes('--quick');
  const runs = argument('runs', 3);
  const asked = process.argv[process.argv.indexOf('--sizes') + 1];
  const sizes = process.argv.includes('--sizes') && asked ? asked.split(',').map(Number) : quick ? [1000] : [1000, 5000, 20000];

  // The page imports layout.ts, whose `new URL('./layout.worker.ts', import.meta.url)` resolves
  // next to the page script: serve the worker, bundled on its own, at that address.
  const files: Record<string, string> = {
    '/bench.js': bundle(join(__dirname, 'graph/page.ts')),
    '/layout.worker.ts': bundle(join(ROOT, 'src/renderer/src/graph/layout.worker.ts')),
  };
  const server = createServer((request, response) => {
    const body = files[request.url ?? ''];
    if (body !== undefined) response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(body);
    else response.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><body style="margin:0"><script type="module" src="/bench.js"></script>');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;

  // Newer Chromium offers SwiftShader WebGL (no GPU here) only when asked to.
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_FLAGS, '--enable-unsafe-swiftshader'] });
  type Bench = { graphBench: Record<string, (...a: unknown[]) => Promise<unknown>> };
  const evaluate = async <T>(page: Page, name: string, ...args: unknown[]): Promise<T> =>
    (await page.evaluate(([n, a]) => (globalThis as unknown as Bench).graphBench[n as string]?.(...(a as unknown[])), [name, args] as const)) as T;
  /** Work in a fresh page (see page.ts), with the viewport the app's window would give. */
  const inPage = async <T>(work: (page: Page) => Promise<T>): Promise<T> => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(url);
      await page.waitForFunction(() => 'graphBench' in globalThis);
      return await work(page);
    } finally {
      await page.close();
    }
  };
  const call = <T>(name: string, ...args: unknown[]): Promise<T> => inPage((page) => evaluate<T>(page, name, ...args));
  /**
   * The analyst's way of panning: the mouse held down on the background and moved, which is when
   * cytoscape pans its viewport texture. It starts in a corner, inside the fit's 40 px padding, so
   * it grabs the background rather than a node.
   */
  const drag = async (page: Page, ms: number): Promise<Frames> => {
    await evaluate(page, 'startFrames');
    await page.mouse.move(10, 10);
    await page.mouse.down();
    const until = Date.now() + ms;
    for (let step = 0; Date.now() < until; step += 1) await page.mouse.move(10 + (step % 200), 10 + ((step >> 1) % 100));
    await page.mouse.up();
    const frames = await evaluate<Frames>(page, 'stopFrames');
    return { ...frames, settleMs: await evaluate<number>(page, 'settle') };
  };
  /** A click on a node near the middle: from the press to cytoscape's tap on it (selection). */
  const click = async (page: Page): Promise<number> => {
    await evaluate(page, 'idle');
    const at = await evaluate<{ x: number; y: number }>(page, 'nodeNearMiddle');
    await evaluate(page, 'armTap');
    await page.mouse.click(at.x, at.y);
    return evaluate<number>(page, 'tapMs');
  };
  /** The wheel turned in and out over the middle of the graph, a notch (100 px) at a time. */
  const wheel = async (page: Page, ms: number): Promise<Frames> => {
    await page.mouse.move(640, 400);
    await evaluate(page, 'startFrames');
    const until = Date.now() + ms;
    for (let step = 0; Date.now() < until; step += 1) await page.mouse.wheel(0, Math.floor(step / 8) % 2 ? 100 : -100);
    const frames = await evaluate<Frames>(page, 'stopFrames');
    return { ...frames, settleMs: await evaluate<number>(page, 'settle') };
  };
  const repeat = async <T>(times: number, work: (run: number) => Promise<T>): Promise<T[]> => {
    const results: T[] = [];
    for (let run = 0; run < times; run += 1) results.push(await work(run));
    return results;
  };

  try {
    const gl = await call<string | null>('webgl2');
    console.log(`Chromium ${browser.version()}, WebGL 2: ${gl ?? 'none (WebGL rows will fail)'}; load average ${load()}; medians of ${runs} runs unless noted`);

    // The first run of each size and renderer also pans (the graph is on screen already); a first
    // paint of 5,000 nodes or more takes seconds (tens with WebGL on SwiftShader): one run there.
    const paints = new Map<string, Paint[]>();
    for (const nodes of sizes) {
      for (const renderer of process.argv.includes('--canvas-only') ? (['canvas'] as const) : (['canvas', 'webgl'] as const)) {
        const times = nodes >= 5000 ? 1 : runs;
        const results = await repeat(times, (run) =>
          inPage(async (page) => {
            const paint = await evaluate<Paint>(page, 'firstPaint', nodes, renderer);
            if (run > 0) return paint;
            // panBy first, from the first view (its cost depends on how much is in view), then the
            // gestures. At 20,000 nodes one full redraw takes longer than the 2 s window: no panBy.
            const panned = nodes > PAN_MAX_NODES ? paint : { ...paint, panBy: await evaluate<Frames>(page, 'panBy', 2000) };
            return { ...panned, clickMs: await click(page), drag: await drag(page, 2000), wheel: await wheel(page, 2000) };
          }),
        );
        // The baseline: cytoscape's own gestures on the same graph (up to 5,000 nodes: beyond, each
        // step is a redraw of seconds).
        const first = results[0];
        if (first?.gestures && nodes <= PAN_MAX_NODES) {
          await inPage(async (page) => {
            await evaluate<Paint>(page, 'firstPaint', nodes, renderer, true);
            first.nativeClickMs = await click(page);
            first.nativeDrag = await drag(page, 2000);
            first.nativeWheel = await wheel(page, 2000);
          });
        }
        paints.set(`${nodes} ${renderer}`, results);
      }
    }
    const paintOf = (nodes: number, renderer: RendererName): Paint[] => paints.get(`${nodes} ${renderer}`) ?? [];
    const pick = (nodes: number, renderer: RendererName, key: 'placementMs' | 'constructMs' | 'paintMs' | 'completeMs' | 'longestTaskMs'): number =>
      median(paintOf(nodes, renderer).map((r) => r[key]));

    console.log('\nFirst paint: cytoscape(…) → first frame shown; positions from the fast first placement (GraphCanvas options and');
    console.log('the app style). Past PROGRESSIVE_EDGES (graph/progressive.ts) the nodes come first and the edges a chunk per frame: "painted" is');
    console.log('the first frame (every node), "all in" every edge drawn, "task" the longest UI-thread task until then.');
    console.log('  nodes   edges  placement   canvas: create / painted / all in / task     webgl: create / painted / all in / task');
    for (const nodes of sizes) {
      const cells = (renderer: RendererName): string =>
        [pick(nodes, renderer, 'constructMs'), pick(nodes, renderer, 'paintMs'), pick(nodes, renderer, 'completeMs'), pick(nodes, renderer, 'longestTaskMs')]
          .map((v) => ms(v).padStart(8))
          .join(' /');
      console.log(
        `  ${String(nodes).padStart(6)}  ${String(paintOf(nodes, 'canvas')[0]?.edges ?? '?').padStart(6)}  ${ms(pick(nodes, 'canvas', 'placementMs')).padStart(9)}` +
          `   ${cells('canvas')}   ${cells('webgl')}` +
          (nodes === 5000 ? '   (goal: painted ≤ 1.5 s; one run)' : nodes > 5000 ? '   (one run)' : ''),
      );
    }

    console.log('\nMoving the view for 2 s, one run: frames per second (cytoscape draws per second), then "settled": from letting go');
    console.log('(or the last wheel turn) to the last frame cytoscape draws of the new view. The app: above LARGE_GRAPH nodes the drawn');
    console.log('picture moves under the mouse (graph/viewport-gestures.ts) and cytoscape draws once at the end. Baseline: cytoscape\'s own');
    console.log('gestures (texture on viewport above 800 nodes, edges hidden above 2,000), same graph, another page. panBy: cy.panBy');
    console.log('every frame, a full redraw each time.');
    console.log('  nodes  renderer  drag: app (settled)        baseline (settled)         ratio   wheel: app (settled)       baseline (settled)         ratio   panBy');
    const frames = (f: Frames | undefined): string =>
      (f ? `${f.fps.toFixed(1)} (${f.drawsPerSecond.toFixed(1)})${f.settleMs !== undefined ? ` ${ms(f.settleMs)}` : ''}` : '—').padEnd(27);
    const ratio = (app: Frames | undefined, base: Frames | undefined): string => (app && base ? `${(app.fps / base.fps).toFixed(1)}×` : '—').padEnd(8);
    for (const nodes of sizes) {
      for (const renderer of ['canvas', 'webgl'] as const) {
        const first = paintOf(nodes, renderer)[0];
        if (!first?.drag) continue;
        console.log(
          `  ${String(nodes).padStart(6)}  ${renderer.padEnd(8)}  ${frames(first.drag)}${frames(first.nativeDrag)}${ratio(first.drag, first.nativeDrag)}` +
            `${frames(first.wheel)}${frames(first.nativeWheel)}${ratio(first.wheel, first.nativeWheel)}${first.panBy ? first.panBy.fps.toFixed(1) : '—'}` +
            (nodes === 5000 ? '   (goal ≥ 30 fps)' : ''),
        );
      }
    }
    if (sizes.some((size) => size > PAN_MAX_NODES)) console.log('  (20,000 nodes: no baseline or panBy — one full redraw takes longer than the 2 s window)');

    console.log('\nA click on a node near the middle: from the press to cytoscape\'s tap on it (the selection), app vs baseline. cytoscape');
    console.log('hit-tests every element on the press and again on the release; the app answers that from graph/hit-test.ts instead.');
    for (const nodes of sizes) {
      for (const renderer of ['canvas', 'webgl'] as const) {
        const first = paintOf(nodes, renderer)[0];
        if (first?.clickMs === undefined) continue;
        console.log(`  ${String(nodes).padStart(6)}  ${renderer.padEnd(8)}  ${ms(first.clickMs).padStart(8)}   baseline ${first.nativeClickMs === undefined ? '—' : ms(first.nativeClickMs)}`);
      }
    }

    if (process.argv.includes('--paint-only')) return;
    console.log('\nLayout: runLayout in its Web Worker; longest UI-thread task meanwhile (goal: none over 100 ms)');
    console.log('  nodes  quality  run                         duration   longest UI task  long tasks');
    const line = (nodes: number, what: string, results: LayoutRun[]): void => {
      console.log(
        `  ${String(nodes).padStart(6)}  ${(results[0]?.quality ?? '').padEnd(7)}  ${what.padEnd(26)} ${ms(median(results.map((r) => r.ms))).padStart(9)}` +
          `   ${ms(median(results.map((r) => r.longestTaskMs))).padStart(9)}  ${String(median(results.map((r) => r.longTasks))).padStart(8)}` +
          (results.length === 1 ? '   (one run)' : ''),
      );
    };
    for (const nodes of sizes) {
      // At 20,000 nodes a run is seconds to tens of seconds (fcose's spectral pass): once is enough.
      const layoutRuns = nodes > 5000 ? 1 : runs;
      line(nodes, 'worker, re-layout (fresh)', await repeat(layoutRuns, () => call<LayoutRun>('layoutInWorker', nodes, true)));
      line(nodes, 'worker, refine (stable)', await repeat(layoutRuns, () => call<LayoutRun>('layoutInWorker', nodes, false)));
      if (nodes === 1000) line(nodes, 'baseline: UI thread, fresh', await repeat(runs, () => call<LayoutRun>('layoutOnUiThread', nodes, true)));
    }
    console.log(`\nload average at the end ${load()}`);
  } finally {
    await browser.close();
    server.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
