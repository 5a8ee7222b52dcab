// The built artifacts, not the sources: the sandboxed preload may require nothing but `electron`,
// and the main bundle must start (hardened window, every channel registered, files where it looks
// for them) with Electron's module replaced by a stub — the closest to launching the app that a
// machine without the Electron binary can get.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OPERATIONS, channelOf } from '../../src/shared/ipc/contract';
import { ROOT, ensureBuilt } from './harness';

const PRELOAD = join(ROOT, 'out/preload/index.js');
const MAIN = join(ROOT, 'out/main/index.js');

beforeAll(() => ensureBuilt());

describe('the built preload bundle', () => {
  it('requires only electron, as a sandboxed preload must', () => {
    const requires = [...readFileSync(PRELOAD, 'utf8').matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(requires).toEqual(['electron']);
  });

  it('exposes one method per operation that invokes its own channel', async () => {
    const exposed = new Map<string, unknown>();
    const invoke = vi.fn(async () => ({ ok: true, value: null }));
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (name: string, api: unknown) => exposed.set(name, api) },
      ipcRenderer: { invoke },
    };
    runInNewContext(readFileSync(PRELOAD, 'utf8'), {
      require: (id: string) => {
        if (id !== 'electron') throw new Error(`a sandboxed preload cannot require ${id}`);
        return fakeElectron;
      },
    });
    expect([...exposed.keys()]).toEqual(['workbench']);
    const api = exposed.get('workbench') as Record<string, Record<string, (arg?: unknown) => Promise<unknown>>>;
    const methods = Object.entries(api).flatMap(([area, group]) => Object.keys(group).map((action) => `${area}.${action}`));
    expect(methods.sort()).toEqual([...OPERATIONS].sort());
    await api.tip?.lookup?.({ type: 'ip', value: '192.0.2.1' });
    expect(invoke).toHaveBeenCalledWith('workbench:tip.lookup', { type: 'ip', value: '192.0.2.1' });
  });
});

describe('the built main bundle', () => {
  const seen = {
    windows: [] as Array<Record<string, unknown>>,
    urls: [] as string[],
    channels: [] as string[],
  };
  let userData = '';
  const moduleWithLoad = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const originalLoad = moduleWithLoad._load;

  beforeAll(async () => {
    userData = mkdtempSync(join(tmpdir(), 'tipwb-built-main-'));
    class BrowserWindow {
      static getAllWindows = () => [];
      webContents = { setWindowOpenHandler: () => undefined, on: () => undefined };
      constructor(options: Record<string, unknown>) {
        seen.windows.push(options);
      }
      once = () => undefined;
      on = () => undefined;
      loadURL = async (url: string) => {
        seen.urls.push(url);
      };
    }
    const electronStub = {
      app: {
        setPath: () => undefined,
        getPath: () => userData,
        getName: () => 'TIP Workbench',
        getVersion: () => '0.0.0-built',
        requestSingleInstanceLock: () => true,
        quit: () => undefined,
        on: () => undefined,
        whenReady: () => Promise.resolve(),
      },
      BrowserWindow,
      dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }) },
      ipcMain: { handle: (channel: string) => seen.channels.push(channel), removeHandler: () => undefined },
      nativeTheme: { shouldUseDarkColors: false },
      session: {
        defaultSession: {
          setPermissionRequestHandler: () => undefined,
          setPermissionCheckHandler: () => undefined,
          webRequest: { onHeadersReceived: () => undefined },
        },
      },
      shell: { openExternal: async () => undefined },
    };
    // `require('electron')` in plain Node would try to download the binary: answer with the stub.
    moduleWithLoad._load = function load(request: string, ...rest: unknown[]) {
      if (request === 'electron') return electronStub;
      return originalLoad.call(this, request, ...rest);
    };
    Module.createRequire(MAIN)(MAIN);
    await vi.waitFor(() => expect(seen.windows).toHaveLength(1));
  });

  afterAll(() => {
    moduleWithLoad._load = originalLoad;
    rmSync(userData, { recursive: true, force: true });
  });

  it('opens one hardened window whose preload and page exist in the build', () => {
    const prefs = seen.windows[0]?.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(prefs.preload).toBe(PRELOAD);
    expect(existsSync(String(prefs.preload))).toBe(true);
    expect(seen.urls).toHaveLength(1);
    expect(existsSync(fileURLToPath(seen.urls[0] ?? ''))).toBe(true);
  });

  it('registers every contract channel', () => {
    expect(seen.channels.sort()).toEqual(OPERATIONS.map((op) => channelOf(op)).sort());
  });

  it('loads keytar by name at run time and never bundles it (a native, optional module)', () => {
    const dir = dirname(MAIN);
    const code = readdirSync(dir)
      .filter((name) => name.endsWith('.js'))
      .map((name) => readFileSync(join(dir, name), 'utf8'))
      .join('\n');
    expect(code).toMatch(/require\(\s*["']keytar["']\s*\)/);
    // keytar's own entry point loads its binary; bundled, that path would appear here.
    expect(code).not.toContain('keytar.node');
  });
});
