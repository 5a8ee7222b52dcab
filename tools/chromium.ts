/**
 * Debian's Chromium, as the end-to-end tests and the browser benchmarks start it. Never a browser
 * download: playwright-core drives /usr/bin/chromium (or CHROMIUM_PATH).
 */
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless on a closed network: without the background-networking flags Chromium keeps dialling out. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Why a browser cannot be started here, or null when it can. */
export function chromiumMissingReason(): string | null {
  if (!existsSync(CHROMIUM_PATH)) {
    return `no Chromium at ${CHROMIUM_PATH} (install Debian's "chromium" package or set CHROMIUM_PATH)`;
  }
  return null;
}
