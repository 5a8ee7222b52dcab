// Layout of the graph view: instant placement of new nodes around their parent, and the force
// layout's core (headless cytoscape + fcose) as the worker runs it. Structural checks only: where
// nodes end up relative to each other, never how long it took.
import { describe, expect, it } from 'vitest';
import type { Point } from '@shared/case-file/types';
import { DEFAULT_CLEARANCE, DEFAULT_SPACING, placeNear, qualityFor, runLayout, seedPositions, type LayoutInput } from '@renderer/graph/layout';
import { computeLayout, layoutAll } from '@renderer/graph/layout-core';

const distance = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);

function minPairDistance(points: Point[]): number {
  let min = Infinity;
  for (let i = 0; i < points.length; i += 1) {
    for (let j = i + 1; j < points.length; j += 1) min = Math.min(min, distance(points[i] as Point, points[j] as Point));
  }
  return min;
}

const at = (positions: Map<string, Point>, id: string): Point => {
  const point = positions.get(id);
  if (!point) throw new Error(`no position for ${id}`);
  return point;
};

describe('placeNear', () => {
  const parent = { x: 120, y: -40 };

  it('returns exactly as many points as asked', () => {
    for (const count of [0, 1, 6, 7, 200, 1000]) expect(placeNear(parent, [], count)).toHaveLength(count);
  });

  it('is deterministic', () => {
    const existing = [{ x: 190, y: -40 }, { x: 0, y: 0 }];
    expect(placeNear(parent, existing, 50)).toEqual(placeNear(parent, existing, 50));
  });

  it('keeps 200 new points at least one spacing apart, and off the parent', () => {
    const points = placeNear(parent, [], 200);
    expect(minPairDistance(points)).toBeGreaterThanOrEqual(DEFAULT_SPACING - 1e-6);
    for (const point of points) expect(distance(point, parent)).toBeGreaterThanOrEqual(DEFAULT_SPACING - 1e-6);
  });

  it('honours a custom spacing', () => {
    const points = placeNear(parent, [], 100, { spacing: 60 });
    expect(minPairDistance(points)).toBeGreaterThanOrEqual(60 - 1e-6);
  });

  it('goes around what is already on the canvas instead of covering it', () => {
    // A sibling fan already sits east of the parent: new points must keep clear of every one of them.
    const existing = placeNear({ x: parent.x + 300, y: parent.y }, [], 40);
    const points = placeNear(parent, existing, 100);
    for (const point of points) {
      for (const other of existing) expect(distance(point, other)).toBeGreaterThanOrEqual(DEFAULT_CLEARANCE - 1e-6);
    }
  });

  it('places 1,000 new nodes in compact rings around the parent', () => {
    const points = placeNear(parent, [], 1000);
    const farthest = Math.max(...points.map((p) => distance(p, parent)));
    // Rings one spacing apart holding ≈ 2πr slots each: 1,000 points need about 18 rings.
    expect(farthest).toBeLessThanOrEqual(DEFAULT_SPACING * 20);
    expect(new Set(points.map((p) => `${p.x.toFixed(3)},${p.y.toFixed(3)}`)).size).toBe(1000);
  });
});

describe('seedPositions (the fast first placement)', () => {
  it('keeps given positions and opens a fan around its hub', () => {
    const input: LayoutInput = {
      nodes: [
        { id: 'ip:203.0.113.5', position: { x: 500, y: 500 }, fixed: false },
        ...Array.from({ length: 30 }, (_, i) => ({ id: `domain:d${i}.example.net`, position: null, fixed: false })),
      ],
      edges: Array.from({ length: 30 }, (_, i) => ({ source: `domain:d${i}.example.net`, target: 'ip:203.0.113.5' })),
    };
    const seeded = seedPositions(input);
    expect(seeded[0]).toEqual({ x: 500, y: 500 });
    const fan = seeded.slice(1);
    expect(minPairDistance(fan)).toBeGreaterThanOrEqual(DEFAULT_SPACING - 1e-6);
    for (const point of fan) expect(distance(point, { x: 500, y: 500 })).toBeLessThanOrEqual(DEFAULT_SPACING * 4);
    expect(seedPositions(input)).toEqual(seeded);
  });
});

