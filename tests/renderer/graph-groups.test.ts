// Expanding a node: small fans join the graph one by one, big ones fold into a group node that opens
// in pages or by filter, and a group says when TIP's list was cut by the record count.
import { describe, expect, it } from 'vitest';
import type { RelationKind } from '@shared/graph/types';
import type { LookupRow, RelationRow } from '@renderer/db/rows';
import {
  cutSections,
  groupId,
  groupMembers,
  isGroupId,
  pageOfGroup,
  parseGroupId,
  planExpansion,
  truncatedGroups,
  truncatedKindsOf,
} from '@renderer/graph/groups';

const IP = 'ip:203.0.113.66';
const DOMAIN = 'domain:bad.example.com';

function rel(src: string, kind: RelationKind, dst: string, hits?: number): RelationRow {
  return {
    id: `${src}|${kind}|${dst}`,
    src,
    dst,
    kind,
    ...(hits === undefined ? {} : { hits }),
    sections: [],
    lookupIds: [],
    firstObservedAt: '2026-05-12T08:00:00.000Z',
    lastObservedAt: '2026-05-12T08:00:00.000Z',
  };
}

/** `n` domains resolving to the IP, `d00` … with hits falling as the number grows. */
function resolutions(n: number, ip = IP): RelationRow[] {
  return Array.from({ length: n }, (_, i) => rel(`domain:d${String(i).padStart(2, '0')}.example`, 'resolves_to', ip, 1000 - i));
}

const plan = (relations: RelationRow[], inCase: string[] = [IP], threshold = 25, entityId = IP, truncatedKinds?: Set<string>) =>
  planExpansion({ entityId, relations, inCase: new Set(inCase), threshold, ...(truncatedKinds ? { truncatedKinds } : {}) });

describe('group ids', () => {
  it('are the shared scheme', () => {
    const id = groupId(IP, 'resolves_to', 'in');
    expect(id).toBe(`group:${IP}|resolves_to|in`);
    expect(isGroupId(id)).toBe(true);
    expect(isGroupId(IP)).toBe(false);
    expect(parseGroupId(id)).toEqual({ parent: IP, kind: 'resolves_to', direction: 'in' });
  });
});

