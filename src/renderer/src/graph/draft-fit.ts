/**
 * fcose's spectral draft comes back in its own frame: a few hundred pixels across whatever the node
 * count, centred anywhere, and blind to pinned nodes (only the force phase honours
 * fixedNodeConstraint). This maps it into the picture's frame with one similarity transform
 * (rotation, uniform scale, shift), so the draft's structure survives:
 * - pinned nodes: the least-squares fit of their draft positions onto their real ones (with one
 *   pinned node, a shift onto it), so free nodes land near the pinned nodes they belong with;
 * - scale: never below roughly one spacing² of area per node, or the spread after it would have to
 *   push nodes apart across the whole graph;
 * - nothing pinned: the draft's centre goes to `centre` (where the first placement put the graph).
 */
import type { Point } from '@shared/case-file/types';

export interface Anchor {
  index: number;
  to: Point;
}

export function fitDraft(xs: Float64Array, ys: Float64Array, anchors: Anchor[], centre: Point, spacing: number): void {
  const n = xs.length;
  if (!n) return;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  let sumX = 0;
  let sumY = 0;
  for (let i = 0; i < n; i += 1) {
    const x = xs[i] ?? 0;
    const y = ys[i] ?? 0;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
    sumX += x;
    sumY += y;
  }
  const areaScale = (spacing * Math.sqrt(n) * 1.2) / Math.max(maxX - minX, maxY - minY, 1e-9);

  // From (draft) z̄ to (picture) w̄, and the complex factor a = Σ (w − w̄)·conj(z − z̄) / Σ |z − z̄|².
  let from = { x: sumX / n, y: sumY / n };
  let to = centre;
  let rotation = { re: 1, im: 0 };
  let scale = areaScale;
  if (anchors.length) {
    from = mean(anchors.map((a) => ({ x: xs[a.index] ?? 0, y: ys[a.index] ?? 0 })));
    to = mean(anchors.map((a) => a.to));
    let re = 0;
    let im = 0;
    let norm = 0;
    for (const anchor of anchors) {
      const p = anchor.to.x - to.x;
      const q = anchor.to.y - to.y;
      const r = (xs[anchor.index] ?? 0) - from.x;
      const s = (ys[anchor.index] ?? 0) - from.y;
      re += p * r + q * s;
      im += q * r - p * s;
      norm += r * r + s * s;
    }
    const length = Math.hypot(re, im);
    if (norm > 1e-12 && length > 1e-12) {
      rotation = { re: re / length, im: im / length };
      scale = Math.max(areaScale, length / norm);
    }
  }
  const a = { re: rotation.re * scale, im: rotation.im * scale };
  for (let i = 0; i < n; i += 1) {
    const r = (xs[i] ?? 0) - from.x;
    const s = (ys[i] ?? 0) - from.y;
    xs[i] = to.x + a.re * r - a.im * s;
    ys[i] = to.y + a.im * r + a.re * s;
  }
  for (const anchor of anchors) {
    xs[anchor.index] = anchor.to.x;
    ys[anchor.index] = anchor.to.y;
  }
}

function mean(points: Point[]): Point {
  const sum = points.reduce((acc, p) => ({ x: acc.x + p.x, y: acc.y + p.y }), { x: 0, y: 0 });
  return { x: sum.x / points.length, y: sum.y / points.length };
}
