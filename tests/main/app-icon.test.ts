import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mainWindowOptions, WINDOW_ICON_FROM_MAIN } from '../../src/main/window/window-options';

const root = resolve(__dirname, '../..');

/** Width, height and colour type from a PNG's IHDR chunk; throws when the file is not a PNG. */
function pngHeader(path: string): { width: number; height: number; colourType: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), colourType: bytes[25] ?? -1 };
}

describe('the app icon', () => {
  it('is what the window shows: a 256 px square PNG with transparency, found from the built main bundle', () => {
    const fromMain = join(root, 'out', 'main', WINDOW_ICON_FROM_MAIN);
    expect(fromMain).toBe(join(root, 'resources', 'icon-256.png'));
    expect(mainWindowOptions('/p.js', false, fromMain).icon).toBe(fromMain);
    // Colour type 6 = RGBA: the rounded tile's corners are transparent, not white squares.
    expect(pngHeader(fromMain)).toEqual({ width: 256, height: 256, colourType: 6 });
  });

  it('has the 1024 px PNG electron-builder makes the installers\' icons from, and its SVG source', () => {
    expect(pngHeader(join(root, 'resources', 'icon.png'))).toEqual({ width: 1024, height: 1024, colourType: 6 });
    expect(readFileSync(join(root, 'resources', 'icon.svg'), 'utf8')).toMatch(/<svg[^>]+viewBox="0 0 1024 1024"/);
  });

  it('is packaged: electron-builder takes build resources from resources/ and ships the window icon', () => {
    const config = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
    expect(config).toMatch(/^\s+buildResources: resources$/m);
    expect(config).toMatch(/^\s+- resources\/icon-256\.png$/m);
  });
});
