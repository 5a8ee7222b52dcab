/**
 * Applies element definitions to a live cytoscape instance as a keyed diff: new ids are added,
 * missing ids removed, and present ones touched only where something changed. Re-creating elements
 * would reset their rendered state (selection, a drag in progress, positions a layout is animating)
 * and re-style the whole graph, so adding ten nodes to a thousand must cost ten adds
 * (react-cytoscapejs's patch.js takes the same approach).
 */
import type { Core, ElementDefinition, NodeSingular, SingularElementArgument } from 'cytoscape';

export interface ApplyResult {
  added: number;
  removed: number;
  updated: number;
}

/** Below this distance (model px) a position is the same: float noise from layouts and drags. */
export const POSITION_TOLERANCE = 0.5;

/** Keys cytoscape owns or treats as structure; they are never updated through `data()`. */
const STRUCTURAL = new Set(['id', 'source', 'target', 'parent']);

/** An edge definition (by its group, or by having both ends). */
export function isEdgeDefinition(definition: ElementDefinition): boolean {
  if (definition.group !== undefined) return definition.group === 'edges';
  return definition.data.source !== undefined && definition.data.target !== undefined;
}

function classList(classes: ElementDefinition['classes']): string[] {
  if (classes === undefined) return [];
  return Array.isArray(classes) ? classes : (classes.match(/\S+/g) ?? []);
}

function sameClasses(current: readonly string[], next: readonly string[]): boolean {
  if (current.length !== new Set(next).size) return false;
  const have = new Set(current);
  return next.every((name) => have.has(name));
}

/** The data fields to write (changed) and to drop (gone from the definition). */
function dataChanges(element: SingularElementArgument, next: Record<string, unknown>): { set: Record<string, unknown> | null; drop: string[] } {
  const current = element.data() as Record<string, unknown>;
  let set: Record<string, unknown> | null = null;
  for (const [key, value] of Object.entries(next)) {
    if (STRUCTURAL.has(key) || current[key] === value) continue;
    set ??= {};
    set[key] = value;
  }
  const drop = Object.keys(current).filter((key) => !STRUCTURAL.has(key) && !(key in next));
  return { set, drop };
}

/** Brings one existing element in line with its definition; true when anything changed. */
function update(element: SingularElementArgument, definition: ElementDefinition): boolean {
  let changed = false;
  const { set, drop } = dataChanges(element, definition.data as Record<string, unknown>);
  if (set !== null) {
    element.data(set);
    changed = true;
  }
  if (drop.length > 0) {
    element.removeData(drop.join(' '));
    changed = true;
  }
  const classes = classList(definition.classes);
  if (!sameClasses(element.classes(), classes)) {
    element.classes(classes);
    changed = true;
  }
  if (definition.position !== undefined && element.isNode()) {
    const node = element as NodeSingular;
    const at = node.position();
    // Only when the store moved it: a node the analyst is dragging, or one a layout placed, stays.
    if (Math.hypot(at.x - definition.position.x, at.y - definition.position.y) > POSITION_TOLERANCE) {
      node.position({ x: definition.position.x, y: definition.position.y });
      changed = true;
    }
  }
  return changed;
}

/**
 * cytoscape keeps the `data` and `position` objects it is given and mutates them later (drags,
 * `data()` writes): it gets copies, so the caller's definitions stay what the store said.
 */
function ownCopy(definition: ElementDefinition): ElementDefinition {
  const copy: ElementDefinition = { ...definition, data: { ...definition.data } };
  if (definition.position !== undefined) copy.position = { ...definition.position };
  return copy;
}

export function applyElements(cy: Core, next: readonly ElementDefinition[]): ApplyResult {
  const wanted = new Map<string, ElementDefinition>();
  for (const definition of next) {
    const id = definition.data.id;
    if (id !== undefined) wanted.set(id, definition);
  }
  const result: ApplyResult = { added: 0, removed: 0, updated: 0 };
  // startBatch/endBatch rather than cy.batch(fn): cy.batch leaves the batch open when fn throws,
  // and an open batch stops all rendering for good.
  cy.startBatch();
  try {
    // An edge whose ends changed (a definition that reuses an id) is replaced, not moved.
    const gone = cy.elements().filter((element) => {
      const definition = wanted.get(element.id());
      if (definition === undefined) return true;
      if (element.isEdge() !== isEdgeDefinition(definition)) return true;
      return element.isEdge() && (element.data('source') !== definition.data.source || element.data('target') !== definition.data.target);
    });
    // Removing a node takes its edges with it; those count as removed too.
    const removing = gone.union(gone.nodes().connectedEdges());
    result.removed = removing.length;
    if (removing.length > 0) cy.remove(removing);

    const newNodes: ElementDefinition[] = [];
    const newEdges: ElementDefinition[] = [];
    for (const [id, definition] of wanted) {
      const element = cy.getElementById(id);
      if (element.length === 0) (isEdgeDefinition(definition) ? newEdges : newNodes).push(ownCopy(definition));
      else if (update(element, definition)) result.updated += 1;
    }
    if (newNodes.length > 0) cy.add(newNodes);
    // After the nodes, so an edge to a node added in this same call finds its end. An edge whose
    // end is in neither the graph nor the definitions cannot be drawn (cytoscape would throw).
    const drawable = newEdges.filter((edge) => cy.getElementById(String(edge.data.source)).length > 0 && cy.getElementById(String(edge.data.target)).length > 0);
    if (drawable.length > 0) cy.add(drawable);
    result.added = newNodes.length + drawable.length;
  } finally {
    cy.endBatch();
  }
  return result;
}