describe('qualityFor', () => {
  it('runs the full fcose on small graphs and the draft path on large ones', () => {
    expect(qualityFor(1)).toBe('default');
    expect(qualityFor(500)).toBe('default');
    expect(qualityFor(501)).toBe('draft');
    expect(qualityFor(20_000)).toBe('draft');
  });
});

/** Three pinned hubs far apart, each with a fan of free neighbours, and a few free links between fans. */
function pinnedHubs(): { input: LayoutInput; hubs: Record<string, Point> } {
  const hubs: Record<string, Point> = { 'ip:10.0.0.1': { x: -800, y: 0 }, 'ip:10.0.0.2': { x: 800, y: 0 }, 'ip:10.0.0.3': { x: 0, y: 900 } };
  const input: LayoutInput = { nodes: [], edges: [] };
  for (const [hub, position] of Object.entries(hubs)) {
    input.nodes.push({ id: hub, position, fixed: true });
    for (let i = 0; i < 8; i += 1) {
      const leaf = `domain:${i}.${hub.slice(3)}.example.net`;
      input.nodes.push({ id: leaf, position: null, fixed: false });
      input.edges.push({ source: leaf, target: hub });
    }
  }
  return { input, hubs };
}

/** Mean length of edges vs mean distance between nodes that share no edge. */
function connectedVsUnconnected(input: LayoutInput, positions: Map<string, Point>): { connected: number; unconnected: number } {
  const linked = new Set(input.edges.flatMap((e) => [`${e.source} ${e.target}`, `${e.target} ${e.source}`]));
  const ids = input.nodes.map((n) => n.id);
  let connected = 0;
  let connectedCount = 0;
  let unconnected = 0;
  let unconnectedCount = 0;
  for (let i = 0; i < ids.length; i += 1) {
    for (let j = i + 1; j < ids.length; j += 1) {
      const a = ids[i] as string;
      const b = ids[j] as string;
      const d = distance(at(positions, a), at(positions, b));
      if (linked.has(`${a} ${b}`)) {
        connected += d;
        connectedCount += 1;
      } else {
        unconnected += d;
        unconnectedCount += 1;
      }
    }
  }
  return { connected: connected / connectedCount, unconnected: unconnected / unconnectedCount };
}

/** Two dense communities of 12 joined by one bridge, nothing placed yet. */
function twoCommunities(): LayoutInput {
  const input: LayoutInput = { nodes: [], edges: [] };
  for (const side of ['a', 'b']) {
    for (let i = 0; i < 12; i += 1) input.nodes.push({ id: `domain:${side}${i}.example.org`, position: null, fixed: false });
    for (let i = 0; i < 12; i += 1) {
      for (const step of [1, 3]) input.edges.push({ source: `domain:${side}${i}.example.org`, target: `domain:${side}${(i + step) % 12}.example.org` });
    }
  }
  input.edges.push({ source: 'domain:a0.example.org', target: 'domain:b0.example.org' });
  return input;
}

const allPositions = (input: LayoutInput, flat: Float64Array): Map<string, Point> =>
  new Map(input.nodes.map((node, i) => [node.id, { x: flat[2 * i] ?? NaN, y: flat[2 * i + 1] ?? NaN }]));

