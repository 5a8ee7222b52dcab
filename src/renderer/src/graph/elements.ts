/**
 * `GraphView` → cytoscape element definitions, and the stylesheet that draws them. Pure: the
 * component feeds `toElements` to `applyElements` (diff.ts) and `graphStyle` to `cy.style()`.
 * Only scalars go into `data`, so the diff can compare fields with `===`.
 */
import type { ElementDefinition, StylesheetStyle } from 'cytoscape';
import { isGroupNodeId } from '@shared/graph/group-id';
import type { RelationKind } from '@shared/graph/types';
import type { GraphView } from './types';

export const ZONE_COLOURS: Readonly<Record<string, string>> = {
  red: '#d92d20',
  orange: '#ef6c00',
  yellow: '#d4a106',
  grey: '#8a939e',
  green: '#219653',
};

export type GraphTheme = 'light' | 'dark';

export interface GraphPalette {
  /** The canvas behind the graph (the component paints it). */
  canvas: string;
  /** Label text and the box behind it: the pair WCAG contrast is checked on. */
  text: string;
  textBackground: string;
  /** How opaque the label box is; what shows through is at most (1 − this) of anything below. */
  textBackgroundOpacity: number;
  /** Node outline: gives every zone fill (pale yellow too) ≥ 3:1 against the canvas (WCAG 1.4.11). */
  outline: string;
  edge: string;
  /** A node in no zone. */
  neutral: string;
  groupFill: string;
  selected: string;
}

export const GRAPH_PALETTES: Readonly<Record<GraphTheme, GraphPalette>> = {
  light: {
    canvas: '#ffffff',
    text: '#1f2328',
    textBackground: '#ffffff',
    textBackgroundOpacity: 0.9,
    outline: '#424a53',
    edge: '#57606a',
    neutral: '#d0d7de',
    groupFill: '#eef1f4',
    selected: '#0969da',
  },
  dark: {
    canvas: '#0d1117',
    text: '#e6edf3',
    textBackground: '#0d1117',
    textBackgroundOpacity: 0.9,
    outline: '#c9d1d9',
    edge: '#8b949e',
    neutral: '#484f58',
    groupFill: '#21262d',
    selected: '#58a6ff',
  },
};

/** Edge colours by kind in a large graph, where every edge is a plain solid line. */
export const LARGE_EDGE_COLOURS: Readonly<Record<GraphTheme, Readonly<Record<RelationKind, string>>>> = {
  light: { resolves_to: '#57606a', downloaded_from: '#8250df', contacted: '#bf3989', on_host: '#8c959f' },
  dark: { resolves_to: '#8b949e', downloaded_from: '#a371f7', contacted: '#db61a2', on_host: '#6e7681' },
};

/** `zone-red` … for TIP's five zones, `zone-none` for anything else (no answer, an unknown word). */
export function zoneClass(zone: string | null): string {
  const key = zone?.toLowerCase() ?? '';
  return key in ZONE_COLOURS ? `zone-${key}` : 'zone-none';
}

/** Nodes first, then edges: `cy.add` needs an edge's ends to exist before the edge. */
export function toElements(view: GraphView): ElementDefinition[] {
  const elements: ElementDefinition[] = [];
  for (const node of view.nodes) {
    const data: Record<string, string | number | boolean | null> = {
      id: node.id,
      label: node.label,
      type: node.type,
      zone: node.zone,
      kind: node.kind,
      degree: node.degree,
      value: node.value,
      pinned: node.pinned,
      lookedUp: node.lookedUp,
      threatScore: node.threatScore,
    };
    const classes = [node.kind, `type-${node.type}`, zoneClass(node.zone)];
    if (node.pinned) classes.push('pinned');
    if (node.lookedUp) classes.push('looked-up');
    if (node.group !== undefined) {
      // Not `parent`: cytoscape reads that key as a compound parent.
      data.groupParent = node.group.parent;
      data.total = node.group.total;
      data.remaining = node.group.remaining;
      data.truncated = node.group.truncated;
      if (node.group.truncated) classes.push('truncated');
    }
    const element: ElementDefinition = { group: 'nodes', data, classes };
    // Never an invented position: a node without one is placed by the layout, not here.
    if (node.position !== null) element.position = { x: node.position.x, y: node.position.y };
    elements.push(element);
  }
  for (const edge of view.edges) {
    const classes = [`kind-${edge.kind}`];
    if (isGroupNodeId(edge.source) || isGroupNodeId(edge.target)) classes.push('group-edge');
    elements.push({
      group: 'edges',
      data: { id: edge.id, source: edge.source, target: edge.target, kind: edge.kind, label: edge.label, hits: edge.hits, firstSeen: edge.firstSeen, lastSeen: edge.lastSeen },
      classes,
    });
  }
  return elements;
}

