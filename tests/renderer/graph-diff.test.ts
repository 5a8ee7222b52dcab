// The cytoscape island takes store changes as a keyed diff in one batch: unchanged elements are left
// alone (same objects), a change touches exactly the elements it concerns, and a node the analyst or
// a layout moved is not snapped back unless the store says so.
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyElements } from '@renderer/graph/diff';

const live: Core[] = [];
function headless(): Core {
  const cy = cytoscape({ headless: true, styleEnabled: false });
  live.push(cy);
  return cy;
}
afterEach(() => {
  for (const cy of live.splice(0)) cy.destroy();
});

function nodeDef(id: string, extra: { zone?: string; position?: { x: number; y: number }; classes?: string[] } = {}): ElementDefinition {
  const definition: ElementDefinition = {
    group: 'nodes',
    data: { id, label: id, type: 'domain', zone: extra.zone ?? 'Red', degree: 1, pinned: false },
    classes: extra.classes ?? ['entity', 'type-domain', `zone-${(extra.zone ?? 'Red').toLowerCase()}`],
  };
  if (extra.position) definition.position = extra.position;
  return definition;
}

function edgeDef(source: string, target: string, hits: number | null = 1): ElementDefinition {
  const id = `${source}|resolves_to|${target}`;
  return { group: 'edges', data: { id, source, target, kind: 'resolves_to', label: 'resolves to', hits }, classes: ['kind-resolves_to'] };
}

/** `n` domains, each resolving to the one IP, at known positions. */
function star(n: number): ElementDefinition[] {
  const nodes = Array.from({ length: n }, (_, i) => nodeDef(`domain:d${i}.example`, { position: { x: i * 10, y: 0 } }));
  return [nodeDef('ip:192.0.2.1', { position: { x: 0, y: 100 } }), ...nodes, ...nodes.map((node) => edgeDef(String(node.data.id), 'ip:192.0.2.1'))];
}

