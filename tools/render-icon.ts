/**
 * Renders the app icon's source, resources/icon.svg, to the PNGs Electron and electron-builder use:
 * `npx tsx tools/render-icon.ts`. Debian's Chromium draws it (no image library, no download);
 * run it again after editing the SVG and commit both.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, chromiumMissingReason } from './chromium';

const resources = join(__dirname, '..', 'resources');
/** electron-builder wants at least 512 px (1024 for macOS); the window icon is read at 256. */
const SIZES: Array<{ size: number; file: string }> = [
  { size: 1024, file: 'icon.png' },
  { size: 256, file: 'icon-256.png' },
];

async function main(): Promise<void> {
  const missing = chromiumMissingReason();
  if (missing) throw new Error(`Cannot render the icon: ${missing}`);
  const svg = readFileSync(join(resources, 'icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  try {
    for (const { size, file } of SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      const sized = svg.replace(/width="1024" height="1024"/, `width="${size}" height="${size}"`);
      await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${sized}`);
      writeFileSync(join(resources, file), await page.screenshot({ omitBackground: true }));
      await page.close();
      console.log(`resources/${file}: ${size}×${size}`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
