import { describe, expect, it } from 'vitest';
import type { Point } from '@shared/case-file/types';
import { escapeXml, graphToSvg } from '@renderer/graph/svg';
import type { GraphEdgeView, GraphNodeView, GraphView } from '@renderer/graph/types';

function node(id: string, type: GraphNodeView['type'], zone: string | null, label = id.slice(id.indexOf(':') + 1)): GraphNodeView {
  return {
    id,
    kind: type === 'group' ? 'group' : 'entity',
    type,
    label,
    value: label,
    zone,
    threatScore: null,
    position: null,
    pinned: false,
    tags: [],
    notes: '',
    degree: 1,
    firstSeen: null,
    lastSeen: null,
    lookedUp: true,
  };
}

function edge(source: string, kind: GraphEdgeView['kind'], target: string): GraphEdgeView {
  return { id: `${source}|${kind}|${target}`, source, target, kind, label: kind.replace('_', ' '), hits: null, firstSeen: null, lastSeen: null };
}

const VIEW: GraphView = {
  nodes: [
    node('ip:203.0.113.66', 'ip', 'Red'),
    node('domain:bad.example.com', 'domain', 'Orange'),
    node('file:2bd4047014b6fe6c1d2f1bfee8d1bc3c', 'file', 'Red'),
    node('url:http://bad.example.com/<script>alert(1)</script>', 'url', null),
    node('domain:unplaced.example', 'domain', 'Green'),
  ],
  edges: [
    edge('domain:bad.example.com', 'resolves_to', 'ip:203.0.113.66'),
    edge('file:2bd4047014b6fe6c1d2f1bfee8d1bc3c', 'downloaded_from', 'url:http://bad.example.com/<script>alert(1)</script>'),
    edge('domain:unplaced.example', 'resolves_to', 'ip:203.0.113.66'),
  ],
};

const POSITIONS: Record<string, Point> = {
  'ip:203.0.113.66': { x: 0, y: 0 },
  'domain:bad.example.com': { x: 120, y: -40 },
  'file:2bd4047014b6fe6c1d2f1bfee8d1bc3c': { x: -150, y: 90 },
  'url:http://bad.example.com/<script>alert(1)</script>': { x: 60, y: 200 },
};

function parse(svg: string): Document {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  return doc;
}

describe('the graph as SVG', () => {
  const svg = graphToSvg(VIEW, (id) => POSITIONS[id] ?? null, { theme: 'light', title: 'Case <42> & co' });
  const doc = parse(svg);

  it('draws every placed node with its shape, zone colour and value, and leaves out what is not placed', () => {
    const texts = [...doc.querySelectorAll('g.nodes text')].map((t) => t.textContent);
    expect(texts).toEqual(['203.0.113.66', 'bad.example.com', '2bd4047014b6fe6c1d2f1bfee8d1bc3c', 'http://bad.example.com/<script>alert(1)</script>']);
    const shapes = [...doc.querySelectorAll('g.nodes g')].map((g) => {
      const shape = g.children[1];
      return [shape?.tagName.toLowerCase(), shape?.getAttribute('fill')];
    });
    expect(shapes).toEqual([
      ['rect', '#d92d20'],
      ['circle', '#ef6c00'],
      ['rect', '#d92d20'],
      ['rect', '#d0d7de'],
    ]);
  });

  it('draws the edges between placed nodes, dashed for downloads, and none to a node left out', () => {
    const lines = [...doc.querySelectorAll('g.edges line')];
    expect(lines.map((l) => l.querySelector('title')?.textContent)).toEqual(['resolves to', 'downloaded from']);
    expect(lines[0]?.getAttribute('stroke-dasharray')).toBeNull();
    expect(lines[1]?.getAttribute('stroke-dasharray')).toBe('6 3');
    expect([lines[0]?.getAttribute('x1'), lines[0]?.getAttribute('y1'), lines[0]?.getAttribute('x2'), lines[0]?.getAttribute('y2')]).toEqual(['120', '-40', '0', '0']);
  });

  it('never lets a value become markup: a hostile URL stays text', () => {
    expect(doc.getElementsByTagName('script')).toHaveLength(0);
    expect(svg).not.toContain('<script>');
    expect(doc.querySelector('svg > title')?.textContent).toBe('Case <42> & co');
    expect(escapeXml('a\u0000b\u0007c\td')).toBe('abc\td');
  });

  it('frames every node with room for its label', () => {
    const [x, y, w, h] = (doc.documentElement.getAttribute('viewBox') ?? '').split(' ').map(Number);
    for (const p of Object.values(POSITIONS)) {
      expect(p.x).toBeGreaterThan(x ?? NaN);
      expect(p.x).toBeLessThan((x ?? NaN) + (w ?? NaN));
      expect(p.y).toBeGreaterThan(y ?? NaN);
      // The label sits below the node, inside the frame too.
      expect(p.y + 30).toBeLessThan((y ?? NaN) + (h ?? NaN));
    }
  });

  it('an empty graph is still a valid picture', () => {
    parse(graphToSvg({ nodes: [], edges: [] }, () => null, { theme: 'dark', title: 'empty' }));
  });
});
