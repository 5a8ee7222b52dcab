/**
 * The browser harness: the built renderer, served on 127.0.0.1 with the app's CSP, in Debian's
 * Chromium driven by playwright-core. `window.workbench` is the preload's own API whose calls are
 * forwarded over a Playwright binding to the real main-process handler table (`createMainCore`)
 * running in this Node process — everything real but Electron's IPC transport.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { OPERATIONS, channelOf, type OperationName } from '../../src/shared/ipc/contract';
import { createMainCore, type MainCore, type MainCoreOptions } from '../../src/main/core';
import { MemoryCredentialStore } from '../../src/main/credentials/memory-store';
import { StaticCredentialProvider } from '../../src/main/credentials/provider';
import type { MockTip } from '../../tools/mock-tip';
import type { CredentialStore } from '../../src/main/credentials/store';
import { dispatch, type InvokeEventLike, type SenderPolicy } from '../../src/main/ipc/register';
import { CONTENT_SECURITY_POLICY } from '../../src/main/window/window-options';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, chromiumMissingReason } from '../../tools/chromium';

export const ROOT = resolve(__dirname, '../..');
export const RENDERER_DIR = join(ROOT, 'out/renderer');
export const SCREENSHOT_DIR = join(ROOT, 'test-results/e2e');
export { CHROMIUM_FLAGS, CHROMIUM_PATH, chromiumMissingReason };

/** Builds main, preload and renderer unless all three are already in out/ (npm test builds first). */
export function ensureBuilt(): void {
  const outputs = [join(RENDERER_DIR, 'index.html'), join(ROOT, 'out/main/index.js'), join(ROOT, 'out/preload/index.js')];
  if (outputs.every((file) => existsSync(file))) return;
  const build = spawnSync(join(ROOT, 'node_modules/.bin/electron-vite'), ['build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('electron-vite build failed; the e2e tests need the built renderer');
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

function serveRenderer(port = 0): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const file = normalize(join(RENDERER_DIR, path === '/' ? 'index.html' : path));
    if (!file.startsWith(RENDERER_DIR) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      // The same policy Electron's main process sends with every response.
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Cache-Control': 'no-store',
    });
    response.end(readFileSync(file));
  });
  return new Promise((done) => {
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      done({ server, origin: `http://127.0.0.1:${port}` });
    });
  });
}

let axeSource: string | null = null;

/**
 * axe-core in the page. Evaluated through the DevTools protocol, which the page's CSP does not
 * govern — the app's own policy stays as strict as in Electron.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes: ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ')})`);
  });
  return violations;
}

let bridgeScript: string | null = null;
function bridgeInitScript(): string {
  if (bridgeScript !== null) return bridgeScript;
  const [output] = buildSync({
    entryPoints: [join(__dirname, 'bridge-entry.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  }).outputFiles;
  if (!output) throw new Error('esbuild produced no bridge script');
  bridgeScript = output.text;
  return bridgeScript;
}

/**
 * Main pointed at a demo TIP service: its own client certificate and user as the credentials the
 * vault falls back to, its CA added to the system roots, its URL as the TIP base URL.
 */
export function demoService(mock: MockTip): Pick<MainCoreOptions, 'fallbackCredentials' | 'extraCa' | 'settingsOverride'> {
  return {
    fallbackCredentials: new StaticCredentialProvider({
      kind: 'certificate',
      cert: mock.clientCert.cert,
      key: mock.clientCert.key,
      user: mock.user,
      password: mock.password,
    }),
    extraCa: [mock.ca],
    settingsOverride: { tipBaseUrl: mock.url },
  };
}

export interface WorkbenchOptions {
  /** Reuse a data folder (to prove that state survives a restart of "main"). */
  dataDir?: string;
  credentialStore?: CredentialStore;
  core?: Partial<
    Pick<
      MainCoreOptions,
      'fallbackCredentials' | 'extraCa' | 'settingsOverride' | 'env' | 'pickCertificateFile' | 'pickCaFile' | 'pickSavePath' | 'pickCaseFile'
    >
  >;
  colorScheme?: 'light' | 'dark';
  /** Keep Chromium's profile in this folder (so a test can search what the browser stored on disk). */
  profileDir?: string;
  /**
   * Serve the page on this port. IndexedDB and localStorage belong to the origin, so a test that
   * restarts the app on the same profile must reuse the port to find its data again.
   */
  port?: number;
}

export interface Workbench {
  page: Page;
  core: MainCore;
  dataDir: string;
  origin: string;
  /** Every operation the page invoked, in order. */
  calls: OperationName[];
  /** The port the page is served on (pass it back as `port` to reopen the same origin). */
  port: number;
  screenshot(name: string): Promise<string>;
  /** Runs axe-core on the page as it is now; the violations, each as "rule: help (n nodes)". */
  accessibilityViolations(): Promise<string[]>;
  close(): Promise<void>;
}

let browser: Browser | null = null;

async function sharedBrowser(): Promise<Browser> {
  browser ??= await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
  return browser;
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = null;
}

export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  ensureBuilt();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tipwb-e2e-'));
  const ownsDataDir = options.dataDir === undefined;
  const core = await createMainCore({
    dataDir,
    appName: 'TIP Workbench',
    appVersion: (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    versions: { electron: null, chrome: null, node: process.versions.node },
    credentialStore: options.credentialStore ?? new MemoryCredentialStore(),
    pickCertificateFile: async () => null,
    // The "Add CA certificate…" dialog, cancelled unless a test says which file it picks.
    pickCaFile: async () => null,
    pickSavePath: async () => null,
    pickCaseFile: async () => null,
    openExternal: async () => undefined,
    ...options.core,
  });
  const { server, origin } = await serveRenderer(options.port);
  const contextOptions = { viewport: { width: 1360, height: 860 }, colorScheme: options.colorScheme ?? 'light' } as const;
  const context: BrowserContext = options.profileDir
    ? await chromium.launchPersistentContext(options.profileDir, {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_FLAGS,
        ...contextOptions,
      })
    : await (await sharedBrowser()).newContext(contextOptions);
  const calls: OperationName[] = [];
  const byChannel = new Map<string, OperationName>(OPERATIONS.map((op) => [channelOf(op), op]));

  // Mirrors the production policy: only the top-level frame of the app's own origin may call.
  const policy: SenderPolicy = {
    isTrustedSender: (event) => event.senderFrame?.parent === null && (event.senderFrame?.url ?? '').startsWith(`${origin}/`),
  };
  await context.exposeBinding('__workbenchInvoke', async (source, channel: unknown, args: unknown) => {
    const op = typeof channel === 'string' ? byChannel.get(channel) : undefined;
    if (!op) return { ok: false, error: { code: 'INVALID_INPUT', message: 'Unknown channel', retryable: false } };
    calls.push(op);
    const event: InvokeEventLike = {
      sender: { id: 1 },
      senderFrame: { url: source.frame.url(), parent: source.frame.parentFrame() },
    };
    return dispatch(op, core.handlers, policy, event, Array.isArray(args) ? args : [args]);
  });
  await context.addInitScript({ content: bridgeInitScript() });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${origin}/index.html`);

  return {
    page,
    core,
    dataDir,
    origin,
    calls,
    port: Number(new URL(origin).port),
    accessibilityViolations: () => axeViolations(page),
    async screenshot(name) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: false });
      return path;
    },
    async close() {
      await context.close();
      await new Promise((done) => server.close(done));
      await core.log.flush();
      core.close();
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
      if (errors.length > 0) throw new Error(`The page threw: ${errors.join('; ')}`);
    },
  };
}
