// src/main/index.ts with Electron mocked at the module boundary: what the real entry does with the
// window, the IPC table, the single-instance lock and the session.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OPERATIONS, channelOf } from '../../src/shared/ipc/contract';

const state = vi.hoisted(() => ({
  lock: true,
  userData: '',
  windows: [] as Array<{ options: Record<string, unknown>; url: string | null }>,
  channels: [] as string[],
  permissionHandlerSet: false,
  cspHeaderSet: false,
  quit: 0,
  appListeners: new Map<string, (...args: unknown[]) => void>(),
}));

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => [];
    webContents = { setWindowOpenHandler: vi.fn(), on: vi.fn() };
    private record: { options: Record<string, unknown>; url: string | null };
    constructor(options: Record<string, unknown>) {
      this.record = { options, url: null };
      state.windows.push(this.record);
    }
    once = vi.fn();
    on = vi.fn();
    show = vi.fn();
    loadURL = vi.fn(async (url: string) => {
      this.record.url = url;
    });
  }
  return {
    app: {
      setPath: vi.fn(),
      getPath: vi.fn(() => state.userData),
      getName: () => 'TIP Workbench',
      getVersion: () => '0.0.0-test',
      requestSingleInstanceLock: () => state.lock,
      quit: vi.fn(() => {
        state.quit += 1;
      }),
      on: vi.fn((event: string, listener: (...args: unknown[]) => void) => state.appListeners.set(event, listener)),
      whenReady: () => Promise.resolve(),
    },
    BrowserWindow,
    dialog: { showOpenDialog: vi.fn() },
    ipcMain: {
      handle: vi.fn((channel: string) => state.channels.push(channel)),
      removeHandler: vi.fn(),
    },
    nativeTheme: { shouldUseDarkColors: false },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(() => {
          state.permissionHandlerSet = true;
        }),
        setPermissionCheckHandler: vi.fn(),
        webRequest: {
          onHeadersReceived: vi.fn(() => {
            state.cspHeaderSet = true;
          }),
        },
      },
    },
    shell: { openExternal: vi.fn() },
  };
});

async function loadEntry(): Promise<void> {
  await import('../../src/main/index');
  // Let `whenReady().then(...)` run to the end.
  await vi.waitFor(() => {
    if (state.lock && state.windows.length === 0) throw new Error('window not created yet');
  });
}

describe('the Electron entry', () => {
  beforeEach(() => {
    vi.resetModules();
    state.userData = mkdtempSync(join(tmpdir(), 'tipwb-entry-'));
    state.windows = [];
    state.channels = [];
    state.permissionHandlerSet = false;
    state.cspHeaderSet = false;
    state.quit = 0;
    state.appListeners = new Map();
  });
  afterEach(() => rmSync(state.userData, { recursive: true, force: true }));

  it('opens one hardened window on the bundled renderer', async () => {
    state.lock = true;
    await loadEntry();
    expect(state.windows).toHaveLength(1);
    const [window] = state.windows;
    expect(window?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(String((window?.options.webPreferences as { preload: string }).preload)).toMatch(/preload[\\/]index\.js$/);
    expect(window?.url).toMatch(/^file:\/\/.*\/renderer\/index\.html$/);
  });

  it('registers every contract channel through the wrapper, and denies permissions', async () => {
    state.lock = true;
    await loadEntry();
    expect(state.channels.sort()).toEqual(OPERATIONS.map((op) => channelOf(op)).sort());
    expect(state.permissionHandlerSet).toBe(true);
    expect(state.cspHeaderSet).toBe(true);
  });

  it('hardens every web contents the app creates, the main window’s included', async () => {
    state.lock = true;
    await loadEntry();
    const created = state.appListeners.get('web-contents-created');
    expect(created).toBeDefined();
    const contents = { setWindowOpenHandler: vi.fn(), on: vi.fn() };
    created?.({}, contents);
    const openHandler = contents.setWindowOpenHandler.mock.calls[0]?.[0] as (d: { url: string }) => unknown;
    expect(openHandler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.on.mock.calls.map((call) => call[0])).toEqual(
      expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview']),
    );
  });

  it('quits at once when another instance holds the lock', async () => {
    state.lock = false;
    await import('../../src/main/index');
    expect(state.quit).toBe(1);
    expect(state.windows).toHaveLength(0);
    expect(state.channels).toHaveLength(0);
  });
});
