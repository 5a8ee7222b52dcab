/**
 * A case graph the shape the workbench meets: a few hub IPs with large fans of domains (the
 * "+975 resolutions" kind), every domain also resolving somewhere of its own, URLs on their hosts,
 * files downloaded from URLs, and a background of contacts and resolutions up to ≈ 4 edges per node.
 * Ids as the app makes them (`ip:…`, `domain:…`, `url:…`, `file:<md5>`). Seeded, so every run and
 * every renderer draws the same graph.
 */
import type { EntityType, RelationKind } from '@shared/graph/types';
import type { GraphEdgeView, GraphNodeView, GraphView } from '@renderer/graph/types';
import type { LayoutInput } from '@renderer/graph/layout';
import { entityLabel } from '@renderer/graph/view';

/** mulberry32: a tiny seeded generator, good enough to shape a benchmark graph. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ZONES = ['Red', 'Orange', 'Yellow', 'Green', 'Grey'];
const WORDS: Record<RelationKind, string> = {
  resolves_to: 'resolves to',
  downloaded_from: 'downloaded from',
  contacted: 'contacted',
  on_host: 'on host',
};

export interface BenchGraph {
  view: GraphView;
  layout: LayoutInput;
  hubs: number;
}

export function makeGraph(nodeCount: number, seed = nodeCount): BenchGraph {
  const next = random(seed);
  const pick = <T>(list: readonly T[], skew = 1): T => list[Math.floor(list.length * next() ** skew)] as T;
  const ipCount = Math.round(nodeCount * 0.2);
  const urlCount = Math.round(nodeCount * 0.15);
  const fileCount = Math.round(nodeCount * 0.15);
  const domainCount = nodeCount - ipCount - urlCount - fileCount;
  const hubCount = Math.max(3, Math.round(nodeCount / 1000));

  const ips = Array.from({ length: ipCount }, (_, i) => `ip:10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
  const domains = Array.from({ length: domainCount }, (_, i) => `domain:host${i}.example.net`);
  const urls = Array.from({ length: urlCount }, (_, i) => `url:http://host${i % domainCount}.example.net/get/${i}`);
  const files = Array.from({ length: fileCount }, (_, i) => `file:${(i * 2654435761 + seed).toString(16).padStart(8, '0').repeat(4).slice(0, 32)}`);
  const hubs = ips.slice(0, hubCount);
  const otherIps = ips.slice(hubCount);

  const edges = new Map<string, GraphEdgeView>();
  const link = (source: string, kind: RelationKind, target: string): void => {
    const id = `${source}|${kind}|${target}`;
    if (!edges.has(id)) edges.set(id, { id, source, target, kind, label: WORDS[kind], hits: null, firstSeen: null, lastSeen: null });
  };
  // Fans: 60% of domains resolve to a hub, the first hubs taking the most.
  for (const domain of domains) if (next() < 0.6) link(domain, 'resolves_to', pick(hubs, 2));
  for (const domain of domains) link(domain, 'resolves_to', pick(otherIps, 1.5));
  urls.forEach((url, i) => link(url, 'on_host', domains[i % domainCount] as string));
  for (const file of files) link(file, 'downloaded_from', pick(urls));
  // The sparse background, up to 4 edges per node.
  const target = nodeCount * 4;
  for (let attempts = 0; edges.size < target && attempts < target * 4; attempts += 1) {
    if (next() < 0.5) link(pick(files), 'contacted', pick(otherIps, 1.5));
    else link(pick(domains), 'resolves_to', pick(otherIps, 2));
  }

  const degree = new Map<string, number>();
  for (const edge of edges.values()) {
    degree.set(edge.source, (degree.get(edge.source) ?? 0) + 1);
    degree.set(edge.target, (degree.get(edge.target) ?? 0) + 1);
  }
  const node = (id: string): GraphNodeView => {
    const colon = id.indexOf(':');
    const type = id.slice(0, colon) as EntityType;
    const value = id.slice(colon + 1);
    return {
      id,
      kind: 'entity',
      type,
      label: entityLabel(type, value),
      value,
      zone: pick(ZONES),
      threatScore: null,
      position: null,
      pinned: false,
      tags: [],
      notes: '',
      degree: degree.get(id) ?? 0,
      firstSeen: null,
      lastSeen: null,
      lookedUp: false,
    };
  };
  const nodes = [...ips, ...domains, ...urls, ...files].map(node);
  const edgeList = [...edges.values()];
  return {
    view: { nodes, edges: edgeList },
    layout: {
      nodes: nodes.map((n) => ({ id: n.id, position: null, fixed: false })),
      edges: edgeList.map((e) => ({ source: e.source, target: e.target })),
    },
    hubs: hubCount,
  };
}
