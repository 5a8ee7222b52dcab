/**
 * The fast first placement: a position for every node, keeping those that have one and putting the
 * rest in rings around a placed neighbour (placeNear), breadth first, so a hub's fan opens around
 * the hub and its neighbours' neighbours around them. Linear in nodes + edges (plus the ring search),
 * pure and deterministic: it is what the canvas shows at once, and where a layout starts from.
 */
import type { Point } from '@shared/case-file/types';
import { DEFAULT_CLEARANCE, DEFAULT_SPACING, Occupancy, placeNearIn } from './place-near';

export interface LayoutNode {
  id: string;
  position: Point | null;
  /** Pinned by the analyst: a layout must not move it. */
  fixed: boolean;
}

export interface LayoutEdge {
  source: string;
  target: string;
}

export interface LayoutInput {
  nodes: LayoutNode[];
  edges: LayoutEdge[];
}

/** Neighbour lists by node index, in edge order; edges to unknown ids and self-loops are dropped. */
export function adjacency(input: LayoutInput): { index: Map<string, number>; neighbours: number[][]; pairs: Int32Array } {
  const index = new Map<string, number>();
  input.nodes.forEach((node, i) => index.set(node.id, i));
  const neighbours: number[][] = input.nodes.map(() => []);
  const pairs: number[] = [];
  for (const edge of input.edges) {
    const s = index.get(edge.source);
    const t = index.get(edge.target);
    if (s === undefined || t === undefined || s === t) continue;
    neighbours[s]?.push(t);
    neighbours[t]?.push(s);
    pairs.push(s, t);
  }
  return { index, neighbours, pairs: Int32Array.from(pairs) };
}

/** Rings searched around a parent before jumping to the picture's edge (beyond what its children need). */
const NEAR_RINGS = 3;

/** Positions for every node, in input order: given ones kept, missing ones placed near a neighbour. */
export function seedPositions(input: LayoutInput, spacing = DEFAULT_SPACING): Point[] {
  const { neighbours } = adjacency(input);
  const count = input.nodes.length;
  const result: (Point | null)[] = input.nodes.map((node) => (node.position ? { ...node.position } : null));
  const occupancy = new Occupancy(DEFAULT_CLEARANCE);
  const queue: number[] = [];
  let sumX = 0;
  let sumY = 0;
  let placedCount = 0;
  result.forEach((point, i) => {
    if (!point) return;
    occupancy.add(point);
    queue.push(i);
    sumX += point.x;
    sumY += point.y;
    placedCount += 1;
  });
  // A component with nothing placed starts next to the current picture's centre (the first ring
  // that has room), so a fresh graph grows from the origin and a new island lands beside the old.
  const centre = placedCount ? { x: sumX / placedCount, y: sumY / placedCount } : { x: 0, y: 0 };

  // How far the picture reaches from its centre: a parent deep inside a crowd finds no room until
  // about there, and searching every ring on the way costs (rings)² per parent — quadratic overall
  // on a large graph laid out from scratch.
  let reach = 0;
  result.forEach((point) => {
    if (point) reach = Math.max(reach, Math.hypot(point.x - centre.x, point.y - centre.y));
  });
  const place = (at: Point, count: number): Point[] => {
    // The nearby rings first (holes next to the parent are the best spots), then straight to the edge.
    const near = Math.ceil(Math.sqrt(count)) + NEAR_RINGS;
    const points = placeNearIn(at, occupancy, count, spacing, { last: near });
    if (points.length < count) {
      const edge = Math.floor((reach - Math.hypot(at.x - centre.x, at.y - centre.y)) / spacing) - 1;
      points.push(...placeNearIn(at, occupancy, count - points.length, spacing, { first: Math.max(near + 1, edge) }));
    }
    for (const point of points) reach = Math.max(reach, Math.hypot(point.x - centre.x, point.y - centre.y));
    return points;
  };

  const placeChildrenOf = (parent: number): void => {
    const at = result[parent];
    if (!at) return;
    const children = [...new Set(neighbours[parent])].filter((n) => !result[n]);
    if (!children.length) return;
    const points = place(at, children.length);
    children.forEach((child, k) => {
      result[child] = points[k] ?? at;
      queue.push(child);
    });
  };

  let head = 0;
  const drain = (): void => {
    while (head < queue.length) {
      const parent = queue[head];
      head += 1;
      if (parent !== undefined) placeChildrenOf(parent);
    }
  };
  drain();
  // Unreached components: start each from its best-connected node, so hubs sit in the middle.
  const order = [...Array(count).keys()].sort((a, b) => (neighbours[b]?.length ?? 0) - (neighbours[a]?.length ?? 0) || a - b);
  for (const i of order) {
    if (result[i]) continue;
    if (placedCount === 0) {
      result[i] = { ...centre };
      occupancy.add(centre);
      placedCount = 1;
    } else {
      result[i] = place(centre, 1)[0] ?? { ...centre };
    }
    queue.push(i);
    drain();
  }
  return result.map((point) => point ?? { ...centre });
}
