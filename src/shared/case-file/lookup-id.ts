/**
 * A stored answer's id is derived from what identifies it — lookup type, normalised value, format
 * and the moment it arrived — so the same answer ingested twice, or imported from two copies of a
 * case file, is one row. Not a security boundary: a 128-bit non-cryptographic hash (four FNV-1a
 * lanes with different offsets, each finished with an avalanche step) is plenty to keep a
 * workbench's answers apart, and it runs synchronously in every process.
 */
import type { LookupFormat, LookupType } from '../tip/types';

const LANE_OFFSETS = [0x811c9dc5, 0x01000193 ^ 0x5bd1e995, 0x9e3779b9, 0x85ebca6b] as const;

function finish(h: number): number {
  // MurmurHash3's 32-bit finaliser: every input bit affects every output bit.
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

export function hash128(text: string): string {
  let out = '';
  for (let lane = 0; lane < LANE_OFFSETS.length; lane += 1) {
    let h = LANE_OFFSETS[lane] ?? 0;
    for (let i = 0; i < text.length; i += 1) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
      // Mix the lane number in, so lanes differ beyond their starting offset.
      h ^= lane * 0x27d4eb2d;
    }
    h ^= text.length;
    out += finish(h).toString(16).padStart(8, '0');
  }
  return out;
}

export function lookupId(type: LookupType, value: string, format: LookupFormat, fetchedAt: string): string {
  return `lk-${hash128(`${type}\n${value}\n${format}\n${fetchedAt}`)}`;
}
