/**
 * The graph as an SVG picture: every node where it stands on the canvas, its shape by type and fill
 * by zone, edges coloured by kind, values written under the nodes. Vector, so a report can zoom
 * into a 5,000-node picture, and text, so its values can be searched and copied. Pure: positions
 * come from the caller (the canvas, where the analyst arranged them).
 */
import type { Point } from '@shared/case-file/types';
import type { RelationKind } from '@shared/graph/types';
import { GRAPH_PALETTES, LARGE_EDGE_COLOURS, ZONE_COLOURS, type GraphTheme } from './elements';
import type { GraphNodeView, GraphView } from './types';

const MARGIN = 40;
/** Room under a node for its label. */
const LABEL_GAP = 16;
const MAX_LABEL = 48;
const DASH: Readonly<Record<RelationKind, string | null>> = { resolves_to: null, downloaded_from: '6 3', contacted: '2 3', on_host: null };

/** XML text and attribute values: the five characters that end or open markup, and no control characters. */
export function escapeXml(text: string): string {
  return Array.from(text)
    .filter((c) => {
      const code = c.codePointAt(0) ?? 0;
      // XML 1.0 forbids these even escaped: C0 controls but tab, line feed and carriage return.
      return code >= 0x20 ? code !== 0xfffe && code !== 0xffff : code === 0x09 || code === 0x0a || code === 0x0d;
    })
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function fillOf(node: GraphNodeView, theme: GraphTheme): string {
  if (node.kind === 'group') return GRAPH_PALETTES[theme].groupFill;
  return ZONE_COLOURS[node.zone?.toLowerCase() ?? ''] ?? GRAPH_PALETTES[theme].neutral;
}

function shapeOf(node: GraphNodeView, at: Point, fill: string, stroke: string): string {
  const { x, y } = at;
  const paint = `fill="${fill}" stroke="${stroke}" stroke-width="1.5"`;
  switch (node.type) {
    case 'domain':
      return `<circle cx="${x}" cy="${y}" r="13" ${paint}/>`;
    case 'ip':
      return `<rect x="${x - 13}" y="${y - 13}" width="26" height="26" rx="5" ${paint}/>`;
    case 'url':
      return `<rect x="${x - 15}" y="${y - 11}" width="30" height="22" rx="9" ${paint}/>`;
    case 'file':
      return `<rect x="${x - 10}" y="${y - 13}" width="20" height="26" ${paint}/>`;
    default: {
      // A group: an octagon, dashed like the canvas draws it.
      const r = 17;
      const k = r * 0.414;
      const points = [
        [x - k, y - r], [x + k, y - r], [x + r, y - k], [x + r, y + k],
        [x + k, y + r], [x - k, y + r], [x - r, y + k], [x - r, y - k],
      ].map(([px, py]) => `${round(px ?? 0)},${round(py ?? 0)}`);
      return `<polygon points="${points.join(' ')}" ${paint} stroke-dasharray="4 3"/>`;
    }
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function shortLabel(label: string): string {
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
}

/**
 * `positionOf(id)` says where a node stands (null: not placed, left out of the picture). Edges whose
 * ends are not both drawn are left out too.
 */
export function graphToSvg(view: GraphView, positionOf: (id: string) => Point | null, options: { theme: GraphTheme; title: string }): string {
  const palette = GRAPH_PALETTES[options.theme];
  const placed = new Map<string, Point>();
  for (const node of view.nodes) {
    const at = positionOf(node.id);
    if (at && Number.isFinite(at.x) && Number.isFinite(at.y)) placed.set(node.id, { x: round(at.x), y: round(at.y) });
  }
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const { x, y } of placed.values()) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  if (placed.size === 0) minX = minY = maxX = maxY = 0;
  const left = minX - MARGIN - 60;
  const top = minY - MARGIN;
  const width = maxX - minX + 2 * (MARGIN + 60);
  const height = maxY - minY + 2 * MARGIN + LABEL_GAP;

  const edges: string[] = [];
  for (const edge of view.edges) {
    const a = placed.get(edge.source);
    const b = placed.get(edge.target);
    if (!a || !b) continue;
    const dash = DASH[edge.kind];
    edges.push(
      `<line x1="${a.x}" y1="${a.y}" x2="${b.x}" y2="${b.y}" stroke="${LARGE_EDGE_COLOURS[options.theme][edge.kind]}" stroke-width="1.2"` +
        `${dash ? ` stroke-dasharray="${dash}"` : ''}><title>${escapeXml(edge.label)}</title></line>`,
    );
  }
  const nodes: string[] = [];
  for (const node of view.nodes) {
    const at = placed.get(node.id);
    if (!at) continue;
    nodes.push(
      `<g><title>${escapeXml(`${node.value}${node.zone ? ` (${node.zone})` : ''}`)}</title>${shapeOf(node, at, fillOf(node, options.theme), palette.outline)}` +
        `<text x="${at.x}" y="${at.y + 13 + LABEL_GAP}" text-anchor="middle">${escapeXml(shortLabel(node.label))}</text></g>`,
    );
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${round(left)} ${round(top)} ${round(width)} ${round(height)}" width="${Math.ceil(width)}" height="${Math.ceil(height)}">`,
    `<title>${escapeXml(options.title)}</title>`,
    // A halo in the background colour under each label, as the canvas draws a box: readable over lines.
    `<style>text { paint-order: stroke; stroke: ${palette.canvas}; stroke-width: 3px; stroke-linejoin: round; }</style>`,
    `<rect x="${round(left)}" y="${round(top)}" width="${round(width)}" height="${round(height)}" fill="${palette.canvas}"/>`,
    `<g class="edges">${edges.join('')}</g>`,
    `<g class="nodes" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="11" fill="${palette.text}">${nodes.join('')}</g>`,
    '</svg>',
    '',
  ].join('\n');
}
