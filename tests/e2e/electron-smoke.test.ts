// Launches the real built app where an Electron binary is present. Electron downloads its binary at
// first run, which machines without internet cannot do: there the test is skipped, with the reason.
import { resolve } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { installedElectron } from '../../tools/electron-binary';
import { ensureBuilt } from './harness';
import { skipWithReason } from '../support/skips';

const binary = installedElectron();
const reason = binary
  ? null
  : 'no Electron binary (npm run demo downloads it at first run, which needs internet; or set ELECTRON_OVERRIDE_DIST_PATH)';

describe.skipIf(skipWithReason(reason))('the packaged Electron app', () => {
  it('opens its hardened window and answers app.info through the real preload', async () => {
    ensureBuilt();
    const app = await electron.launch({
      executablePath: binary ?? '',
      args: [resolve(__dirname, '../..')],
      env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' },
    });
    try {
      const window = await app.firstWindow();
      await window.getByTestId('status-version').waitFor();
      const info = await window.evaluate(async () => {
        const api = (globalThis as unknown as { workbench: { app: { info(): Promise<{ ok: boolean }> } } }).workbench;
        return api.app.info();
      });
      expect(info.ok).toBe(true);
      // Node is not reachable from the page.
      expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    } finally {
      await app.close();
    }
  });
});
