/**
 * Is there anything under the pointer, and what? Answers in about a millisecond for tens of
 * thousands of elements, where cytoscape's own hit test (every element's label box, each time)
 * takes a tenth of a second at 5,000 nodes — on every press and every release. Edges are straight
 * lines here: the large-graph style draws them so (haystack), and only large graphs ask.
 */
import type { Core, EdgeSingular, NodeSingular } from 'cytoscape';

export interface HitScene {
  /** Per node: x, y, half width, half height (model units). */
  nodes: Float64Array;
  /** Per edge: x1, y1, x2, y2, half width (model units). */
  edges: Float64Array;
  /** The elements, in the order of the arrays above. */
  nodeElements: NodeSingular[];
  edgeElements: EdgeSingular[];
}

/** Pixels of slack around a node and an edge, as cytoscape allows a mouse (2 and 8), plus a margin. */
const NODE_SLACK_PX = 4;
const EDGE_SLACK_PX = 10;

export function sceneOf(cy: Core): HitScene {
  const nodes = cy.nodes();
  const index = new Map<string, number>();
  const nodeData = new Float64Array(nodes.length * 4);
  const nodeElements: NodeSingular[] = new Array<NodeSingular>(nodes.length);
  for (let i = 0; i < nodes.length; i += 1) {
    const node = nodes[i] as NodeSingular;
    nodeElements[i] = node;
    const at = node.position();
    index.set(node.id(), i);
    nodeData[i * 4] = at.x;
    nodeData[i * 4 + 1] = at.y;
    nodeData[i * 4 + 2] = node.outerWidth() / 2;
    nodeData[i * 4 + 3] = node.outerHeight() / 2;
  }
  const edges = cy.edges();
  const edgeData = new Float64Array(edges.length * 5);
  const edgeElements: EdgeSingular[] = [];
  let count = 0;
  for (let i = 0; i < edges.length; i += 1) {
    const edge = edges[i] as EdgeSingular;
    const source = index.get(edge.data('source') as string);
    const target = index.get(edge.data('target') as string);
    if (source === undefined || target === undefined) continue;
    edgeData[count * 5] = nodeData[source * 4] ?? 0;
    edgeData[count * 5 + 1] = nodeData[source * 4 + 1] ?? 0;
    edgeData[count * 5 + 2] = nodeData[target * 4] ?? 0;
    edgeData[count * 5 + 3] = nodeData[target * 4 + 1] ?? 0;
    edgeData[count * 5 + 4] = (edge.numericStyle('width') || 1) / 2;
    edgeElements.push(edge);
    count += 1;
  }
  return { nodes: nodeData, edges: edgeData.subarray(0, count * 5), nodeElements, edgeElements };
}

/**
 * Whether the model point (x, y), seen at `zoom`, is on or near a node or an edge of `scene`, with
 * more slack than cytoscape gives the mouse: when in doubt the answer is yes, and cytoscape decides.
 */
export function hitsAnything(scene: HitScene, x: number, y: number, zoom: number): boolean {
  return topNode(scene, x, y, NODE_SLACK_PX / zoom) >= 0 || nearestEdge(scene, x, y, EDGE_SLACK_PX / zoom) >= 0;
}

/**
 * What cytoscape's own hit test would find at the model point (x, y): the topmost node whose box
 * holds it (the one drawn last) and the nearest edge within reach, with cytoscape's slack — 2 and 8
 * screen pixels for a mouse, 8 and 24 for a finger. −1 where there is none. A node's box, not its
 * outline: a click just outside a circle's curve, inside its square, still takes the node.
 */
export function nearestIn(scene: HitScene, x: number, y: number, zoom: number, touch: boolean): { node: number; edge: number } {
  return { node: topNode(scene, x, y, (touch ? 8 : 2) / zoom), edge: nearestEdge(scene, x, y, (touch ? 24 : 8) / zoom) };
}

/** The index of the last node (the one drawn on top) whose box grown by `slack` holds (x, y), or −1. */
function topNode({ nodes }: HitScene, x: number, y: number, slack: number): number {
  for (let i = nodes.length / 4 - 1; i >= 0; i -= 1) {
    const at = i * 4;
    if (Math.abs(x - (nodes[at] as number)) <= (nodes[at + 2] as number) + slack && Math.abs(y - (nodes[at + 1] as number)) <= (nodes[at + 3] as number) + slack) {
      return i;
    }
  }
  return -1;
}

/** The index of the edge nearest (x, y) within its half width plus `slack`, or −1. */
function nearestEdge({ edges }: HitScene, x: number, y: number, slack: number): number {
  let edge = -1;
  let best = Infinity;
  for (let i = 0; i + 4 < edges.length; i += 5) {
    const x1 = edges[i] as number;
    const y1 = edges[i + 1] as number;
    const x2 = edges[i + 2] as number;
    const y2 = edges[i + 3] as number;
    const reach = (edges[i + 4] as number) + slack;
    // Outside the segment's box grown by the reach: far from it.
    if (x < Math.min(x1, x2) - reach || x > Math.max(x1, x2) + reach || y < Math.min(y1, y2) - reach || y > Math.max(y1, y2) + reach) continue;
    const squared = distanceToSegmentSquared(x, y, x1, y1, x2, y2);
    if (squared <= reach * reach && squared < best) {
      best = squared;
      edge = i / 5;
    }
  }
  return edge;
}

export function distanceToSegmentSquared(x: number, y: number, x1: number, y1: number, x2: number, y2: number): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const length = dx * dx + dy * dy;
  const along = length === 0 ? 0 : Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / length));
  const px = x1 + along * dx - x;
  const py = y1 + along * dy - y;
  return px * px + py * py;
}