describe('planExpansion', () => {
  it('adds every neighbour of a fan at or under the threshold, most hits first', () => {
    const relations = [rel('domain:b.example', 'resolves_to', IP, 5), rel('domain:a.example', 'resolves_to', IP, 5), rel('domain:c.example', 'resolves_to', IP, 50)];
    expect(plan(relations)).toEqual({ entityIds: ['domain:c.example', 'domain:a.example', 'domain:b.example'], groups: [] });
    expect(plan(resolutions(25)).entityIds).toHaveLength(25);
    expect(plan(resolutions(25)).groups).toEqual([]);
  });

  it('folds a fan over the threshold into one group and adds none of its members', () => {
    expect(plan(resolutions(26))).toEqual({
      entityIds: [],
      groups: [{ id: `group:${IP}|resolves_to|in`, parent: IP, kind: 'resolves_to', direction: 'in', total: 26, remaining: 26, truncated: false }],
    });
  });

  it('counts only neighbours not yet in the case', () => {
    const relations = resolutions(30);
    const present = relations.slice(0, 10).map((r) => r.src);
    const result = plan(relations, [IP, ...present]);
    expect(result.groups).toEqual([]);
    expect(result.entityIds).toHaveLength(20);
    expect(result.entityIds.some((id) => present.includes(id))).toBe(false);

    const big = plan(resolutions(40), [IP, ...present]);
    expect(big.groups[0]).toMatchObject({ total: 40, remaining: 30 });
  });

  it('adds nothing new when every neighbour is already there', () => {
    const relations = resolutions(5);
    expect(plan(relations, [IP, ...relations.map((r) => r.src)])).toEqual({ entityIds: [], groups: [] });
  });

  it('never adds a group the case already shows', () => {
    expect(plan(resolutions(100), [IP, groupId(IP, 'resolves_to', 'in')])).toEqual({ entityIds: [], groups: [] });
  });

  it("buckets by kind and direction: an IP's domains come in, a domain's IPs go out", () => {
    const files = Array.from({ length: 30 }, (_, i) => rel(`file:${String(i).padStart(32, '0')}`, 'downloaded_from', DOMAIN, i));
    const relations = [
      rel(DOMAIN, 'resolves_to', 'ip:192.0.2.1', 3),
      rel(DOMAIN, 'resolves_to', 'ip:192.0.2.2', 9),
      // Not touching the domain: ignored.
      rel('domain:other.example', 'resolves_to', 'ip:192.0.2.9'),
      ...files,
    ];
    const result = plan(relations, [DOMAIN], 25, DOMAIN);
    expect(result.entityIds).toEqual(['ip:192.0.2.2', 'ip:192.0.2.1']);
    expect(result.groups.map((g) => [g.id, g.kind, g.direction, g.total])).toEqual([[`group:${DOMAIN}|downloaded_from|in`, 'downloaded_from', 'in', 30]]);

    const ipSide = plan([rel(DOMAIN, 'resolves_to', IP), ...resolutions(3)]);
    expect(ipSide.entityIds).toContain(DOMAIN);
    expect(ipSide.entityIds).toHaveLength(4);
  });

  it('adds a neighbour that sits in two buckets once', () => {
    const file = 'file:0a1b2c3d4e5f60718293a4b5c6d7e8f9';
    const result = plan([rel(file, 'downloaded_from', DOMAIN), rel(file, 'contacted', DOMAIN)], [DOMAIN], 25, DOMAIN);
    expect(result.entityIds).toEqual([file]);
  });

  it('marks a group truncated when its list was cut', () => {
    const files = Array.from({ length: 30 }, (_, i) => rel(`file:${String(i).padStart(32, '0')}`, 'downloaded_from', IP));
    const result = plan([...resolutions(30), ...files], [IP], 25, IP, new Set(['resolves_to|in']));
    expect(result.groups.map((g) => [g.kind, g.truncated])).toEqual([
      ['resolves_to', true],
      ['downloaded_from', false],
    ]);
  });

  it('treats a threshold of 0 as "always group" and Infinity as "never"', () => {
    expect(plan(resolutions(1), [IP], 0).groups).toHaveLength(1);
    expect(plan(resolutions(60), [IP], Infinity).entityIds).toHaveLength(60);
  });
});

describe('groupMembers and pageOfGroup', () => {
  const group = groupId(IP, 'resolves_to', 'in');
  const relations = [
    ...resolutions(30),
    rel('domain:zz.example', 'resolves_to', IP),
    rel('domain:aa.example', 'resolves_to', IP),
    rel('file:00000000000000000000000000000001', 'downloaded_from', IP, 5000),
    rel(DOMAIN, 'resolves_to', 'ip:192.0.2.1', 5000),
  ];

  it('lists every neighbour of that kind and direction, by hits then id', () => {
    const members = groupMembers(group, relations);
    expect(members).toHaveLength(32);
    expect(members.slice(0, 2)).toEqual(['domain:d00.example', 'domain:d01.example']);
    // No hits sorts last, then by id.
    expect(members.slice(-2)).toEqual(['domain:aa.example', 'domain:zz.example']);
    expect(groupMembers(`group:${DOMAIN}|resolves_to|out`, relations)).toEqual(['ip:192.0.2.1']);
    expect(groupMembers(IP, relations)).toEqual([]);
  });

  it('pages through the members not yet in the case', () => {
    const inCase = new Set([IP, 'domain:d00.example', 'domain:d01.example']);
    const first = pageOfGroup(group, relations, inCase, { offset: 0, limit: 10 });
    expect(first).toMatchObject({ matching: 30, total: 32 });
    expect(first.entityIds[0]).toBe('domain:d02.example');
    expect(first.entityIds).toHaveLength(10);
    const third = pageOfGroup(group, relations, inCase, { offset: 20, limit: 10 });
    expect(third.entityIds.slice(-2)).toEqual(['domain:aa.example', 'domain:zz.example']);
    expect(pageOfGroup(group, relations, inCase, { offset: 30, limit: 10 }).entityIds).toEqual([]);
    // Once a page is in the case, the next one starts at offset 0.
    const next = pageOfGroup(group, relations, new Set([...inCase, ...first.entityIds]), { offset: 0, limit: 10 });
    expect(next.entityIds).toEqual(pageOfGroup(group, relations, inCase, { offset: 10, limit: 10 }).entityIds);
  });

  it('filters on the value, case-insensitively; a blank filter matches all', () => {
    const page = pageOfGroup(group, relations, new Set(), { offset: 0, limit: 50, filter: ' D1' });
    expect(page.entityIds).toEqual(Array.from({ length: 10 }, (_, i) => `domain:d1${i}.example`));
    expect(page.matching).toBe(10);
    // The type prefix of the id is not part of the value.
    expect(pageOfGroup(group, relations, new Set(), { offset: 0, limit: 50, filter: 'domain' }).matching).toBe(0);
    expect(pageOfGroup(group, relations, new Set(), { offset: 0, limit: 50, filter: '  ' }).matching).toBe(32);
  });
});

