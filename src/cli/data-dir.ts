/**
 * The app's data folder and its settings, read without changing anything: the command line never
 * moves a damaged settings file aside or creates the folder — that is the app's business.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { parseSettingsFile, SETTINGS_FILE } from '../main/settings/settings-store';
import { defaultSettings, type Settings } from '../shared/settings';

/** Electron's `userData` for productName "TIP Workbench" (package.json), or TIPWB_DATA_DIR. */
export function appDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  if (env.TIPWB_DATA_DIR) return env.TIPWB_DATA_DIR;
  const name = 'TIP Workbench';
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', name);
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), name);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), name);
}

export interface LoadedSettings {
  settings: Settings;
  /** Set when the file exists but could not be used (defaults are in use). */
  warning?: string;
}

export async function loadSettings(dir: string): Promise<LoadedSettings> {
  const path = join(dir, SETTINGS_FILE);
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return { settings: defaultSettings() };
    return { settings: defaultSettings(), warning: `the settings file ${path} could not be read; defaults are in use` };
  }
  const parsed = parseSettingsFile(text);
  if (parsed === null) return { settings: defaultSettings(), warning: `the settings file ${path} is damaged; defaults are in use (open the app to repair it)` };
  return { settings: parsed };
}
