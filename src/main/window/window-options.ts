/**
 * The main window's options, every security value written down (Electron's security checklist)
 * rather than left to defaults. Pure, so a test can check each value.
 */
export interface SecureWindowOptions {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: boolean;
  title: string;
  backgroundColor: string;
  autoHideMenuBar: boolean;
  /** The window and task-bar icon (Linux and Windows; macOS takes the bundle's icon). */
  icon: string;
  webPreferences: {
    preload: string;
    contextIsolation: true;
    sandbox: true;
    nodeIntegration: false;
    nodeIntegrationInWorker: false;
    nodeIntegrationInSubFrames: false;
    webSecurity: true;
    allowRunningInsecureContent: false;
    webviewTag: false;
    experimentalFeatures: false;
    navigateOnDragDrop: false;
    spellcheck: boolean;
    safeDialogs: true;
  };
}

/** Where the window icon is, from the built main bundle (`out/main`); rendered from resources/icon.svg. */
export const WINDOW_ICON_FROM_MAIN = '../../resources/icon-256.png';

export function mainWindowOptions(preloadPath: string, dark: boolean, iconPath: string): SecureWindowOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    // Shown on 'ready-to-show' so the analyst never sees an unstyled flash.
    show: false,
    title: 'TIP Workbench',
    backgroundColor: dark ? '#16181d' : '#f6f7f9',
    autoHideMenuBar: true,
    icon: iconPath,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  };
}

/** The CSP the renderer ships in index.html; main also sends it as a header for file:// loads. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
