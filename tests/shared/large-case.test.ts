// The large case the end-to-end tests open (tools/large-case.ts) is a valid case file of
// the size it claims: 5,000 nodes and 20,000 distinct resolutions.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateCaseFile } from '../../src/shared/case-file/validate';
import { relationsFromLookup } from '../../src/shared/graph/index';
import { largeCase } from '../../tools/large-case';

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

  it('is written by `npx tsx tools/large-case.ts FILE IPS` for the app to import', () => {
    const folder = mkdtempSync(join(tmpdir(), 'tipwb-large-case-'));
    try {
      const path = join(folder, 'bulk.tipcase.json');
      const root = join(__dirname, '../..');
      const said = execFileSync(join(root, 'node_modules/.bin/tsx'), [join(root, 'tools/large-case.ts'), path, '10'], { encoding: 'utf8' });
      expect(said.trim()).toBe(`${path}: 50 nodes, 200 edges`);
      const checked = validateCaseFile(JSON.parse(readFileSync(path, 'utf8')));
      expect(checked.ok ? null : checked.error.message).toBeNull();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
