// Case state → the graph as data: one node per case node, edges only where both ends are drawn,
// group nodes that count what they still fold, and labels short enough to read.
import { describe, expect, it } from 'vitest';
import type { CaseNode } from '@shared/case-file/types';
import type { RelationKind } from '@shared/graph/types';
import type { EntityRow, RelationRow } from '@renderer/db/rows';
import { groupId } from '@renderer/graph/groups';
import { buildGraphView, entityLabel, groupLabel, groupValue } from '@renderer/graph/view';
import type { GraphNodeView } from '@renderer/graph/types';

const IP = 'ip:203.0.113.66';
const DOMAIN = 'domain:bad.example.com';
const FILE = 'file:0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const AT = '2026-05-12T08:00:00.000Z';

function node(entityId: string, extra: Partial<CaseNode> = {}): CaseNode {
  return { caseId: 'c', entityId, position: null, pinned: false, notes: '', tags: [], addedAt: AT, addedBy: null, ...extra };
}

function entity(id: string, extra: Partial<EntityRow> = {}): EntityRow {
  const colon = id.indexOf(':');
  return { id, type: id.slice(0, colon) as EntityRow['type'], value: id.slice(colon + 1), aliases: [], firstObservedAt: AT, lastObservedAt: AT, ...extra };
}

function rel(src: string, kind: RelationKind, dst: string, extra: Partial<RelationRow> = {}): RelationRow {
  return { id: `${src}|${kind}|${dst}`, src, dst, kind, sections: [], lookupIds: [], firstObservedAt: AT, lastObservedAt: AT, ...extra };
}

const entities = (rows: EntityRow[]) => new Map(rows.map((row) => [row.id, row]));
const byId = (nodes: GraphNodeView[], id: string) => nodes.find((n) => n.id === id);

