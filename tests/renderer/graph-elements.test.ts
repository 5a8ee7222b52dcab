// GraphView → cytoscape elements and stylesheet: positions only when the case knows one, classes that
// carry type, zone, group and pin, and a style whose labels stay legible on both themes.
import cytoscape from 'cytoscape';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GRAPH_PALETTES, ZONE_COLOURS, graphStyle, toElements, zoneClass } from '@renderer/graph/elements';
import { viewportFor } from '@renderer/graph/canvas-options';
import type { GraphNodeView, GraphView } from '@renderer/graph/types';

function nodeView(id: string, extra: Partial<GraphNodeView> = {}): GraphNodeView {
  const type = id.slice(0, id.indexOf(':')) as GraphNodeView['type'];
  return {
    id, kind: 'entity', type, label: id, value: id, zone: null, threatScore: null, position: null, pinned: false,
    tags: [], notes: '', degree: 0, firstSeen: null, lastSeen: null, lookedUp: false, ...extra,
  };
}

const GROUP = 'group:ip:203.0.113.66|resolves_to|in';
const VIEW: GraphView = {
  nodes: [
    nodeView('ip:203.0.113.66', { zone: 'Red', position: { x: 12.5, y: -4 }, pinned: true, lookedUp: true, degree: 2 }),
    nodeView('domain:bad.example.com', { zone: 'Yellow' }),
    nodeView('url:http://bad.example.com/x', { zone: 'Purple' }),
    nodeView('file:0a1b2c3d4e5f60718293a4b5c6d7e8f9'),
    nodeView(GROUP, {
      kind: 'group', type: 'group', label: '+975 resolutions (list cut)', lookedUp: true,
      group: { parent: 'ip:203.0.113.66', kind: 'resolves_to', direction: 'in', total: 975, remaining: 975, truncated: true },
    }),
  ],
  edges: [
    { id: 'domain:bad.example.com|resolves_to|ip:203.0.113.66', source: 'domain:bad.example.com', target: 'ip:203.0.113.66', kind: 'resolves_to', label: 'resolves to', hits: 40, firstSeen: null, lastSeen: null },
    { id: `${GROUP}|edge`, source: GROUP, target: 'ip:203.0.113.66', kind: 'resolves_to', label: 'resolves to', hits: null, firstSeen: null, lastSeen: null },
  ],
};

describe('toElements', () => {
  const elements = toElements(VIEW);
  const byId = (id: string) => elements.find((e) => e.data.id === id);

  it('lists nodes before edges', () => {
    expect(elements.map((e) => e.group)).toEqual(['nodes', 'nodes', 'nodes', 'nodes', 'nodes', 'edges', 'edges']);
  });

  it('gives a position only to nodes the case has placed', () => {
    expect(byId('ip:203.0.113.66')?.position).toEqual({ x: 12.5, y: -4 });
    expect(byId('domain:bad.example.com')).not.toHaveProperty('position');
    // A copy: cytoscape mutates the positions it is given.
    expect(byId('ip:203.0.113.66')?.position).not.toBe(VIEW.nodes[0]?.position);
  });

  it('carries type, zone, group, pin and truncation as classes', () => {
    expect(byId('ip:203.0.113.66')?.classes).toEqual(['entity', 'type-ip', 'zone-red', 'pinned', 'looked-up']);
    expect(byId('domain:bad.example.com')?.classes).toEqual(['entity', 'type-domain', 'zone-yellow']);
    // A zone word TIP does not use is drawn as no zone.
    expect(byId('url:http://bad.example.com/x')?.classes).toContain('zone-none');
    expect(byId(GROUP)?.classes).toEqual(['group', 'type-group', 'zone-none', 'looked-up', 'truncated']);
    expect(byId(`${GROUP}|edge`)?.classes).toEqual(['kind-resolves_to', 'group-edge']);
    expect(zoneClass('GREY')).toBe('zone-grey');
  });

  it('puts scalars in data, and never a `parent` key (cytoscape reads that as a compound parent)', () => {
    expect(byId('ip:203.0.113.66')?.data).toEqual({
      id: 'ip:203.0.113.66', label: 'ip:203.0.113.66', type: 'ip', zone: 'Red', kind: 'entity', degree: 2,
      value: 'ip:203.0.113.66', pinned: true, lookedUp: true, threatScore: null,
    });
    expect(byId(GROUP)?.data).toMatchObject({ groupParent: 'ip:203.0.113.66', total: 975, remaining: 975, truncated: true });
    expect(byId(GROUP)?.data).not.toHaveProperty('parent');
    expect(byId('domain:bad.example.com|resolves_to|ip:203.0.113.66')?.data).toEqual({
      id: 'domain:bad.example.com|resolves_to|ip:203.0.113.66', source: 'domain:bad.example.com', target: 'ip:203.0.113.66',
      kind: 'resolves_to', label: 'resolves to', hits: 40, firstSeen: null, lastSeen: null,
    });
    for (const element of elements) {
      for (const value of Object.values(element.data)) expect(value === null || typeof value !== 'object').toBe(true);
    }
  });
});