/**
 * Shapes by type, chosen to differ in outline (not only in colour, which is the zone's): a domain
 * is a circle (the commonest node, the plainest shape); an IP a rounded square (a machine); a URL a
 * tag (it points somewhere); a file an upright page; a group an octagon with a dashed border (a
 * container, visibly not one object). They stay apart for colour-blind readers and in print.
 */
export function graphStyle(theme: GraphTheme, options: { large?: boolean } = {}): StylesheetStyle[] {
  const p = GRAPH_PALETTES[theme];
  // A large graph's edges are straight, solid and bare: curves, arrowheads and edge words cost a
  // measure per edge at every draw, a dash pattern makes each line ~4× slower to stroke (bench/graph),
  // and at thousands of edges none of them can be read anyway. The kind is told by colour instead.
  const bareEdges = options.large
    ? [
        { selector: 'edge', style: { 'curve-style': 'haystack', 'haystack-radius': 0, 'target-arrow-shape': 'none', label: '', width: 1, 'line-style': 'solid' } },
        ...Object.entries(LARGE_EDGE_COLOURS[theme]).map(([kind, colour]) => ({ selector: `edge.kind-${kind}`, style: { 'line-color': colour } })),
      ]
    : [];
  const labelBox = {
    color: p.text,
    'text-background-color': p.textBackground,
    'text-background-opacity': p.textBackgroundOpacity,
    'text-background-padding': '2px',
    'text-background-shape': 'roundrectangle',
    'font-family': 'system-ui, -apple-system, "Segoe UI", sans-serif',
  } as const;
  return [
    {
      selector: 'node',
      style: {
        ...labelBox,
        label: 'data(label)',
        'font-size': 11,
        // Below 7 screen pixels a label is noise: cytoscape skips it, which also keeps zoomed-out
        // large graphs fast.
        'min-zoomed-font-size': 7,
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 4,
        'text-wrap': 'ellipsis',
        // Wide enough for every label entityLabel makes (an IPv6 address is up to 39 characters):
        // cytoscape then never shortens one, which it does a character and a measure at a time.
        'text-max-width': '260px',
        width: 26,
        height: 26,
        'background-color': p.neutral,
        'border-width': 1.5,
        'border-color': p.outline,
      },
    },
    { selector: 'node.type-domain', style: { shape: 'ellipse' } },
    { selector: 'node.type-ip', style: { shape: 'round-rectangle' } },
    { selector: 'node.type-url', style: { shape: 'round-tag', width: 30, height: 22 } },
    { selector: 'node.type-file', style: { shape: 'rectangle', width: 20, height: 26 } },
    ...Object.entries(ZONE_COLOURS).map(([zone, colour]) => ({ selector: `node.zone-${zone}`, style: { 'background-color': colour } })),
    {
      selector: 'node.group',
      style: {
        shape: 'round-octagon',
        width: 34,
        height: 34,
        'background-color': p.groupFill,
        'border-style': 'dashed',
        'border-width': 2,
        'font-weight': 'bold',
      },
    },
    { selector: 'node.group.truncated', style: { 'border-color': ZONE_COLOURS.orange ?? p.outline } },
    { selector: 'node.pinned', style: { 'border-style': 'double', 'border-width': 4 } },
    { selector: 'node:selected', style: { 'border-color': p.selected, 'border-width': 3, 'underlay-color': p.selected, 'underlay-opacity': 0.2, 'underlay-padding': 6 } },
    {
      selector: 'edge',
      style: {
        ...labelBox,
        label: 'data(label)',
        'font-size': 9,
        // Edge words only once zoomed in to where they fit (9 px × zoom ≥ 9 px).
        'min-zoomed-font-size': 9,
        'text-rotation': 'autorotate',
        width: 1.5,
        'line-color': p.edge,
        // Bezier, not haystack: haystack edges cannot carry the arrowheads that show direction.
        'curve-style': 'bezier',
        'target-arrow-shape': 'triangle',
        'target-arrow-color': p.edge,
        'arrow-scale': 0.9,
      },
    },
    { selector: 'edge.kind-resolves_to', style: { 'line-style': 'solid' } },
    { selector: 'edge.kind-downloaded_from', style: { 'line-style': 'dashed', 'line-dash-pattern': [6, 3] } },
    { selector: 'edge.kind-contacted', style: { 'line-style': 'dotted' } },
    { selector: 'edge.kind-on_host', style: { 'line-style': 'solid', width: 1 } },
    { selector: 'edge.group-edge', style: { 'line-opacity': 0.6 } },
    { selector: 'edge:selected', style: { 'line-color': p.selected, 'target-arrow-color': p.selected, width: 3 } },
    ...(bareEdges as StylesheetStyle[]),
  ];
}