describe('buildGraphView', () => {
  it('makes one node per case node, with the entity row facts', () => {
    const view = buildGraphView({
      nodes: [node(IP, { position: { x: 10, y: 20 }, pinned: true, tags: ['c2'], notes: 'seen in mail' }), node(DOMAIN)],
      entities: entities([
        entity(IP, { zone: 'Red', threatScore: 88, firstSeen: '2024-01-01T00:00Z', lastSeen: '2024-05-01T00:00Z', summary: 'XX, malware' }),
        entity(DOMAIN, { zone: 'Orange' }),
      ]),
      relations: [],
      lookedUp: new Set([IP]),
    });
    expect(view.nodes).toHaveLength(2);
    expect(byId(view.nodes, IP)).toEqual({
      id: IP, kind: 'entity', type: 'ip', label: '203.0.113.66', value: '203.0.113.66', zone: 'Red', threatScore: 88,
      position: { x: 10, y: 20 }, pinned: true, tags: ['c2'], notes: 'seen in mail', degree: 0,
      firstSeen: '2024-01-01T00:00Z', lastSeen: '2024-05-01T00:00Z', lookedUp: true, summary: 'XX, malware',
    });
    expect(byId(view.nodes, DOMAIN)).toMatchObject({ zone: 'Orange', threatScore: null, lookedUp: false, firstSeen: null });
  });

  it('still draws a node whose entity row is not (yet) in the store, from its id', () => {
    const view = buildGraphView({ nodes: [node(FILE)], entities: new Map(), relations: [], lookedUp: new Set() });
    expect(view.nodes[0]).toMatchObject({ type: 'file', value: '0a1b2c3d4e5f60718293a4b5c6d7e8f9', zone: null });
  });

  it('draws edges only between nodes of the case, with their evidence', () => {
    const relations = [
      rel(DOMAIN, 'resolves_to', IP, { hits: 40, firstSeen: '2024-04-01T09:00Z', lastSeen: '2024-05-30T17:00Z' }),
      rel(FILE, 'downloaded_from', IP, { urls: ['http://203.0.113.66/a.exe'] }),
      rel('domain:other.example', 'resolves_to', IP),
    ];
    const view = buildGraphView({ nodes: [node(IP), node(DOMAIN), node(FILE)], entities: new Map(), relations, lookedUp: new Set() });
    expect(view.edges).toEqual([
      { id: `${DOMAIN}|resolves_to|${IP}`, source: DOMAIN, target: IP, kind: 'resolves_to', label: 'resolves to', hits: 40, firstSeen: '2024-04-01T09:00Z', lastSeen: '2024-05-30T17:00Z' },
      { id: `${FILE}|downloaded_from|${IP}`, source: FILE, target: IP, kind: 'downloaded_from', label: 'downloaded from', hits: null, firstSeen: null, lastSeen: null, urls: ['http://203.0.113.66/a.exe'] },
    ]);
    expect(byId(view.nodes, IP)?.degree).toBe(2);
    expect(byId(view.nodes, DOMAIN)?.degree).toBe(1);
  });

  it('counts what a group still folds as its members join the case', () => {
    const domains = Array.from({ length: 975 }, (_, i) => `domain:d${i}.example`);
    const relations = domains.map((d) => rel(d, 'resolves_to', IP));
    const group = groupId(IP, 'resolves_to', 'in');
    const build = (members: string[]) =>
      buildGraphView({ nodes: [node(IP), node(group), ...members.map((m) => node(m))], entities: entities([entity(IP)]), relations, lookedUp: new Set([IP]) });

    const folded = byId(build([]).nodes, group);
    expect(folded).toMatchObject({
      kind: 'group', type: 'group', label: '+975 resolutions', value: '975 domains resolving to 203.0.113.66', lookedUp: true, degree: 1,
      group: { parent: IP, kind: 'resolves_to', direction: 'in', total: 975, remaining: 975, truncated: false },
    });
    const some = build(domains.slice(0, 75));
    expect(byId(some.nodes, group)).toMatchObject({ label: '+900 resolutions', group: { total: 975, remaining: 900 } });
    expect(byId(some.nodes, group)?.value).toBe('975 domains resolving to 203.0.113.66 (75 drawn, 900 in this group)');
    expect(byId(build(domains).nodes, group)?.label).toBe('all 975 resolutions shown');
  });

  it("joins a group to its parent the way the members' relations run", () => {
    const inGroup = groupId(IP, 'resolves_to', 'in');
    const outGroup = groupId(DOMAIN, 'resolves_to', 'out');
    const view = buildGraphView({ nodes: [node(IP), node(DOMAIN), node(inGroup), node(outGroup)], entities: new Map(), relations: [], lookedUp: new Set() });
    expect(view.edges).toEqual([
      { id: `${inGroup}|edge`, source: inGroup, target: IP, kind: 'resolves_to', label: 'resolves to', hits: null, firstSeen: null, lastSeen: null },
      { id: `${outGroup}|edge`, source: DOMAIN, target: outGroup, kind: 'resolves_to', label: 'resolves to', hits: null, firstSeen: null, lastSeen: null },
    ]);
    // A group whose parent left the case is drawn alone.
    expect(buildGraphView({ nodes: [node(inGroup)], entities: new Map(), relations: [], lookedUp: new Set() }).edges).toEqual([]);
  });

  it('says so on a group whose list a count cut', () => {
    const group = groupId(IP, 'resolves_to', 'in');
    const relations = Array.from({ length: 100 }, (_, i) => rel(`domain:d${i}.example`, 'resolves_to', IP));
    const view = buildGraphView({ nodes: [node(IP), node(group)], entities: new Map(), relations, lookedUp: new Set(), truncated: new Set([group]) });
    expect(byId(view.nodes, group)?.label).toBe('+100 resolutions (list cut)');
    expect(byId(view.nodes, group)?.value).toMatch(/cut at the record count asked for: it may know more/);
    expect(byId(view.nodes, group)?.group?.truncated).toBe(true);
  });

  it('holds 5,000 nodes and 20,000 relations, drawing only edges between present nodes', () => {
    const ips = Array.from({ length: 1000 }, (_, i) => `ip:10.0.${Math.floor(i / 256)}.${i % 256}`);
    const domains = Array.from({ length: 4000 }, (_, i) => `domain:d${i}.example`);
    // Every domain resolves to five different IPs: 20,000 relations in all.
    const relations = domains.flatMap((d, i) => Array.from({ length: 5 }, (_, k) => rel(d, 'resolves_to', ips[(i + k * 7) % 1000] ?? '')));
    expect(relations).toHaveLength(20_000);
    const nodes = [...ips, ...domains].map((id) => node(id));
    const view = buildGraphView({ nodes, entities: new Map(), relations, lookedUp: new Set() });
    expect(view.nodes).toHaveLength(5000);
    expect(view.edges).toHaveLength(20_000);
    const withoutHalf = buildGraphView({ nodes: nodes.slice(0, 3000), entities: new Map(), relations, lookedUp: new Set() });
    expect(withoutHalf.edges).toHaveLength(2000 * 5);
    expect(withoutHalf.nodes.reduce((sum, n) => sum + n.degree, 0)).toBe(2 * 2000 * 5);
  });
});