/** WCAG 2.x relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
function blend(top: string, under: string, alpha: number): string {
  const channel = (hex: string, i: number) => parseInt(hex.slice(i, i + 2), 16);
  return `#${[1, 3, 5].map((i) => Math.round(alpha * channel(top, i) + (1 - alpha) * channel(under, i)).toString(16).padStart(2, '0')).join('')}`;
}

describe('graphStyle', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(['light', 'dark'] as const)('%s: labels keep WCAG AA contrast whatever lies under their box', (theme) => {
    const p = GRAPH_PALETTES[theme];
    // The worst underlay is the colour furthest from the box: black under a light box, white under a dark one.
    for (const under of ['#000000', '#ffffff', ...Object.values(ZONE_COLOURS)]) {
      expect(contrast(p.text, blend(p.textBackground, under, p.textBackgroundOpacity)), under).toBeGreaterThanOrEqual(4.5);
    }
    // Shapes and lines: 3:1 against the canvas (WCAG 1.4.11), pale zone fills included via the outline.
    expect(contrast(p.outline, p.canvas)).toBeGreaterThanOrEqual(3);
    expect(contrast(p.edge, p.canvas)).toBeGreaterThanOrEqual(3);
    expect(contrast(p.selected, p.canvas)).toBeGreaterThanOrEqual(3);
  });

  it.each(['light', 'dark'] as const)('%s: cytoscape accepts every rule and draws types, zones and kinds apart', (theme) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const cy = cytoscape({ headless: true, styleEnabled: true, style: graphStyle(theme), elements: toElements(VIEW) });
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
    const shape = (id: string) => cy.getElementById(id).style('shape');
    expect(shape('ip:203.0.113.66')).toBe('round-rectangle');
    expect(shape('domain:bad.example.com')).toBe('ellipse');
    expect(shape('url:http://bad.example.com/x')).toBe('round-tag');
    expect(shape('file:0a1b2c3d4e5f60718293a4b5c6d7e8f9')).toBe('rectangle');
    expect(shape(GROUP)).toBe('round-octagon');
    expect(cy.getElementById(GROUP).style('border-style')).toBe('dashed');
    expect(cy.getElementById('ip:203.0.113.66').style('border-style')).toBe('double');
    expect(cy.getElementById('ip:203.0.113.66').style('background-color')).toBe('rgb(217,45,32)');
    expect(cy.getElementById('domain:bad.example.com').style('min-zoomed-font-size')).toBe('7px');
    expect(cy.getElementById('domain:bad.example.com').style('text-valign')).toBe('bottom');
    const edge = cy.getElementById('domain:bad.example.com|resolves_to|ip:203.0.113.66');
    expect(edge.style('target-arrow-shape')).toBe('triangle');
    expect(edge.style('line-style')).toBe('solid');
    cy.destroy();
  });

  it('gives each relation kind its own line', () => {
    const lines = Object.fromEntries(
      graphStyle('light')
        .filter((rule) => rule.selector.startsWith('edge.kind-'))
        .map((rule) => [rule.selector.slice('edge.kind-'.length), (rule.style as Record<string, unknown>)['line-style']]),
    );
    expect(lines).toEqual({ resolves_to: 'solid', downloaded_from: 'dashed', contacted: 'dotted', on_host: 'solid' });
  });
});

describe('the style of a large graph', () => {
  it('draws its edges straight and bare, and a small graph with curves, arrows and words', () => {
    const edgeRules = (large: boolean) =>
      graphStyle('light', { large }).filter((rule) => rule.selector === 'edge').map((rule) => rule.style as Record<string, unknown>);
    const small = Object.assign({}, ...edgeRules(false)) as Record<string, unknown>;
    const big = Object.assign({}, ...edgeRules(true)) as Record<string, unknown>;
    expect(small).toMatchObject({ 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', label: 'data(label)' });
    expect(big).toMatchObject({ 'curve-style': 'haystack', 'target-arrow-shape': 'none', label: '', 'line-style': 'solid' });
  });

  it('tells the relation kinds apart by colour once every line is solid, in both themes', () => {
    for (const theme of ['light', 'dark'] as const) {
      const style = graphStyle(theme, { large: true });
      // The last rule for a kind wins in cytoscape: read them in order.
      const kinds = ['resolves_to', 'downloaded_from', 'contacted', 'on_host'] as const;
      const colourOf = (kind: string): unknown =>
        style.filter((rule) => rule.selector === `edge.kind-${kind}`).reduce<unknown>((last, rule) => (rule.style as Record<string, unknown>)['line-color'] ?? last, undefined);
      const lineStyleOf = (kind: string): unknown =>
        style
          .filter((rule) => rule.selector === 'edge' || rule.selector === `edge.kind-${kind}`)
          .reduce<unknown>((last, rule) => (rule.style as Record<string, unknown>)['line-style'] ?? last, undefined);
      expect(new Set(kinds.map(colourOf)).size).toBe(kinds.length);
      expect(kinds.map(lineStyleOf)).toEqual(['solid', 'solid', 'solid', 'solid']);
    }
  });
});

describe('the first view of a graph', () => {
  it('shows every point, centred, from the positions alone', () => {
    const { zoom, pan } = viewportFor([{ x: 0, y: 0 }, { x: 1000, y: 500 }], 800, 600, 40);
    // Both corners land inside the box.
    for (const p of [{ x: 0, y: 0 }, { x: 1000, y: 500 }]) {
      const x = p.x * zoom + pan.x;
      const y = p.y * zoom + pan.y;
      expect(x).toBeGreaterThanOrEqual(40);
      expect(x).toBeLessThanOrEqual(760);
      expect(y).toBeGreaterThanOrEqual(40);
      expect(y).toBeLessThanOrEqual(560);
    }
    expect(viewportFor([], 800, 600)).toEqual({ zoom: 1, pan: { x: 400, y: 300 } });
  });
});