describe('lists cut by count', () => {
  const items = (n: number) => Array.from({ length: n }, (_, i) => ({ Domain: `d${i}.example` }));
  const lookup = (body: unknown, count?: number, fetchedAt = '2026-05-12T08:00:00.000Z', type: LookupRow['type'] = 'ip'): LookupRow => ({
    id: `lk-${fetchedAt}`,
    type,
    value: '203.0.113.66',
    entityId: IP,
    params: { format: 'json', ...(count === undefined ? {} : { count }) },
    fetchedAt,
    durationMs: 1,
    status: 200,
    zone: null,
    license: null,
    body,
  });

  it('a list section holding exactly `count` records was cut; fewer was not', () => {
    expect(cutSections(lookup({ IpDnsResolutions: items(50), FilesDownloadedFromIp: items(49), Zone: 'Red' }, 50))).toEqual(new Set(['IpDnsResolutions']));
  });

  it("without `count`, TIP's default maximum (1000) decides", () => {
    expect(cutSections(lookup({ IpDnsResolutions: items(1000) }))).toEqual(new Set(['IpDnsResolutions']));
    expect(cutSections(lookup({ IpDnsResolutions: items(999) }))).toEqual(new Set());
  });

  it('a 404, a STIX bundle or an empty list cut nothing', () => {
    expect(cutSections(lookup(null, 1))).toEqual(new Set());
    expect(cutSections(lookup({ type: 'bundle', objects: items(3) }, 3)).has('IpDnsResolutions')).toBe(false);
    expect(cutSections(lookup({ IpDnsResolutions: [] }, 1))).toEqual(new Set());
  });

  it('maps cut sections to the kinds of the looked-up entity', () => {
    expect(truncatedKindsOf(lookup({ IpDnsResolutions: items(5), FilesDownloadedFromIp: items(5) }, 5))).toEqual(new Set(['resolves_to|in', 'downloaded_from|in']));
    expect(truncatedKindsOf({ type: 'domain', params: { format: 'json', count: 2 }, body: { DomainDnsResolutions: items(2), Subdomains: items(2) } })).toEqual(new Set(['resolves_to|out']));
  });

  it('across answers, the latest one holding the section decides', () => {
    const cut = lookup({ IpDnsResolutions: items(10) }, 10, '2026-05-01T08:00:00.000Z');
    const whole = lookup({ IpDnsResolutions: items(20) }, 100, '2026-05-02T08:00:00.000Z');
    const otherSections = lookup({ FilesDownloadedFromIp: items(1) }, 100, '2026-05-03T08:00:00.000Z');
    expect(truncatedGroups([cut])).toEqual(new Set([groupId(IP, 'resolves_to', 'in')]));
    expect(truncatedGroups([whole, cut, otherSections])).toEqual(new Set());
    expect(truncatedGroups([cut, otherSections])).toEqual(new Set([groupId(IP, 'resolves_to', 'in')]));
  });
});
