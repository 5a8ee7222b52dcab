/**
 * Instant, deterministic placement of new nodes around their parent: the first thing an expansion
 * shows, before (or instead of) any force layout. Slots lie on concentric rings around the parent;
 * slots that would cover a node already on the canvas are skipped, so what the analyst arranged is
 * never overlapped or moved. Pure: the same inputs give the same points.
 */
import type { Point } from '@shared/case-file/types';

/** Centre-to-centre distance between neighbouring slots, in model pixels. */
export const DEFAULT_SPACING = 70;
/**
 * How close a new point may come to one already on the canvas: a node (30 px) plus a margin. Less
 * than the spacing on purpose: a picture the analyst packed tighter than 70 px must still take new
 * nodes near their parent, not only past its edge.
 */
export const DEFAULT_CLEARANCE = 45;

export interface PlaceNearOptions {
  /** Distance between new points, and between rings (default 70). */
  spacing?: number;
  /** How close a new point may come to an existing one (default 45). */
  clearance?: number;
}

/**
 * A uniform grid over the points already placed: "is anything within `clearance` of here?" looks at
 * the 3 × 3 cells around a point instead of at every point, so placing next to 20,000 existing nodes
 * stays cheap. Cells are as wide as the clearance. New points go in too: their distance from each
 * other is the ring geometry's (≥ spacing), the clearance only adds the check against the rest.
 */
export class Occupancy {
  /** Cell key → the points in it, flattened as [x0, y0, x1, y1, …] (fewer objects to chase). */
  private readonly cells = new Map<number, number[]>();

  constructor(readonly clearance: number) {}

  /** One number per cell (a string key costs an allocation per look-up, and there are millions). */
  private static key(cx: number, cy: number): number {
    return (cx + 0x100000) * 0x200000 + (cy + 0x100000);
  }

  add(point: Point): void {
    const key = Occupancy.key(Math.floor(point.x / this.clearance), Math.floor(point.y / this.clearance));
    const cell = this.cells.get(key);
    if (cell) cell.push(point.x, point.y);
    else this.cells.set(key, [point.x, point.y]);
  }

  isFree(point: Point): boolean {
    const cx = Math.floor(point.x / this.clearance);
    const cy = Math.floor(point.y / this.clearance);
    // A hair under the clearance, so a slot exactly one clearance away from an existing point still fits.
    const limit = (this.clearance - 1e-6) ** 2;
    for (let dx = -1; dx <= 1; dx += 1) {
      for (let dy = -1; dy <= 1; dy += 1) {
        const cell = this.cells.get(Occupancy.key(cx + dx, cy + dy));
        if (!cell) continue;
        for (let k = 0; k < cell.length; k += 2) {
          const ox = (cell[k] ?? 0) - point.x;
          const oy = (cell[k + 1] ?? 0) - point.y;
          if (ox * ox + oy * oy < limit) return false;
        }
      }
    }
    return true;
  }
}

/**
 * How many slots ring `r` holds so that neighbours on it are at least one spacing apart: the chord
 * between them, 2·r·s·sin(π/k), must be ≥ s. Rings themselves are one spacing apart, so two slots on
 * different rings are too (the radial gap alone is s).
 */
function slotsOnRing(ring: number): number {
  return Math.max(1, Math.floor(Math.PI / Math.asin(1 / (2 * ring))));
}

/** Golden angle: successive rings start at unrelated angles, so the slots never line up in spokes. */
const RING_TWIST = Math.PI * (3 - Math.sqrt(5));

/** Which rings to search: the first, and (optionally) the last, after which fewer points may come back. */
export interface RingRange {
  first?: number;
  last?: number;
}

/**
 * `count` points around `parent`, nearest ring first, each at least `spacing` from the others and
 * from the parent, and (as far as rings within reach allow) the occupancy's clearance from anything
 * already in it. Placed points are added to `occupancy`, so successive calls share one picture.
 * With `rings.last`, the search stops there and may return fewer than `count` points.
 */
export function placeNearIn(parent: Point, occupancy: Occupancy, count: number, spacing = DEFAULT_SPACING, rings: RingRange = {}): Point[] {
  const placed: Point[] = [];
  if (count <= 0) return placed;
  const first = Math.max(1, Math.floor(rings.first ?? 1));
  // Past this ring, crowding is not worth a longer search: take the slots as they come (they still
  // keep the spacing among themselves). The bound grows with what must fit, so it rarely bites.
  const lastCheckedRing = first + Math.ceil(Math.sqrt(count)) + 64;
  for (let ring = first; placed.length < count && ring <= (rings.last ?? Infinity); ring += 1) {
    const slots = slotsOnRing(ring);
    const radius = ring * spacing;
    const start = ring * RING_TWIST;
    for (let slot = 0; slot < slots && placed.length < count; slot += 1) {
      const angle = start + (2 * Math.PI * slot) / slots;
      const point = { x: parent.x + radius * Math.cos(angle), y: parent.y + radius * Math.sin(angle) };
      if (ring > lastCheckedRing || occupancy.isFree(point)) {
        occupancy.add(point);
        placed.push(point);
      }
    }
  }
  return placed;
}

/** `count` new points around `parent`, clear of `existing`; see placeNearIn. */
export function placeNear(parent: Point, existing: readonly Point[], count: number, options: PlaceNearOptions = {}): Point[] {
  const spacing = options.spacing ?? DEFAULT_SPACING;
  const occupancy = new Occupancy(options.clearance ?? DEFAULT_CLEARANCE);
  occupancy.add(parent);
  for (const point of existing) occupancy.add(point);
  return placeNearIn(parent, occupancy, count, spacing);
}
