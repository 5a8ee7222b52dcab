/**
 * The graph view in a real Chromium, with the app's own graph code (bench/graph/page.ts), on case
 * graphs of 1,000 / 5,000 / 20,000 nodes with ≈ 4 edges per node (bench/graph/shape.ts):
 *   first paint  from `cytoscape({ elements })` (positions from the fast first placement) to the
 *                first frame shown, canvas vs WebGL renderer (goal ≤ 1.5 s at 5,000 nodes)
 *   panning      frames per second while panning every frame for 2 s, canvas vs WebGL
 *   layout       runLayout in its Web Worker: its duration and the longest UI-thread task meanwhile
 *                (goal: none over 100 ms), "re-layout" from scratch and a refinement of the picture;
 *                baseline: the same layout on the UI thread (1,000 nodes only — more takes too long)
 * Medians of the runs. Chromium is Debian's, headless, as in the end-to-end tests; its WebGL is
 * SwiftShader (software) here, which says nothing about a real GPU.
 *
 * Run: npx tsx bench/graph.ts [--quick] [--runs 3]     (--quick: 1,000 nodes only)
 */
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, chromiumMissingReason } from '../tools/chromium';

const ROOT = join(__dirname, '..');
type RendererName = 'canvas' | 'webgl';

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : NaN;
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};
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
  const sizes = quick ? [1000] : [1000, 5000, 20000];

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
  /** Each call in a fresh page (see page.ts), with the viewport the app's window would give. */
  const call = async <T>(name: string, ...args: unknown[]): Promise<T> => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(url);
      await page.waitForFunction(() => 'graphBench' in globalThis);
      type Bench = { graphBench: Record<string, (...a: unknown[]) => Promise<unknown>> };
      return (await page.evaluate(([n, a]) => (globalThis as unknown as Bench).graphBench[n as string]?.(...(a as unknown[])), [name, args] as const)) as T;
    } finally {
      await page.close();
    }
  };
  const repeat = async <T>(times: number, work: (run: number) => Promise<T>): Promise<T[]> => {
    const results: T[] = [];
    for (let run = 0; run < times; run += 1) results.push(await work(run));
    return results;
  };

  try {
    const gl = await call<string | null>('webgl2');
    console.log(`Chromium ${browser.version()}, WebGL 2: ${gl ?? 'none (WebGL rows will fail)'}; load average ${load()}; medians of ${runs} runs unless noted`);

    // The first run of each size and renderer also pans (see page.ts), so a 20,000-node graph is built
    // once per renderer for both numbers; 20,000 nodes take long enough to build that one run is it.
    type Paint = { placementMs: number; constructMs: number; paintMs: number; edges: number; pan?: { fps: number; drawsPerSecond: number } };
    const paints = new Map<string, Paint[]>();
    for (const nodes of sizes) {
      for (const renderer of ['canvas', 'webgl'] as const) {
        const times = nodes > 5000 ? 1 : runs;
        paints.set(`${nodes} ${renderer}`, await repeat(times, (run) => call<Paint>('firstPaint', nodes, renderer, run === 0 ? 2000 : 0)));
      }
    }
    const paintOf = (nodes: number, renderer: RendererName): Paint[] => paints.get(`${nodes} ${renderer}`) ?? [];
    const pick = (nodes: number, renderer: RendererName, key: 'placementMs' | 'constructMs' | 'paintMs'): number => median(paintOf(nodes, renderer).map((r) => r[key]));

    console.log('\nFirst paint: cytoscape({ elements }) → first frame shown; positions from the fast first placement');
    console.log('(GraphCanvas options and the app style; "create" includes the preset layout\'s fit, which measures every element)');
    console.log('  nodes   edges  placement   canvas: create / painted   webgl: create / painted');
    for (const nodes of sizes) {
      console.log(
        `  ${String(nodes).padStart(6)}  ${String(paintOf(nodes, 'canvas')[0]?.edges ?? '?').padStart(6)}  ${ms(pick(nodes, 'canvas', 'placementMs')).padStart(9)}` +
          `   ${ms(pick(nodes, 'canvas', 'constructMs')).padStart(8)} / ${ms(pick(nodes, 'canvas', 'paintMs')).padStart(8)}` +
          `          ${ms(pick(nodes, 'webgl', 'constructMs')).padStart(8)} / ${ms(pick(nodes, 'webgl', 'paintMs')).padStart(8)}` +
          (nodes > 5000 ? '   (one run)' : nodes === 5000 ? '   (goal ≤ 1.5 s)' : ''),
      );
    }

    console.log('\nPanning: cy.panBy every animation frame for 2 s (texture on viewport above 800 nodes, edges hidden while panning above 5,000), one run');
    console.log('  nodes   canvas fps (draws/s)   webgl fps (draws/s)');
    for (const nodes of sizes) {
      const fps = (renderer: RendererName): string => {
        const pan = paintOf(nodes, renderer)[0]?.pan;
        return pan ? `${pan.fps.toFixed(1).padStart(6)} (${pan.drawsPerSecond.toFixed(1)})` : '     ?';
      };
      console.log(`  ${String(nodes).padStart(6)}   ${fps('canvas').padEnd(20)}   ${fps('webgl')}${nodes === 5000 ? '   (goal ≥ 30 fps)' : ''}`);
    }

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
      // From scratch at 20,000 nodes is tens of seconds of fcose's spectral pass: once is enough.
      const freshRuns = nodes > 5000 ? 1 : runs;
      line(nodes, 'worker, re-layout (fresh)', await repeat(freshRuns, () => call<LayoutRun>('layoutInWorker', nodes, true)));
      line(nodes, 'worker, refine (stable)', await repeat(runs, () => call<LayoutRun>('layoutInWorker', nodes, false)));
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
