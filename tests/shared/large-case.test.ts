// The large case the end-to-end tests open (tests/support/large-case.ts) is a valid case file of
// the size it claims: 5,000 nodes and 20,000 distinct resolutions.
import { describe, expect, it } from 'vitest';
import { validateCaseFile } from '../../src/shared/case-file/validate';
import { relationsFromLookup } from '../../src/shared/graph/index';
import { largeCase } from '../support/large-case';

describe('the large test case', () => {
  it('passes the import rules, every node placed, with 20,000 distinct IP ← domain edges', () => {
    const { file, nodes, edges } = largeCase();
    const checked = validateCaseFile(JSON.parse(JSON.stringify(file)));
    expect(checked.ok ? null : checked.error.message).toBeNull();
    expect(nodes).toBe(5000);
    expect(file.nodes).toHaveLength(5000);
    expect(new Set(file.nodes.map((node) => node.entityId)).size).toBe(5000);
    expect(file.nodes.every((node) => node.position !== null)).toBe(true);
    const relations = new Set(file.lookups.flatMap((lookup) => relationsFromLookup(lookup.type, lookup.value, lookup.body).relations.map((r) => r.id)));
    expect(relations.size).toBe(edges);
    expect(edges).toBe(20000);
  });
});
