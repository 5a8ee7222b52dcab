/**
 * `lookupsToStixBundle` (src/shared/stix): stored TIP answers → one STIX 2.1 bundle. Ids are checked
 * against values computed here with node:crypto (not the module's own SHA-1), the bundle against the
 * STIX 2.1 rules the OASIS validator applies (tests/support/stix-rules.ts). The validator itself runs
 * in stix-oasis.test.ts, where STIX_VALIDATOR_PYTHONPATH points at an installed cti-stix-validator.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { lookupsToStixBundle, type StixBundle, type StixLookup, type StixObject } from '../../src/shared/stix/index';
import { sha1, utf8 } from '../../src/shared/stix/sha1';
import { nameBasedUuid } from '../../src/shared/stix/uuid';
import { byType, edgeCaseBundle, exampleLookups, ipAnswer } from '../support/stix-cases';
import { stixRuleViolations } from '../support/stix-rules';

const SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

/** RFC 4122 UUIDv5 with node:crypto, independent of the module's SHA-1. */
function uuid5(namespace: string, name: string): string {
  const digest = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest();
  digest[6] = ((digest[6] ?? 0) & 0x0f) | 0x50;
  digest[8] = ((digest[8] ?? 0) & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const find = (bundle: StixBundle, type: string, value: string): StixObject | undefined =>
  bundle.objects.find((o) => o.type === type && o.value === value);
const indicatorFor = (bundle: StixBundle, sco: StixObject | undefined): StixObject | undefined => {
  const rel = bundle.objects.find((o) => o.relationship_type === 'based-on' && o.target_ref === sco?.id);
  return bundle.objects.find((o) => o.id === rel?.source_ref);
};

describe('SHA-1 and name-based UUIDs', () => {
  it('SHA-1 matches node:crypto across block boundaries and multi-byte text', () => {
    const inputs = ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'x'.repeat(1000), 'bücher · 日本 · 🦊', '\u0000\u00ff'];
    for (const input of inputs) {
      const expected = createHash('sha1').update(input, 'utf8').digest('hex');
      expect(Buffer.from(sha1(utf8(input))).toString('hex'), JSON.stringify(input).slice(0, 20)).toBe(expected);
      expect(Buffer.from(utf8(input)).equals(Buffer.from(input, 'utf8'))).toBe(true);
    }
  });

  it('UUIDv5 matches RFC 4122 as computed with node:crypto, and the STIX spec’s example id', () => {
    for (const name of ['{"value":"example.com"}', '{"hashes":{"MD5":"0a1b"}}', 'ünïcode']) {
      expect(nameBasedUuid(SCO_NAMESPACE, name, 5)).toBe(uuid5(SCO_NAMESPACE, name));
    }
    // STIX 2.1 §6.4 (domain-name "example.com"), as published.
    expect(nameBasedUuid(SCO_NAMESPACE, '{"value":"example.com"}', 5)).toBe('bedb4899-d24b-5401-bc86-8f6b4cc18ec7');
  });
});

describe('observables', () => {
  const bundle = lookupsToStixBundle(exampleLookups());

  it('have the spec’s deterministic ids (UUIDv5 over the canonical ID-contributing properties)', () => {
    const scos = bundle.objects.filter((o) => ['ipv4-addr', 'ipv6-addr', 'domain-name', 'url', 'file'].includes(o.type));
    expect(scos.length).toBeGreaterThan(8);
    for (const sco of scos) {
      const hashes = sco.hashes as Record<string, string> | undefined;
      const name = sco.type === 'file' ? `{"hashes":{"MD5":${JSON.stringify(hashes?.MD5)}}}` : `{"value":${JSON.stringify(sco.value)}}`;
      expect(sco.id, String(sco.value ?? hashes?.MD5)).toBe(`${sco.type}--${uuid5(SCO_NAMESPACE, name)}`);
    }
  });

  it('write hashes in lower case, all three for a file TIP named fully', () => {
    const files = byType(bundle, 'file');
    const payload = files.find((f) => (f.hashes as Record<string, string>).MD5 === '0a1b2c3d4e5f60718293a4b5c6d7e8f9');
    expect(payload?.hashes).toEqual({
      MD5: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
      'SHA-1': '00112233445566778899aabbccddeeff00112233',
      'SHA-256': '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    });
    for (const file of files) for (const hash of Object.values(file.hashes as Record<string, string>)) expect(hash).toBe(hash.toLowerCase());
    expect(String(indicatorFor(bundle, payload)?.pattern)).toBe(
      "[file:hashes.MD5 = '0a1b2c3d4e5f60718293a4b5c6d7e8f9' OR file:hashes.'SHA-1' = '00112233445566778899aabbccddeeff00112233' OR file:hashes.'SHA-256' = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef']",
    );
  });

  it('keep a URL’s own scheme; a scheme-less TIP URL gets http://', () => {
    expect(find(bundle, 'url', 'https://bad.example.com/dl/payload.exe')).toBeDefined();
    expect(byType(bundle, 'url').some((u) => String(u.value).startsWith('http://bad.example.com'))).toBe(false);
    const bare = lookupsToStixBundle([{ type: 'url', value: '203.0.113.45/dl/payload.exe', body: { Zone: 'Red' }, fetchedAt: '2024-06-01T00:00:00Z' }]);
    expect(byType(bare, 'url').map((u) => u.value)).toEqual(['http://203.0.113.45/dl/payload.exe']);
  });

  it('percent-encode what RFC 3986 forbids in a URL and leave out a domain IDNA refuses', () => {
    const odd = lookupsToStixBundle([
      { type: 'url', value: 'http://bad.example.com/a b|ü?q=<x>#f#g', body: { Zone: 'Red' }, fetchedAt: '2024-06-01T00:00:00Z' },
      { type: 'domain', value: 'c2_panel.example.com', body: { Zone: 'Red' }, fetchedAt: '2024-06-01T00:00:00Z' },
    ]);
    expect(byType(odd, 'url').map((u) => u.value)).toEqual(['http://bad.example.com/a%20b%7C%C3%BC?q=%3Cx%3E#f%23g']);
    expect(byType(odd, 'domain-name').map((d) => d.value)).toEqual(['bad.example.com']); // the URL's host only
    expect(stixRuleViolations(odd)).toEqual([]);
  });
});

describe('indicators', () => {
  const zones = lookupsToStixBundle([
    { type: 'ip', value: '192.0.2.1', body: ipAnswer('192.0.2.1', 'Red', 95), fetchedAt: '2024-06-01T00:00:00Z' },
    { type: 'ip', value: '192.0.2.2', body: ipAnswer('192.0.2.2', 'Orange', 60), fetchedAt: '2024-06-01T00:00:00Z' },
    { type: 'ip', value: '192.0.2.3', body: ipAnswer('192.0.2.3', 'Yellow'), fetchedAt: '2024-06-01T00:00:00Z' },
    { type: 'ip', value: '192.0.2.4', body: ipAnswer('192.0.2.4', 'Grey', 0), fetchedAt: '2024-06-01T00:00:00Z' },
    { type: 'ip', value: '192.0.2.5', body: ipAnswer('192.0.2.5', 'Green', 1), fetchedAt: '2024-06-01T00:00:00Z' },
  ]);

  it('exist only for Red, Orange and Yellow objects, typed and scored by zone', () => {
    expect(byType(zones, 'ipv4-addr')).toHaveLength(5);
    const got = byType(zones, 'indicator').map((i) => [i.pattern, i.x_tip_zone, i.indicator_types, i.confidence, i.x_tip_threat_score]);
    expect(got).toEqual([
      ["[ipv4-addr:value = '192.0.2.1']", 'Red', ['malicious-activity'], 95, 95],
      ["[ipv4-addr:value = '192.0.2.2']", 'Orange', ['anomalous-activity'], 60, 60],
      ["[ipv4-addr:value = '192.0.2.3']", 'Yellow', ['anomalous-activity'], undefined, undefined],
    ]);
    for (const indicator of byType(zones, 'indicator')) {
      expect(indicator).toMatchObject({ pattern_type: 'stix', spec_version: '2.1' });
      expect(String(indicator.description)).toMatch(/^Kaspersky TIP rates the IP address 192\.0\.2\.\d (Red|Orange|Yellow) \(/);
    }
  });

  it('each have exactly one based-on, to the observable their pattern names', () => {
    const bundle = lookupsToStixBundle(exampleLookups());
    const indicators = byType(bundle, 'indicator');
    expect(indicators.length).toBeGreaterThan(4);
    for (const indicator of [...indicators, ...byType(zones, 'indicator')]) {
      const all = [...bundle.objects, ...zones.objects];
      const links = all.filter((o) => o.relationship_type === 'based-on' && o.source_ref === indicator.id);
      expect(links, String(indicator.pattern)).toHaveLength(1);
      const target = all.find((o) => o.id === links[0]?.target_ref);
      const named = target?.type === 'file' ? (target.hashes as Record<string, string>).MD5 : target?.value;
      expect(String(indicator.pattern)).toContain(`${String(target?.type)}:`);
      expect(String(indicator.pattern)).toContain(`'${String(named)}'`);
    }
  });

  it('one per object across answers: created = first fetchedAt, modified = last, content from the latest (Orange → Red)', () => {
    const orange: StixLookup = { type: 'ip', value: '192.0.2.9', body: ipAnswer('192.0.2.9', 'Orange', 62), fetchedAt: '2024-05-01T08:00:00Z' };
    const red: StixLookup = { type: 'ip', value: '192.0.2.9', body: ipAnswer('192.0.2.9', 'Red', 91), fetchedAt: '2024-05-03T09:30:00.250Z' };
    const bundle = lookupsToStixBundle([red, orange]); // input order must not matter
    const indicators = byType(bundle, 'indicator');
    expect(indicators).toHaveLength(1);
    expect(indicators[0]).toMatchObject({
      created: '2024-05-01T08:00:00.000Z',
      modified: '2024-05-03T09:30:00.250Z',
      x_tip_zone: 'Red',
      indicator_types: ['malicious-activity'],
      confidence: 91,
      valid_from: '2024-05-01T08:00:00.000Z', // flagged (Orange, then Red) since the first answer
    });
    expect(String(indicators[0]?.description)).toContain('Red');
    // The same object keeps its id from the first export to the second: an update, not a duplicate.
    const before = byType(lookupsToStixBundle([orange]), 'indicator')[0];
    expect(before?.id).toBe(indicators[0]?.id);
    expect(before).toMatchObject({ x_tip_zone: 'Orange', modified: '2024-05-01T08:00:00.000Z' });
    expect(lookupsToStixBundle([orange, red])).toEqual(bundle);
  });

  it('go when the latest verdict is Green; valid_from restarts after a clean spell', () => {
    const at = (zone: string, day: number): StixLookup => ({ type: 'ip', value: '192.0.2.7', body: ipAnswer('192.0.2.7', zone), fetchedAt: `2024-05-0${day}T00:00:00Z` });
    expect(byType(lookupsToStixBundle([at('Red', 1), at('Green', 2)]), 'indicator')).toEqual([]);
    const again = byType(lookupsToStixBundle([at('Red', 1), at('Green', 2), at('Yellow', 3)]), 'indicator');
    expect(again.map((i) => [i.x_tip_zone, i.valid_from, i.created])).toEqual([['Yellow', '2024-05-03T00:00:00.000Z', '2024-05-01T00:00:00.000Z']]);
  });
});

describe('relationships, identity and grouping', () => {
  const bundle = lookupsToStixBundle(exampleLookups(), { name: 'Case 7', description: 'Payload seen in the finance sector' });
  const scoById = new Map(bundle.objects.map((o) => [o.id, o]));
  const edges = byType(bundle, 'relationship').filter((r) => r.relationship_type !== 'based-on');

  it('draw DNS as resolves-to (domain-name → ipv4-addr)', () => {
    const resolves = edges.filter((r) => r.relationship_type === 'resolves-to');
    const pairs = resolves.map((r) => `${String(scoById.get(String(r.source_ref))?.value)} → ${String(scoById.get(String(r.target_ref))?.value)}`);
    expect(pairs.sort()).toEqual(['bad.example.com → 192.0.2.10', 'bad.example.com → 198.51.100.7', 'bad.example.com → 203.0.113.45']);
    for (const r of resolves) {
      expect(scoById.get(String(r.source_ref))?.type).toBe('domain-name');
      expect(scoById.get(String(r.target_ref))?.type).toMatch(/^ipv[46]-addr$/);
    }
  });

  it('draw downloads, contacts and hosting as related-to, the kind in description and x_tip_kind', () => {
    const related = edges.filter((r) => r.relationship_type === 'related-to');
    const kinds = new Set(related.map((r) => r.x_tip_kind));
    expect([...kinds].sort()).toEqual(['contacted', 'downloaded_from', 'on_host']);
    const words = { downloaded_from: 'was downloaded from', contacted: 'contacted', on_host: 'is on host' } as const;
    for (const r of related) expect(String(r.description)).toContain(words[r.x_tip_kind as keyof typeof words]);
    const fromIp = related.find((r) => r.x_tip_kind === 'downloaded_from' && scoById.get(String(r.target_ref))?.value === '203.0.113.45');
    expect(fromIp).toMatchObject({ start_time: '2024-05-01T08:00:00.000Z', stop_time: '2024-05-29T22:10:00.000Z', x_tip_hits: 10 });
    expect(String(fromIp?.description)).toContain('203.0.113.45/dl/payload.exe');
  });

  it('are created by the workbench identity', () => {
    const identities = byType(bundle, 'identity');
    expect(identities).toEqual([expect.objectContaining({ name: 'TIP Workbench', identity_class: 'system' })]);
    for (const o of bundle.objects) {
      const sdoOrSro = ['indicator', 'relationship', 'grouping', 'extension-definition'].includes(o.type);
      if (sdoOrSro) expect(o.created_by_ref, o.id).toBe(identities[0]?.id);
      if (['ipv4-addr', 'domain-name', 'url', 'file'].includes(o.type)) expect(o.created_by_ref).toBeUndefined();
    }
    expect(lookupsToStixBundle([]).objects[0]?.id).toBe(identities[0]?.id); // deterministic
  });

  it('name the set in a grouping that refers to every other object', () => {
    const [grouping, ...more] = byType(bundle, 'grouping');
    expect(more).toEqual([]);
    expect(grouping).toMatchObject({ name: 'Case 7', description: 'Payload seen in the finance sector', context: 'suspicious-activity' });
    expect(new Set(grouping?.object_refs as string[])).toEqual(new Set(bundle.objects.filter((o) => o !== grouping).map((o) => o.id)));
    expect(grouping).toMatchObject({ created: '2024-06-01T10:00:00.000Z', modified: '2024-06-04T11:00:00.000Z' });
    const unnamed = byType(lookupsToStixBundle(exampleLookups().slice(4)), 'grouping')[0];
    expect(unnamed).toMatchObject({ name: 'TIP Workbench lookups', context: 'unspecified' });
    expect(unnamed?.description).toBeUndefined();
  });

  it('refer only to objects inside the bundle', () => {
    const ids = new Set(bundle.objects.map((o) => o.id));
    expect(ids.size).toBe(bundle.objects.length);
    for (const o of bundle.objects) {
      for (const [key, value] of Object.entries(o)) {
        if (key.endsWith('_ref')) expect(ids.has(String(value)), `${o.id}.${key}`).toBe(true);
        if (key.endsWith('_refs')) for (const ref of value as string[]) expect(ids.has(ref), `${o.id}.${key}`).toBe(true);
      }
      for (const extension of Object.keys((o.extensions as object | undefined) ?? {})) expect(ids.has(extension)).toBe(true);
    }
  });

  it('merge a file met by SHA-256 (a 404) and by MD5 into one observable', () => {
    const sha256 = '0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF';
    const merged = lookupsToStixBundle([
      { type: 'hash', value: sha256, body: null, fetchedAt: '2024-06-05T00:00:00Z' },
      ...exampleLookups().slice(3, 4),
    ]);
    expect(byType(merged, 'file').filter((f) => (f.hashes as Record<string, string>)['SHA-256'] === sha256.toLowerCase())).toHaveLength(1);
    expect(byType(merged, 'indicator').find((i) => String(i.pattern).includes(sha256.toLowerCase()))?.modified).toBe('2024-06-05T00:00:00.000Z');
  });
});

describe('malformed input', () => {
  const junk: unknown[] = [
    null, undefined, 42, 'Zone: Red', [], [1, 2], {}, { Zone: 5 }, { Zone: 'Purple' },
    { Zone: 'Red', IpGeneralInfo: 'x', IpDnsResolutions: 'nope', FilesDownloadedFromIp: [null, 1, 'x', { Md5: 5 }, { Md5: 'zz' }] },
    { Zone: 'Red', IpDnsResolutions: [{ Domain: '', Zone: 'Red' }, { Domain: 'ok.example.com', Zone: {}, FirstSeen: 'never' }] },
    { type: 'bundle', objects: 'x' },
    { type: 'bundle', objects: [null, { type: 'indicator', pattern: 7 }, { type: 'relationship', source_ref: 1 }, { type: 'file', hashes: 'x' }] },
    new Proxy({}, { get: () => { throw new Error('hostile'); } }),
  ];

  it('never throws, skips what it cannot use, and stays valid', () => {
    const lookups = junk.flatMap((body, i) =>
      (['ip', 'domain', 'url', 'hash'] as const).map((type) => ({ type, value: ['192.0.2.50', 'x.example.com', 'http://x.example.com/a', 'a'.repeat(32)][['ip', 'domain', 'url', 'hash'].indexOf(type)] ?? '', body, fetchedAt: `2024-01-01T00:00:${String(i).padStart(2, '0')}Z` })),
    );
    const weird = [null, 7, 'x', { type: 'email', value: 'a@b', body: {}, fetchedAt: '2024-01-01T00:00:00Z' }, { type: 'ip', value: 5, body: {}, fetchedAt: '2024-01-01T00:00:00Z' }, { type: 'ip', value: '192.0.2.60', body: {}, fetchedAt: 'yesterday' }];
    let bundle: StixBundle | undefined;
    expect(() => {
      bundle = lookupsToStixBundle([...lookups, ...weird] as StixLookup[]);
    }).not.toThrow();
    expect(bundle && stixRuleViolations(bundle)).toEqual([]);
    expect(bundle && find(bundle, 'ipv4-addr', '192.0.2.60')).toBeUndefined(); // no usable fetchedAt
    expect(() => lookupsToStixBundle(null as unknown as StixLookup[], null as unknown as undefined)).not.toThrow();
  });

  it('takes a format=stix answer’s observables and verdicts as evidence', () => {
    const stixAnswer = lookupsToStixBundle([{ type: 'ip', value: '192.0.2.77', body: ipAnswer('192.0.2.77', 'Red', 80), fetchedAt: '2024-03-01T00:00:00Z' }]);
    const reread = lookupsToStixBundle([{ type: 'ip', value: '192.0.2.77', body: stixAnswer, fetchedAt: '2024-03-02T00:00:00Z' }]);
    expect(byType(reread, 'indicator').map((i) => [i.pattern, i.x_tip_zone, i.modified])).toEqual([["[ipv4-addr:value = '192.0.2.77']", 'Red', '2024-03-02T00:00:00.000Z']]);
  });
});

describe('STIX 2.1 rules the OASIS validator applies', () => {
  it('hold for the examples, an edge-case set, and are deterministic', () => {
    const examples = lookupsToStixBundle(exampleLookups(), { name: 'Case' });
    expect(stixRuleViolations(examples)).toEqual([]);
    expect(JSON.stringify(lookupsToStixBundle(exampleLookups(), { name: 'Case' }))).toBe(JSON.stringify(examples));
    expect(stixRuleViolations(edgeCaseBundle())).toEqual([]);
  });
});
