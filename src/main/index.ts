/**
 * Electron entry: one instance, one hardened window, every IPC operation registered through the
 * validating wrapper. All behaviour lives in `core.ts`, which runs without Electron in tests.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, nativeTheme, session, shell } from 'electron';
import { createMainCore, type MainCore } from './core';
import { createKeytarStore, DEMO_KEYCHAIN_SERVICE, KEYCHAIN_SERVICE } from './credentials/keytar-store';
import { loadDemoProfile } from './demo-profile';
import { createSenderPolicy, registerHandlers, type IpcMainLike } from './ipc/register';
import { denyAllPermissions, hardenWebContents } from './window/hardening';
import { CONTENT_SECURITY_POLICY, mainWindowOptions, WINDOW_ICON_FROM_MAIN } from './window/window-options';

const demo = loadDemoProfile(process.env);
if (demo) {
  // The demo never touches the analyst's own data folder or keychain entries.
  app.setPath('userData', join(app.getPath('appData'), 'TIP Workbench Demo'));
}

const rendererUrl = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(__dirname, '../renderer/index.html')).href;

function isAppUrl(url: string): boolean {
  try {
    const target = new URL(url);
    const base = new URL(rendererUrl);
    if (base.protocol === 'file:') return target.protocol === 'file:' && target.pathname === base.pathname;
    return target.origin === base.origin;
  } catch {
    return false;
  }
}

let mainWindow: BrowserWindow | null = null;
let core: MainCore | null = null;

function createWindow(): void {
  const window = new BrowserWindow(
    mainWindowOptions(
      join(__dirname, '../preload/index.js'),
      nativeTheme.shouldUseDarkColors,
      join(__dirname, WINDOW_ICON_FROM_MAIN),
    ),
  );
  // Its web contents are hardened by the 'web-contents-created' handler, like every other.
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    mainWindow = null;
  });
  void window.loadURL(rendererUrl);
  mainWindow = window;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, { isAppUrl, openExternal: (url) => void shell.openExternal(url) });
  });

  void app.whenReady().then(async () => {
    denyAllPermissions(session.defaultSession);
    // index.html carries the same policy as a meta tag; the header also covers anything else the
    // session loads. The dev server injects <style> tags, so development relies on the meta tag's
    // dev-only variant instead.
    if (!process.env.ELECTRON_RENDERER_URL) {
      session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
        callback({
          responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
        });
      });
    }

    core = await createMainCore({
      dataDir: app.getPath('userData'),
      appName: app.getName(),
      appVersion: app.getVersion(),
      versions: {
        electron: process.versions.electron ?? null,
        chrome: process.versions.chrome ?? null,
        node: process.versions.node,
      },
      demo: demo !== null,
      credentialStore: createKeytarStore({ service: demo ? DEMO_KEYCHAIN_SERVICE : KEYCHAIN_SERVICE }),
      ...(demo
        ? {
            fallbackCredentials: demo.credentials,
            extraCa: demo.ca,
            settingsOverride: { tipBaseUrl: demo.baseUrl },
          }
        : {}),
      async pickCertificateFile() {
        const options = {
          title: 'Import client certificate',
          properties: ['openFile' as const],
          filters: [
            { name: 'Certificates', extensions: ['pem', 'crt', 'cer', 'key', 'p12', 'pfx'] },
            { name: 'All files', extensions: ['*'] },
          ],
        };
        const picked = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
        return picked.canceled ? null : (picked.filePaths[0] ?? null);
      },
      async pickCaFile() {
        const options = {
          title: 'Add CA certificate',
          properties: ['openFile' as const],
          filters: [
            { name: 'CA certificates', extensions: ['pem', 'crt', 'cer'] },
            { name: 'All files', extensions: ['*'] },
          ],
        };
        const picked = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
        return picked.canceled ? null : (picked.filePaths[0] ?? null);
      },
      async pickSavePath({ kind, suggestedName }) {
        const dialogs = {
          case: { title: 'Export case', filter: { name: 'TIP Workbench case', extensions: ['tipcase.json'] } },
          stix: { title: 'Export STIX 2.1 bundle', filter: { name: 'STIX 2.1 bundle', extensions: ['json'] } },
          json: { title: 'Save TIP answer', filter: { name: 'JSON', extensions: ['json'] } },
          png: { title: 'Export graph picture', filter: { name: 'PNG image', extensions: ['png'] } },
          svg: { title: 'Export graph picture', filter: { name: 'SVG image', extensions: ['svg'] } },
        } as const;
        const options = {
          title: dialogs[kind].title,
          defaultPath: join(app.getPath('documents'), suggestedName),
          filters: [{ ...dialogs[kind].filter, extensions: [...dialogs[kind].filter.extensions] }],
        };
        const picked = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
        return picked.canceled || !picked.filePath ? null : picked.filePath;
      },
      async pickCaseFile() {
        const options = {
          title: 'Import case',
          properties: ['openFile' as const],
          filters: [
            { name: 'TIP Workbench case', extensions: ['json'] },
            { name: 'All files', extensions: ['*'] },
          ],
        };
        const picked = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
        return picked.canceled ? null : (picked.filePaths[0] ?? null);
      },
      openExternal: (url) => shell.openExternal(url),
    });

    registerHandlers(ipcMain as unknown as IpcMainLike, core.handlers, createSenderPolicy(isAppUrl));
    createWindow();

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('before-quit', () => {
    core?.close();
  });
}
