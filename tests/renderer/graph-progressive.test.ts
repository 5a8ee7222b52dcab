import cytoscape, { type ElementDefinition } from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { applyElements } from '@renderer/graph/diff';
import { addInSteps, type Schedule } from '@renderer/graph/progressive';

/** A star: `n` nodes around node 0, and a ring; edges = 2 × (n − 1). */
function graph(n: number): ElementDefinition[] {
  const nodes = Array.from({ length: n }, (_, i) => ({ group: 'nodes' as const, data: { id: `n${i}` }, position: { x: i, y: i } }));
  const edges: ElementDefinition[] = [];
  for (let i = 1; i < n; i += 1) {
    edges.push({ group: 'edges', data: { id: `s${i}`, source: 'n0', target: `n${i}` } });
    edges.push({ group: 'edges', data: { id: `r${i}`, source: `n${i}`, target: `n${(i % (n - 1)) + 1}` } });
  }
  // Mixed order, as toElements gives them: edges must still wait for every node.
  return [...edges.slice(0, 3), ...nodes, ...edges.slice(3)];
}

/** Steps run only when the test says so: one call = one frame. */
function manualFrames(): { schedule: Schedule; frame(): void; pending(): number } {
  let queue: Array<() => void> = [];
  return {
    schedule(step) {
      queue.push(step);
      return () => (queue = queue.filter((s) => s !== step));
    },
    frame() {
      const steps = queue;
      queue = [];
      steps.forEach((step) => step());
    },
    pending: () => queue.length,
  };
}

describe('a large graph added in steps', () => {
  it('shows every node at once, then the edges a chunk per frame, until all are in', async () => {
    const cy = cytoscape({ headless: true, styleEnabled: true });
    const frames = manualFrames();
    const stream = addInSteps(cy, graph(101), { chunk: 60, schedule: frames.schedule });
    expect(cy.nodes().length).toBe(101);
    expect(cy.edges().length).toBe(0);
    // One frame with the nodes alone (cytoscape draws them), then a chunk per frame.
    frames.frame();
    expect(cy.edges().length).toBe(0);
    frames.frame();
    expect(cy.edges().length).toBe(60);
    frames.frame();
    frames.frame();
    expect(cy.edges().length).toBe(180);
    frames.frame();
    expect(cy.edges().length).toBe(200);
    expect(frames.pending()).toBe(0);
    await expect(stream.done).resolves.toBe(true);
    cy.destroy();
  });

  it('stops when cancelled, and the next keyed diff adds exactly the edges it had not', async () => {
    const cy = cytoscape({ headless: true, styleEnabled: true });
    const frames = manualFrames();
    const elements = graph(101);
    const stream = addInSteps(cy, elements, { chunk: 50, schedule: frames.schedule });
    frames.frame();
    frames.frame();
    stream.cancel();
    expect(frames.pending()).toBe(0);
    await expect(stream.done).resolves.toBe(false);
    frames.frame();
    expect(cy.edges().length).toBe(50);
    const result = applyElements(cy, elements);
    expect(result).toMatchObject({ added: 150, removed: 0 });
    expect(cy.edges().length).toBe(200);
    cy.destroy();
  });

  it('takes at most four steps, however small the chunk asked for', async () => {
    const cy = cytoscape({ headless: true, styleEnabled: true });
    const frames = manualFrames();
    const stream = addInSteps(cy, graph(101), { chunk: 10, schedule: frames.schedule });
    const counts: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      frames.frame();
      counts.push(cy.edges().length);
    }
    expect(counts).toEqual([0, 50, 100, 150, 200, 200]);
    await expect(stream.done).resolves.toBe(true);
    cy.destroy();
  });

  it('a graph without edges is complete at once', async () => {
    const cy = cytoscape({ headless: true, styleEnabled: true });
    const frames = manualFrames();
    const stream = addInSteps(cy, graph(1), { schedule: frames.schedule });
    expect(frames.pending()).toBe(0);
    await expect(stream.done).resolves.toBe(true);
    expect(cy.nodes().length).toBe(1);
    cy.destroy();
  });
});