describe('labels', () => {
  it('keeps an IP whole, a hash to its first 12 digits, a long domain to its end', () => {
    expect(entityLabel('ip', '2001:db8:85a3:1234:5678:8a2e:370:7334')).toBe('2001:db8:85a3:1234:5678:8a2e:370:7334');
    expect(entityLabel('file', '0a1b2c3d4e5f60718293a4b5c6d7e8f9')).toBe('0a1b2c3d4e5f…');
    expect(entityLabel('domain', 'bad.example.com')).toBe('bad.example.com');
    const long = 'a-very-long-subdomain-name.with.many.parts.bad.example.com';
    const label = entityLabel('domain', long);
    expect(label.startsWith('…')).toBe(true);
    expect(label.endsWith('bad.example.com')).toBe(true);
    expect(label.length).toBeLessThanOrEqual(32);
  });

  it('shortens a URL to host and path start, without scheme or query', () => {
    expect(entityLabel('url', 'http://bad.example.com/dl/payload.exe')).toBe('bad.example.com/dl/payload.exe');
    expect(entityLabel('url', 'https://bad.example.com/a?token=secret')).toBe('bad.example.com/a…');
    const cut = entityLabel('url', 'https://bad.example.com/a/really/long/path/to/the/payload.exe');
    expect(cut).toBe('bad.example.com/a/really/long/p…');
    expect(cut).toHaveLength(32);
  });

  it('words each kind of group in plain terms, singular for one', () => {
    const info = (kind: RelationKind, direction: 'in' | 'out', remaining = 12) => ({ kind, direction, total: 12, remaining, truncated: false });
    expect(groupLabel(info('resolves_to', 'in'))).toBe('+12 resolutions');
    expect(groupLabel(info('resolves_to', 'out'))).toBe('+12 resolved IPs');
    expect(groupLabel(info('downloaded_from', 'in'))).toBe('+12 downloaded files');
    expect(groupLabel(info('downloaded_from', 'out'))).toBe('+12 download sources');
    expect(groupLabel(info('contacted', 'in'))).toBe('+12 contacting files');
    expect(groupLabel(info('contacted', 'out'))).toBe('+12 contacted domains');
    expect(groupLabel(info('on_host', 'in'))).toBe('+12 URLs on this host');
    expect(groupLabel(info('resolves_to', 'in', 1))).toBe('+1 resolution');
    expect(groupValue(info('downloaded_from', 'in'), 'bad.example.com')).toBe('12 files downloaded from bad.example.com');
    expect(groupValue(info('contacted', 'in'), 'bad.example.com')).toBe('12 files that contacted bad.example.com');
    expect(groupValue({ ...info('resolves_to', 'out'), total: 1, remaining: 1 }, 'bad.example.com')).toBe('1 IP address bad.example.com resolves to');
  });
});
