/**
 * What layout.ts (UI thread) and layout.worker.ts say to each other: one request, one answer. Also
 * the bits of result handling both sides need, kept here so the UI bundle never imports
 * layout-core (and with it fcose) just to read an answer.
 */
import type { Point } from '@shared/case-file/types';
import type { LayoutInput, LayoutNode } from './seed-positions';

export type LayoutQuality = 'draft' | 'default';

export interface LayoutRequest {
  input: LayoutInput;
  quality: LayoutQuality;
  fresh: boolean;
}

/** `positions` is [x0, y0, x1, y1, …] in the request's node order (see layoutAll). */
export type LayoutResponse = { ok: true; positions: Float64Array } | { ok: false; message: string };

/** Pinned and placed: a layout leaves it exactly where it is. (Pinned with no position yet is placed.) */
export const isPinned = (node: LayoutNode): boolean => node.fixed && node.position !== null;

/** The flat result as a map of the positions of the nodes that are not pinned: what a caller applies. */
export function positionsOfFree(input: LayoutInput, flat: Float64Array): Map<string, Point> {
  const result = new Map<string, Point>();
  input.nodes.forEach((node, i) => {
    if (isPinned(node)) return;
    result.set(node.id, { x: flat[2 * i] ?? 0, y: flat[2 * i + 1] ?? 0 });
  });
  return result;
}
