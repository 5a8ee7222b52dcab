/**
 * A large case file, as the app would export it: `ips` IP lookups whose DNS resolutions name
 * `perIp` domains each, out of a pool of `domains`, every resolution a distinct edge — 1,000 IPs ×
 * 20 of 4,000 domains is 5,000 nodes and 20,000 edges, the size ARCHITECTURE.md budgets for. Every
 * node is in the case, laid out on a grid (IPs first, row by row), so the app draws it as stored.
 * The large-graph tests use it; run it to try the app at that size (usage at the end).
 */
import { writeFileSync } from 'node:fs';
import { caseFileFromLookups, storedLookupFrom } from '../src/shared/case-file/build';
import type { CaseFile, CaseNode } from '../src/shared/case-file/types';
import { entityId } from '../src/shared/graph/types';

export interface LargeCase {
  file: CaseFile;
  nodes: number;
  edges: number;
  /** Grid spacing, model units. */
  spacing: number;
  /** Nodes per grid row. */
  columns: number;
}

const ZONES = ['Red', 'Orange', 'Yellow', 'Grey', 'Green'] as const;

export function largeCase(options: { ips?: number; domains?: number; perIp?: number; name?: string } = {}): LargeCase {
  const ipCount = options.ips ?? 1000;
  const domainCount = options.domains ?? 4000;
  const perIp = options.perIp ?? 20;
  // One IP's domains sit a stride apart in the pool, so they differ (checked below).
  const stride = 211;
  const ip = (i: number): string => `198.18.${Math.floor(i / 250)}.${(i % 250) + 1}`;
  const domain = (j: number): string => `d${j}.bulk.example.net`;
  const start = Date.parse('2026-11-02T09:00:00.000Z');

  const pairs = new Set<string>();
  const lookups = Array.from({ length: ipCount }, (_, i) => {
    const resolutions = Array.from({ length: perIp }, (_, k) => {
      const j = (i * 4 + k * stride) % domainCount;
      pairs.add(`${i} ${j}`);
      return { Domain: domain(j), Hits: 10 + ((i + k) % 90), FirstSeen: '2026-01-05T00:00:00Z', LastSeen: '2026-10-30T00:00:00Z', Zone: ZONES[j % ZONES.length] };
    });
    const body = { Zone: ZONES[i % ZONES.length], IpGeneralInfo: { Ip: ip(i), Status: 'Known' }, IpDnsResolutions: resolutions };
    const request = { type: 'ip' as const, value: ip(i), params: { format: 'json' as const, count: 100 } };
    return storedLookupFrom(request, { status: 200, body, durationMs: 40 }, new Date(start + i * 1000).toISOString());
  });

  if (pairs.size !== ipCount * perIp) throw new Error(`largeCase: ${ipCount * perIp - pairs.size} resolutions repeat; widen the pool`);

  const file = caseFileFromLookups({
    id: '0f5e1c2a-7d3b-4c55-9a10-500000000000',
    name: options.name ?? 'Bulk resolutions',
    lookups,
    generator: 'tools/large-case',
    now: new Date(start + ipCount * 1000 + 60_000).toISOString(),
    createdAt: new Date(start - 60_000).toISOString(),
  });

  // The domains join as one step of the log, as expanding would add them.
  const at = new Date(start + ipCount * 1000 + 30_000).toISOString();
  const opId = `${file.case.id}:op-domains`;
  const domainNodes: CaseNode[] = Array.from({ length: domainCount }, (_, j) => ({
    caseId: file.case.id,
    entityId: entityId('domain', domain(j)),
    position: null,
    pinned: false,
    notes: '',
    tags: [],
    addedAt: at,
    addedBy: opId,
  }));
  const columns = Math.ceil(Math.sqrt(ipCount + domainCount));
  const spacing = 60;
  const nodes = [...file.nodes, ...domainNodes].map((node, n) => ({ ...node, position: { x: (n % columns) * spacing, y: Math.floor(n / columns) * spacing } }));
  const placed = new Map(nodes.map((node) => [node.entityId, node]));
  const ops = file.ops.map((op) => (op.kind === 'node.add' ? { ...op, nodes: op.nodes.map((node) => placed.get(node.entityId) ?? node) } : op));
  ops.push({
    id: opId,
    caseId: file.case.id,
    seq: ops.length + 1,
    at,
    undone: false,
    kind: 'node.add',
    nodes: nodes.slice(ipCount),
    via: { source: 'manual' },
  });
  return { file: { ...file, nodes, ops }, nodes: nodes.length, edges: ipCount * perIp, spacing, columns };
}

// npx tsx tools/large-case.ts FILE [IPS] — writes the case file, to import in the app (Import case).
if (require.main === module) {
  const [path, ips] = process.argv.slice(2);
  if (!path) {
    console.error('usage: npx tsx tools/large-case.ts FILE [IPS]   (IPS × 20 resolutions over 4 × IPS domains; default 1000: 5,000 nodes, 20,000 edges)');
    process.exit(2);
  }
  const count = ips === undefined ? 1000 : Number(ips);
  if (!Number.isInteger(count) || count < 5 || count > 4000) {
    console.error('IPS must be a whole number from 5 to 4000');
    process.exit(2);
  }
  try {
    const made = largeCase({ ips: count, domains: count * 4 });
    writeFileSync(path, JSON.stringify(made.file));
    console.log(`${path}: ${made.nodes} nodes, ${made.edges} edges`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
