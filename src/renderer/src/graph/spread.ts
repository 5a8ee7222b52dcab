/**
 * A bounded force refinement for large graphs, where fcose's own force phase would run for minutes
 * (it iterates at least 5 × nodes times, whatever numIter says: layout-base
 * FDLayout.initSpringEmbedder). fcose's draft (spectral) placement keeps structure but stacks nodes
 * with the same neighbours on one spot; this spreads them out:
 *   1. settle — at most one node per grid cell: a node whose cell is taken moves to the nearest
 *      free cell, so stacks open up (cost: nodes × a short search);
 *   2. a fixed number of steps of weak springs along edges, each followed by overlap passes through
 *      a spatial hash (cost per step: nodes × a few neighbours + edges).
 * Pinned nodes never move. Deterministic: no randomness, index order everywhere.
 */
import { SpatialHash } from './spatial-hash';

export interface SpreadOptions {
  /** The distance nodes should keep from each other, and the springs' scale (model pixels). */
  spacing: number;
  /**
   * How close two nodes may come before they are pushed apart (default: the spacing). Smaller on an
   * existing picture the analyst may have packed tighter, so newcomers can sit between its nodes.
   */
  separation?: number;
  /** Spring steps after settling; the cost is linear in this. */
  iterations: number;
  /** Skip the settling pass (input already has no stacks, e.g. a stable incremental picture). */
  settle?: boolean;
}

/** Neighbour checks per hash bucket in one overlap pass: a hard bound on the cost of a crowded spot. */
const MAX_PER_BUCKET = 24;
/** Fraction of the distance to a neighbour's ideal length a spring closes per step. */
const SPRING = 0.1;
/** Overlap-only passes at the end. */
const FINAL_SEPARATE_PASSES = 10;

/** Refines `xs`/`ys` in place. `pairs` holds edges as index pairs [s0, t0, s1, t1, …]; `fixed[i]` = 1 pins node i. */
export function spread(xs: Float64Array, ys: Float64Array, pairs: Int32Array, fixed: Uint8Array, options: SpreadOptions): void {
  const n = xs.length;
  const { spacing, iterations } = options;
  const gap = options.separation ?? spacing;
  const degree = new Uint32Array(n);
  for (let e = 0; e < pairs.length; e += 1) degree[pairs[e] ?? 0] = (degree[pairs[e] ?? 0] ?? 0) + 1;
  if (options.settle !== false) settle(xs, ys, fixed, degree, spacing);

  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  const hash = new SpatialHash(n);
  const ideal = spacing * 1.2;

  /** Springs toward each neighbour's ideal distance, averaged per node: a hub is pulled by its fan's mean, not its sum. */
  const springs = (cap: number): void => {
    dx.fill(0);
    dy.fill(0);
    for (let e = 0; e < pairs.length; e += 2) {
      const s = pairs[e] ?? 0;
      const t = pairs[e + 1] ?? 0;
      const vx = (xs[t] ?? 0) - (xs[s] ?? 0);
      const vy = (ys[t] ?? 0) - (ys[s] ?? 0);
      const d = Math.hypot(vx, vy) || 1e-9;
      const pull = ((d - ideal) / d) * SPRING;
      const ws = pull / (degree[s] || 1);
      const wt = pull / (degree[t] || 1);
      dx[s] = (dx[s] ?? 0) + vx * ws;
      dy[s] = (dy[s] ?? 0) + vy * ws;
      dx[t] = (dx[t] ?? 0) - vx * wt;
      dy[t] = (dy[t] ?? 0) - vy * wt;
    }
    for (let i = 0; i < n; i += 1) {
      if (fixed[i]) continue;
      const mx = dx[i] ?? 0;
      const my = dy[i] ?? 0;
      const length = Math.hypot(mx, my);
      const scale = length > cap ? cap / length : 1;
      xs[i] = (xs[i] ?? 0) + mx * scale;
      ys[i] = (ys[i] ?? 0) + my * scale;
    }
  };

  /**
   * Every pair closer than `gap` is pushed apart by its overlap (shared, or all of it on the free
   * one), updating positions at once (Gauss–Seidel): a squeezed crowd relaxes in a few passes, where
   * pushes summed first would cancel out inside it.
   */
  const separate = (): void => {
    hash.build(xs, ys, gap);
    for (let i = 0; i < n; i += 1) {
      const cx = Math.floor((xs[i] ?? 0) / gap);
      const cy = Math.floor((ys[i] ?? 0) / gap);
      for (let ox = -1; ox <= 1; ox += 1) {
        for (let oy = -1; oy <= 1; oy += 1) {
          const bucket = hash.bucket(cx + ox, cy + oy);
          const end = Math.min(hash.end(bucket), hash.start(bucket) + MAX_PER_BUCKET);
          for (let k = hash.start(bucket); k < end; k += 1) {
            const j = hash.at(k);
            if (j === i || (fixed[i] && fixed[j])) continue;
            let vx = (xs[j] ?? 0) - (xs[i] ?? 0);
            let vy = (ys[j] ?? 0) - (ys[i] ?? 0);
            let d = Math.hypot(vx, vy);
            if (d >= gap) continue;
            if (d < 1e-6) {
              // Same spot: part them along a direction that depends only on their indices.
              const angle = ((Math.min(i, j) * 7919 + Math.max(i, j) * 104729) % 360) * (Math.PI / 180);
              vx = Math.cos(angle);
              vy = Math.sin(angle);
              d = 1;
            }
            const overlap = (gap - d) / d;
            const pi = fixed[i] ? 0 : fixed[j] ? 1 : 0.5;
            const pj = fixed[j] ? 0 : fixed[i] ? 1 : 0.5;
            xs[i] = (xs[i] ?? 0) - vx * overlap * pi;
            ys[i] = (ys[i] ?? 0) - vy * overlap * pi;
            xs[j] = (xs[j] ?? 0) + vx * overlap * pj;
            ys[j] = (ys[j] ?? 0) + vy * overlap * pj;
          }
        }
      }
    }
  };

  for (let step = 0; step < iterations; step += 1) {
    // Springs move a node at most a fifth of a spacing per step, cooling to nothing by the last
    // step; the overlap passes are not cooled. So where a fan is too big for the ring its springs
    // ask for, the squeeze per step stays small and the overlap passes undo it (and keep buckets
    // near one node each, so MAX_PER_BUCKET rarely bites).
    springs(spacing * 0.2 * (1 - step / iterations));
    separate();
    separate();
  }
  for (let pass = 0; pass < FINAL_SEPARATE_PASSES; pass += 1) separate();
}

