// Group nodes ("+975 resolutions") are case nodes with their own id scheme; the scheme is parsed in
// one place, and case files that carry groups import only when each group's entity is known.
import { describe, expect, it } from 'vitest';
import { lookupId } from '../../src/shared/case-file/lookup-id';
import type { CaseFile, CaseNode, CaseOp } from '../../src/shared/case-file/types';
import { validateCaseFile } from '../../src/shared/case-file/validate';
import { GROUP_PREFIX, entityTypeOf, groupNodeId, isGroupNodeId, parseGroupNodeId } from '../../src/shared/graph/group-id';

describe('group node ids', () => {
  it('round-trip through groupNodeId and parseGroupNodeId', () => {
    const id = groupNodeId('ip:203.0.113.66', 'resolves_to', 'in');
    expect(id).toBe('group:ip:203.0.113.66|resolves_to|in');
    expect(isGroupNodeId(id)).toBe(true);
    expect(parseGroupNodeId(id)).toEqual({ parent: 'ip:203.0.113.66', kind: 'resolves_to', direction: 'in' });
  });

  it('reads the kind and direction from the right, so a URL parent may hold "|"', () => {
    const parent = 'url:http://bad.example.com/a|b?q=x|y';
    expect(parseGroupNodeId(groupNodeId(parent, 'downloaded_from', 'in'))).toEqual({ parent, kind: 'downloaded_from', direction: 'in' });
  });

  it('accepts each direction only where the parent can stand at that end of the kind', () => {
    expect(parseGroupNodeId('group:domain:bad.example.com|resolves_to|out')).not.toBeNull();
    expect(parseGroupNodeId('group:file:0a1b2c3d4e5f60718293a4b5c6d7e8f9|downloaded_from|out')).not.toBeNull();
    expect(parseGroupNodeId('group:domain:bad.example.com|contacted|in')).not.toBeNull();
    expect(parseGroupNodeId('group:ip:192.0.2.1|on_host|in')).not.toBeNull();
    // An IP never resolves to anything; a domain is never downloaded; a file is never a host.
    expect(parseGroupNodeId('group:ip:192.0.2.1|resolves_to|out')).toBeNull();
    expect(parseGroupNodeId('group:domain:bad.example.com|downloaded_from|out')).toBeNull();
    expect(parseGroupNodeId('group:file:0a1b|on_host|in')).toBeNull();
  });

  it('refuses ids that are not well-formed groups', () => {
    for (const id of [
      'ip:192.0.2.1',
      'group:',
      'group:ip:192.0.2.1',
      'group:ip:192.0.2.1|resolves_to',
      'group:ip:192.0.2.1|pings|in',
      'group:ip:192.0.2.1|resolves_to|sideways',
      'group:|resolves_to|in',
      'group:host:192.0.2.1|resolves_to|in',
      'group:ip:|resolves_to|in',
      `${GROUP_PREFIX}group:ip:192.0.2.1|resolves_to|in|resolves_to|in`,
    ]) {
      expect(parseGroupNodeId(id), id).toBeNull();
    }
  });

  it('tells an entity id by its type', () => {
    expect(entityTypeOf('domain:bad.example.com')).toBe('domain');
    expect(entityTypeOf('host:bad.example.com')).toBeUndefined();
    expect(entityTypeOf('domain:')).toBeUndefined();
  });
});

const CASE_ID = 'case-1';
const AT = '2026-05-12T08:30:00.000Z';

function node(entityId: string, addedBy: string): CaseNode {
  return { caseId: CASE_ID, entityId, position: null, pinned: false, notes: '', tags: [], addedAt: AT, addedBy };
}

/** A case file with one IP answer (two resolving domains) and the given nodes and later operations. */
function caseFile(entityIds: string[], more: CaseOp[] = []): CaseFile {
  const fetchedAt = '2026-05-12T08:00:00.000Z';
  const body = {
    Zone: 'Red',
    IpGeneralInfo: { Ip: '203.0.113.66' },
    IpDnsResolutions: [{ Domain: 'a.example.com' }, { Domain: 'b.example.com' }],
  };
  const lookup = {
    id: lookupId('ip', '203.0.113.66', 'json', fetchedAt),
    type: 'ip' as const,
    value: '203.0.113.66',
    entityId: 'ip:203.0.113.66',
    params: { format: 'json' as const },
    fetchedAt,
    durationMs: 100,
    status: 200,
    zone: 'Red',
    license: null,
    body,
  };
  const nodes = entityIds.map((id) => node(id, 'op-2'));
  const ops: CaseOp[] = [
    { id: 'op-1', caseId: CASE_ID, seq: 1, at: AT, undone: false, kind: 'case.create', name: 'Fan' },
    { id: 'op-2', caseId: CASE_ID, seq: 2, at: AT, undone: false, kind: 'node.add', nodes, via: { source: 'lookup', lookupId: lookup.id } },
    ...more,
  ];
  return {
    format: 'tip-workbench-case',
    version: 1,
    exportedAt: AT,
    generator: 'test',
    case: { id: CASE_ID, name: 'Fan', notes: '', createdAt: AT, updatedAt: AT },
    lookups: [lookup],
    nodes,
    ops,
  };
}

describe('case files with group nodes', () => {
  const group = 'group:ip:203.0.113.66|resolves_to|in';

  it('imports a group whose entity an answer names, and operations on it', () => {
    const pin: CaseOp = { id: 'op-3', caseId: CASE_ID, seq: 3, at: AT, undone: false, kind: 'node.pin', entityIds: [group], before: [false], after: true };
    const move: CaseOp = { id: 'op-4', caseId: CASE_ID, seq: 4, at: AT, undone: false, kind: 'node.move', moves: [{ entityId: group, from: null, to: { x: 1, y: 2 } }] };
    const opened: CaseOp = {
      id: 'op-5', caseId: CASE_ID, seq: 5, at: AT, undone: false, kind: 'node.add',
      nodes: [node('domain:a.example.com', 'op-5')], via: { source: 'expand', from: group },
    };
    const result = validateCaseFile(caseFile(['ip:203.0.113.66', group], [pin, move, opened]));
    expect(result.ok ? 'ok' : result.error.message).toBe('ok');
  });

  it("refuses a group whose entity no answer names, and says which", () => {
    const result = validateCaseFile(caseFile(['ip:203.0.113.66', 'group:ip:198.51.100.1|resolves_to|in']));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/nodes\[1\]\.entityId: the group's entity "ip:198\.51\.100\.1" is not named/);
  });

  it('refuses a malformed group id', () => {
    const result = validateCaseFile(caseFile(['ip:203.0.113.66', 'group:ip:203.0.113.66|resolves_to|out']));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/nodes\[1\]\.entityId: .* is not a group id/);
  });

  it('still refuses an entity no answer names', () => {
    const result = validateCaseFile(caseFile(['ip:198.51.100.1']));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/is not named by any answer in the file/);
  });
});