describe('applyElements', () => {
  it('adds everything on first apply, edges after their nodes', () => {
    const cy = headless();
    // Edges listed first: still added after the nodes they join.
    const definitions = [edgeDef('domain:a.example', 'ip:192.0.2.1'), nodeDef('domain:a.example'), nodeDef('ip:192.0.2.1')];
    expect(applyElements(cy, definitions)).toEqual({ added: 3, removed: 0, updated: 0 });
    expect(cy.nodes()).toHaveLength(2);
    expect(cy.edges()).toHaveLength(1);
    expect(cy.getElementById('domain:a.example').hasClass('zone-red')).toBe(true);
  });

  it('applying the same definitions again touches nothing and keeps the same element objects', () => {
    const cy = headless();
    applyElements(cy, star(20));
    const before = cy.elements().map((element) => [element.id(), cy.getElementById(element.id())] as const);
    const events: string[] = [];
    cy.on('add remove data position class', (event) => events.push(event.type));
    expect(applyElements(cy, star(20))).toEqual({ added: 0, removed: 0, updated: 0 });
    expect(events).toEqual([]);
    for (const [id, element] of before) expect(cy.getElementById(id)).toBe(element);
  });

  it("changing one node's zone updates exactly that element", () => {
    const cy = headless();
    const definitions = star(50);
    applyElements(cy, definitions);
    const changed = definitions.map((d) => (d.data.id === 'domain:d7.example' ? nodeDef('domain:d7.example', { zone: 'Green', position: { x: 70, y: 0 } }) : d));
    const touched = new Set<string>();
    cy.on('data class position', (event) => touched.add(event.target.id()));
    expect(applyElements(cy, changed)).toEqual({ added: 0, removed: 0, updated: 1 });
    expect([...touched]).toEqual(['domain:d7.example']);
    const node = cy.getElementById('domain:d7.example');
    expect(node.data('zone')).toBe('Green');
    expect(node.classes()).toEqual(['entity', 'type-domain', 'zone-green']);
  });

  it('adding ten nodes to a 1,000-node graph adds ten and updates none, in one batch', () => {
    const cy = headless();
    const base = star(999);
    applyElements(cy, base);
    const more = Array.from({ length: 10 }, (_, i) => nodeDef(`domain:new${i}.example`));
    // Spies call through: the batch really runs, and each add can see whether it is inside it.
    const start = vi.spyOn(cy, 'startBatch');
    const end = vi.spyOn(cy, 'endBatch');
    let added = 0;
    let outsideBatch = 0;
    cy.on('add', () => {
      added += 1;
      if (start.mock.calls.length !== 1 || end.mock.calls.length !== 0) outsideBatch += 1;
    });
    expect(applyElements(cy, [...base, ...more])).toEqual({ added: 10, removed: 0, updated: 0 });
    expect(added).toBe(10);
    expect(outsideBatch).toBe(0);
    expect(start).toHaveBeenCalledTimes(1);
    expect(end).toHaveBeenCalledTimes(1);
    expect(cy.nodes()).toHaveLength(1010);
  });

  it('removing a node removes it and its edges', () => {
    const cy = headless();
    const definitions = star(5);
    applyElements(cy, definitions);
    const without = definitions.filter((d) => d.data.id !== 'domain:d2.example' && d.data.source !== 'domain:d2.example');
    expect(applyElements(cy, without)).toEqual({ added: 0, removed: 2, updated: 0 });
    expect(cy.getElementById('domain:d2.example')).toHaveLength(0);
    expect(cy.getElementById('domain:d2.example|resolves_to|ip:192.0.2.1')).toHaveLength(0);
    expect(cy.edges()).toHaveLength(4);
  });

  it('moves a node only when the store gives a position that differs by more than half a pixel', () => {
    const cy = headless();
    applyElements(cy, [nodeDef('domain:a.example', { position: { x: 10, y: 10 } }), nodeDef('domain:b.example')]);
    const node = cy.getElementById('domain:a.example');
    expect(node.position()).toEqual({ x: 10, y: 10 });

    // The analyst drags it; the store has not caught up: a definition without a position leaves it.
    node.position({ x: 300, y: 200 });
    expect(applyElements(cy, [nodeDef('domain:a.example'), nodeDef('domain:b.example')])).toEqual({ added: 0, removed: 0, updated: 0 });
    expect(node.position()).toEqual({ x: 300, y: 200 });

    // Float noise from a layout or the store's round trip is not a move.
    expect(applyElements(cy, [nodeDef('domain:a.example', { position: { x: 300.3, y: 199.8 } }), nodeDef('domain:b.example')])).toEqual({ added: 0, removed: 0, updated: 0 });
    expect(node.position()).toEqual({ x: 300, y: 200 });

    // Undo of a move: the store says where it is.
    expect(applyElements(cy, [nodeDef('domain:a.example', { position: { x: 10, y: 10 } }), nodeDef('domain:b.example')])).toEqual({ added: 0, removed: 0, updated: 1 });
    expect(node.position()).toEqual({ x: 10, y: 10 });
  });

  it('drops data fields the definition no longer has, and updates edge data', () => {
    const cy = headless();
    const node = nodeDef('domain:a.example');
    applyElements(cy, [{ ...node, data: { ...node.data, note: 'x' } }, nodeDef('ip:192.0.2.1'), edgeDef('domain:a.example', 'ip:192.0.2.1', 1)]);
    expect(applyElements(cy, [node, nodeDef('ip:192.0.2.1'), edgeDef('domain:a.example', 'ip:192.0.2.1', 7)])).toEqual({ added: 0, removed: 0, updated: 2 });
    expect(cy.getElementById('domain:a.example').data('note')).toBeUndefined();
    expect(cy.getElementById('domain:a.example|resolves_to|ip:192.0.2.1').data('hits')).toBe(7);
  });

  it("keeps the caller's definitions unchanged when cytoscape later moves or edits the element", () => {
    const cy = headless();
    const definition = nodeDef('domain:a.example', { position: { x: 1, y: 2 } });
    applyElements(cy, [definition]);
    cy.getElementById('domain:a.example').position({ x: 50, y: 60 }).data('zone', 'Grey');
    expect(definition.position).toEqual({ x: 1, y: 2 });
    expect(definition.data.zone).toBe('Red');
  });

  it('skips an edge whose end is nowhere, instead of throwing', () => {
    const cy = headless();
    expect(applyElements(cy, [nodeDef('domain:a.example'), edgeDef('domain:a.example', 'ip:192.0.2.99')])).toEqual({ added: 1, removed: 0, updated: 0 });
    expect(cy.edges()).toHaveLength(0);
  });
});