/** Moves free nodes so no two share a cell of side `spacing`; pinned nodes claim their cells first, then hubs. */
function settle(xs: Float64Array, ys: Float64Array, fixed: Uint8Array, degree: Uint32Array, spacing: number): void {
  const n = xs.length;
  const key = (cx: number, cy: number): number => (cx + 0x100000) * 0x200000 + (cy + 0x100000);
  const taken = new Set<number>();
  // Where the last search from a cell stopped (ring, offset): cells only ever fill up, so the next
  // node stacked on the same cell resumes there instead of rescanning every ring — a stack of k
  // nodes costs k + (cells scanned), not k × (cells scanned).
  const resume = new Map<number, { ring: number; offset: number }>();
  for (let i = 0; i < n; i += 1) {
    if (fixed[i]) taken.add(key(Math.floor((xs[i] ?? 0) / spacing), Math.floor((ys[i] ?? 0) / spacing)));
  }
  // Hubs settle first, so they keep their spot and their fans open around them.
  const order = [...Array(n).keys()].sort((a, b) => (degree[b] ?? 0) - (degree[a] ?? 0) || a - b);
  for (const i of order) {
    if (fixed[i]) continue;
    const cx = Math.floor((xs[i] ?? 0) / spacing);
    const cy = Math.floor((ys[i] ?? 0) / spacing);
    const home = key(cx, cy);
    if (!taken.has(home)) {
      taken.add(home);
      continue;
    }
    // Square rings of cells around the taken one, nearest ring first; the first free cell wins.
    const cursor = resume.get(home) ?? { ring: 1, offset: 0 };
    for (;;) {
      const cells = ringCells(cursor.ring);
      const cell = cells[cursor.offset];
      if (!cell) {
        cursor.ring += 1;
        cursor.offset = 0;
        continue;
      }
      const [ox, oy] = cell;
      if (taken.has(key(cx + ox, cy + oy))) {
        cursor.offset += 1;
        continue;
      }
      taken.add(key(cx + ox, cy + oy));
      xs[i] = (cx + ox + 0.5) * spacing;
      ys[i] = (cy + oy + 0.5) * spacing;
      break;
    }
    resume.set(home, cursor);
  }
}

/** The 8·r cell offsets on the square ring at Chebyshev distance r, cached: settle asks for them often. */
const rings: [number, number][][] = [];
function ringCells(r: number): [number, number][] {
  let cells = rings[r];
  if (!cells) {
    cells = [];
    for (let k = -r; k < r; k += 1) cells.push([k, -r], [r, k], [-k, r], [-r, -k]);
    rings[r] = cells;
  }
  return cells;
}