describe('layout core (headless cytoscape + fcose)', () => {
  for (const quality of ['default', 'draft'] as const) {
    it(`${quality}: pinned nodes stay, every free node gets a finite position near its own hub`, () => {
      const { input, hubs } = pinnedHubs();
      const flat = layoutAll(input, { quality });
      const everything = allPositions(input, flat);
      for (const [hub, position] of Object.entries(hubs)) expect(at(everything, hub)).toEqual(position);

      const free = computeLayout(input, { quality });
      expect([...free.keys()].sort()).toEqual(input.nodes.filter((n) => !n.fixed).map((n) => n.id).sort());
      for (const edge of input.edges) {
        const leaf = at(free, edge.source);
        expect(Number.isFinite(leaf.x) && Number.isFinite(leaf.y)).toBe(true);
        // The layout worked in the pinned nodes' coordinates: each leaf is nearer its own hub than any other.
        const own = distance(leaf, hubs[edge.target] as Point);
        for (const [hub, position] of Object.entries(hubs)) if (hub !== edge.target) expect(own).toBeLessThan(distance(leaf, position));
      }
    });

    it(`${quality}: connected nodes end nearer each other than unconnected ones`, () => {
      const input = twoCommunities();
      const positions = computeLayout(input, { quality });
      expect(positions.size).toBe(input.nodes.length);
      for (const p of positions.values()) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
      const { connected, unconnected } = connectedVsUnconnected(input, positions);
      expect(connected).toBeLessThan(unconnected);
    });
  }

  it('draft: spreads a large fan so no two nodes sit on each other', () => {
    // Spectral placement puts leaves that share their only neighbour on the very same spot.
    const input: LayoutInput = { nodes: [{ id: 'ip:192.0.2.1', position: null, fixed: false }], edges: [] };
    for (let i = 0; i < 600; i += 1) {
      input.nodes.push({ id: `domain:n${i}.example.com`, position: null, fixed: false });
      input.edges.push({ source: `domain:n${i}.example.com`, target: 'ip:192.0.2.1' });
    }
    const positions = [...computeLayout(input, { quality: 'draft' }).values()];
    expect(minPairDistance(positions)).toBeGreaterThan(DEFAULT_SPACING / 4);
  });

  it('draft on an existing picture: it stays recognisable, newcomers settle in near their parent', () => {
    // 30 × 30 placed nodes on a loose grid (free, not pinned), chained row by row; 25 new leaves on one.
    const input: LayoutInput = { nodes: [], edges: [] };
    for (let i = 0; i < 900; i += 1) {
      input.nodes.push({ id: `domain:g${i}.example.com`, position: { x: (i % 30) * 90, y: Math.floor(i / 30) * 90 }, fixed: false });
      if (i % 30) input.edges.push({ source: `domain:g${i - 1}.example.com`, target: `domain:g${i}.example.com` });
    }
    const parent = 'domain:g465.example.com';
    for (let i = 0; i < 25; i += 1) {
      input.nodes.push({ id: `url:http://g465.example.com/${i}`, position: null, fixed: false });
      input.edges.push({ source: parent, target: `url:http://g465.example.com/${i}` });
    }
    const positions = computeLayout(input, { quality: 'draft' });
    const moved = input.nodes.slice(0, 900).map((node) => distance(at(positions, node.id), node.position as Point));
    expect(moved.reduce((a, b) => a + b, 0) / moved.length).toBeLessThan(DEFAULT_SPACING / 2);
    const parentAt = at(positions, parent);
    for (const node of input.nodes.slice(900)) expect(distance(at(positions, node.id), parentAt)).toBeLessThan(DEFAULT_SPACING * 6);
    expect(minPairDistance([...positions.values()])).toBeGreaterThan(DEFAULT_SPACING / 4);
  });

  it('draft, fresh: lays an existing picture out anew', () => {
    const input = twoCommunities();
    input.nodes.forEach((node, i) => (node.position = { x: i * 500, y: 0 }));
    const positions = computeLayout(input, { quality: 'draft', fresh: true });
    const { connected, unconnected } = connectedVsUnconnected(input, positions);
    expect(connected).toBeLessThan(unconnected);
    expect(Math.max(...[...positions.values()].map((p) => p.x))).toBeLessThan(5000);
  });

  it('keeps a pinned node that has no position yet free to be placed', () => {
    const input: LayoutInput = {
      nodes: [
        { id: 'ip:10.1.1.1', position: { x: 0, y: 0 }, fixed: true },
        { id: 'ip:10.1.1.2', position: null, fixed: true },
      ],
      edges: [{ source: 'ip:10.1.1.1', target: 'ip:10.1.1.2' }],
    };
    const positions = computeLayout(input, { quality: 'default' });
    expect([...positions.keys()]).toEqual(['ip:10.1.1.2']);
  });
});

describe('runLayout', () => {
  it('runs the same layout in-process where there is no Worker (happy-dom)', async () => {
    expect(typeof Worker).toBe('undefined');
    const { input, hubs } = pinnedHubs();
    const positions = await runLayout(input, { quality: 'default' });
    expect(positions.size).toBe(input.nodes.length - Object.keys(hubs).length);
    for (const hub of Object.keys(hubs)) expect(positions.has(hub)).toBe(false);
  });

  it('rejects at once when already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(runLayout(twoCommunities(), { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
