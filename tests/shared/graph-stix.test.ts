// `format=stix` answers: a STIX 2.1 bundle maps to the same nodes and edges as the JSON answer.
// The bundles here follow the STIX 2.1 specification's shapes (not one producer's output).
import { describe, expect, it } from 'vitest';
import { relationsFromLookup, type LookupGraph } from '../../src/shared/graph/index';

const MD5 = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const MD5_2 = 'fedcba9876543210fedcba9876543210';
const SHA1 = '00112233445566778899aabbccddeeff00112233';
const SHA256 = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

type StixObject = Record<string, unknown>;

function bundle(...objects: unknown[]): StixObject {
  return { type: 'bundle', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d', objects };
}

let counter = 0;
function relationship(source: string, type: string, target: string, extra: StixObject = {}): StixObject {
  counter += 1;
  return {
    type: 'relationship',
    spec_version: '2.1',
    id: `relationship--00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    created: '2024-06-01T00:00:00.000Z',
    modified: '2024-06-01T00:00:00.000Z',
    relationship_type: type,
    source_ref: source,
    target_ref: target,
    ...extra,
  };
}

function indicator(pattern: unknown, extra: StixObject = {}): StixObject {
  counter += 1;
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    created: '2024-06-01T00:00:00.000Z',
    modified: '2024-06-01T00:00:00.000Z',
    pattern,
    pattern_type: 'stix',
    valid_from: '2024-06-01T00:00:00Z',
    ...extra,
  };
}

const DOMAIN = { type: 'domain-name', spec_version: '2.1', id: 'domain-name--d1', value: 'Bad.Example.COM' };
const IPV4 = { type: 'ipv4-addr', spec_version: '2.1', id: 'ipv4-addr--i4', value: '203.0.113.66' };
const IPV6 = { type: 'ipv6-addr', spec_version: '2.1', id: 'ipv6-addr--i6', value: '2001:DB8:0:0:0:0:BAD:66' };
const URL_SCO = { type: 'url', spec_version: '2.1', id: 'url--u1', value: 'HTTP://Bad.Example.com/dl/payload.exe' };
const FILE = {
  type: 'file', spec_version: '2.1', id: 'file--f1',
  hashes: { MD5: MD5.toUpperCase(), 'SHA-1': SHA1.toUpperCase(), 'SHA-256': SHA256 },
};
const FILE_2 = { type: 'file', spec_version: '2.1', id: 'file--f2', hashes: { md5: MD5_2 } };

function ids(graph: LookupGraph): { entities: string[]; relations: string[] } {
  return { entities: graph.entities.map((e) => e.id), relations: graph.relations.map((r) => r.id) };
}

describe('a STIX 2.1 bundle', () => {
  const answer = bundle(
    DOMAIN, IPV4, IPV6, URL_SCO, FILE, FILE_2,
    indicator("[domain-name:value = 'bad.example.com']", { x_tip_zone: 'Red', x_tip_threat_score: 90, indicator_types: ['malicious-activity'] }),
    indicator("[ipv4-addr:value = '203.0.113.66']", { x_tip_zone: 'Orange' }),
    relationship('domain-name--d1', 'resolves-to', 'ipv4-addr--i4', { start_time: '2024-04-01T09:00:00Z', stop_time: '2024-05-30T17:00:00Z' }),
    // Drawn the other way round by the producer: turned to domain → ip.
    relationship('ipv6-addr--i6', 'resolves-to', 'domain-name--d1'),
    relationship('file--f1', 'related-to', 'url--u1', { description: 'downloaded from' }),
    relationship('url--u1', 'related-to', 'file--f2', { x_tip_relation: 'downloaded_from' }),
    relationship('file--f2', 'related-to', 'domain-name--d1', { description: 'contacted' }),
    relationship('url--u1', 'related-to', 'domain-name--d1', { x_tip_kind: 'on_host' }),
    // Kinds the graph does not draw, or endpoints that do not fit the kind: ignored.
    relationship('url--u1', 'related-to', 'ipv4-addr--i4', { description: 'hosted on' }),
    relationship('domain-name--d1', 'related-to', 'ipv4-addr--i4', { description: 'contacted' }),
    relationship('file--f1', 'related-to', 'file--f2', { description: 'started' }),
    relationship('indicator--x', 'based-on', 'domain-name--d1'),
    relationship('domain-name--d1', 'resolves-to', 'ipv4-addr--missing'),
  );

  it('maps observables to entities (the seed first) and relationships to oriented relations', () => {
    const graph = relationsFromLookup('domain', 'BAD.example.com', answer);
    expect(ids(graph)).toEqual({
      entities: [
        'domain:bad.example.com',
        'ip:203.0.113.66',
        'ip:2001:db8::bad:66',
        'url:http://bad.example.com/dl/payload.exe',
        `file:${MD5}`,
        `file:${MD5_2}`,
      ],
      relations: [
        'domain:bad.example.com|resolves_to|ip:203.0.113.66',
        'domain:bad.example.com|resolves_to|ip:2001:db8::bad:66',
        `file:${MD5}|downloaded_from|url:http://bad.example.com/dl/payload.exe`,
        `file:${MD5_2}|downloaded_from|url:http://bad.example.com/dl/payload.exe`,
        `file:${MD5_2}|contacted|domain:bad.example.com`,
        'url:http://bad.example.com/dl/payload.exe|on_host|domain:bad.example.com',
      ],
    });
  });

  it('colours objects from indicators carrying x_tip_zone and keeps the relationship’s times', () => {
    const graph = relationsFromLookup('domain', 'bad.example.com', answer);
    expect(graph.entities[0]).toEqual({
      id: 'domain:bad.example.com', type: 'domain', value: 'bad.example.com', zone: 'Red', threatScore: 90,
    });
    expect(graph.entities.find((e) => e.id === 'ip:203.0.113.66')?.zone).toBe('Orange');
    expect(graph.entities.find((e) => e.id === 'ip:2001:db8::bad:66')?.zone).toBeUndefined();
    expect(graph.relations[0]).toEqual({
      id: 'domain:bad.example.com|resolves_to|ip:203.0.113.66',
      src: 'domain:bad.example.com',
      dst: 'ip:203.0.113.66',
      kind: 'resolves_to',
      firstSeen: '2024-04-01T09:00:00Z',
      lastSeen: '2024-05-30T17:00:00Z',
      sections: ['stix'],
    });
  });

  it('names a file by its MD5 with SHA-1 and SHA-256 as aliases', () => {
    const graph = relationsFromLookup('domain', 'bad.example.com', answer);
    expect(graph.entities.find((e) => e.type === 'file')).toEqual({
      id: `file:${MD5}`, type: 'file', value: MD5, aliases: [SHA1, SHA256],
    });
  });

  it('leaves the zone unset when an indicator only says malicious-activity', () => {
    const graph = relationsFromLookup('ip', '203.0.113.66', bundle(
      IPV4,
      indicator("[ipv4-addr:value = '203.0.113.66']", { indicator_types: ['malicious-activity'] }),
    ));
    expect(graph.entities).toEqual([{ id: 'ip:203.0.113.66', type: 'ip', value: '203.0.113.66' }]);
  });
});

describe('the seed of a STIX answer', () => {
  it('a hash lookup by SHA-256 lands on the MD5 node, coloured by an indicator naming any of its hashes', () => {
    const graph = relationsFromLookup('hash', SHA256.toUpperCase(), bundle(
      DOMAIN,
      { type: 'file', id: 'file--x', hashes: { SHA256: SHA256.toUpperCase(), 'sha-1': SHA1, Md5: MD5.toUpperCase() } },
      indicator(`[file:hashes.'SHA-256' = '${SHA256.toUpperCase()}']`, { x_tip_zone: 'Red' }),
      relationship('file--x', 'related-to', 'domain-name--d1', { description: 'File downloaded from this domain' }),
    ));
    expect(graph.entities[0]).toEqual({ id: `file:${MD5}`, type: 'file', value: MD5, aliases: [SHA1, SHA256], zone: 'Red' });
    expect(ids(graph).relations).toEqual([`file:${MD5}|downloaded_from|domain:bad.example.com`]);
  });

  it('a hash the bundle has no observable for is still the first entity, coloured by its indicator', () => {
    const graph = relationsFromLookup('hash', MD5_2.toUpperCase(), bundle(
      indicator(`[file:hashes.MD5 = '${MD5_2}']`, { x_tip_zone: 'Grey' }),
    ));
    expect(graph).toEqual({ entities: [{ id: `file:${MD5_2}`, type: 'file', value: MD5_2, zone: 'Grey' }], relations: [] });
  });

  it('a url looked up without a scheme is the observable written with one', () => {
    const graph = relationsFromLookup('url', 'bad.example.com/dl/payload.exe', bundle(
      URL_SCO, DOMAIN,
      indicator("[url:value = 'http://bad.example.com/dl/payload.exe']", { x_tip_zone: 'Red' }),
      relationship('url--u1', 'related-to', 'domain-name--d1', { description: 'on host' }),
    ));
    expect(ids(graph)).toEqual({
      entities: ['url:bad.example.com/dl/payload.exe', 'domain:bad.example.com'],
      relations: ['url:bad.example.com/dl/payload.exe|on_host|domain:bad.example.com'],
    });
    expect(graph.entities[0]?.zone).toBe('Red');
  });

  it('a file observable without MD5 is named by its SHA-256, the other hashes as aliases', () => {
    const graph = relationsFromLookup('domain', 'bad.example.com', bundle(
      DOMAIN,
      { type: 'file', id: 'file--s', hashes: { 'SHA-1': SHA1, 'SHA-256': SHA256 } },
      relationship('file--s', 'related-to', 'domain-name--d1', { description: 'contacted' }),
    ));
    expect(graph.entities[1]).toEqual({ id: `file:${SHA256}`, type: 'file', value: SHA256, aliases: [SHA1] });
    expect(ids(graph).relations).toEqual([`file:${SHA256}|contacted|domain:bad.example.com`]);
  });
});

describe('a damaged STIX bundle', () => {
  it('skips junk objects, bad values and dangling references, and maps the rest', () => {
    const graph = relationsFromLookup('ip', '203.0.113.66', bundle(
      null, 7, 'x', [], {},
      { type: 'ipv4-addr', id: 'ipv4-addr--cidr', value: '192.0.2.0/24' },
      { type: 'domain-name', id: 'domain-name--bad', value: 'not a domain' },
      { type: 'file', id: 'file--nohash', hashes: { MD5: 'zz', 'SHA-256': 42 } },
      { type: 'file', id: 'file--nohashes', hashes: 'MD5' },
      { type: 'url', id: 'url--bad', value: 42 },
      IPV4, DOMAIN,
      indicator('not a pattern', { x_tip_zone: 'Red' }),
      indicator(42, { x_tip_zone: 'Red' }),
      { type: 'indicator', pattern: "[ipv4-addr:value = '203.0.113.66']", x_tip_zone: 7 },
      relationship('domain-name--bad', 'resolves-to', 'ipv4-addr--i4'),
      relationship('ipv4-addr--cidr', 'resolves-to', 'domain-name--d1'),
      { type: 'relationship', relationship_type: 'resolves-to', source_ref: 42, target_ref: null },
      { type: 'relationship', relationship_type: 42, source_ref: 'domain-name--d1', target_ref: 'ipv4-addr--i4' },
      relationship('domain-name--d1', 'resolves-to', 'ipv4-addr--i4'),
    ));
    expect(graph).toEqual({
      entities: [
        { id: 'ip:203.0.113.66', type: 'ip', value: '203.0.113.66' },
        { id: 'domain:bad.example.com', type: 'domain', value: 'bad.example.com' },
      ],
      relations: [{
        id: 'domain:bad.example.com|resolves_to|ip:203.0.113.66',
        src: 'domain:bad.example.com',
        dst: 'ip:203.0.113.66',
        kind: 'resolves_to',
        sections: ['stix'],
      }],
    });
  });

  it('an indicator whose pattern names two different objects colours neither', () => {
    const graph = relationsFromLookup('ip', '203.0.113.66', bundle(
      IPV4, DOMAIN,
      indicator("[ipv4-addr:value = '203.0.113.66'] OR [domain-name:value = 'bad.example.com']", { x_tip_zone: 'Red' }),
    ));
    expect(graph.entities.map((e) => e.zone)).toEqual([undefined, undefined]);
  });

  it('a description naming two kinds draws nothing rather than guess', () => {
    const graph = relationsFromLookup('domain', 'bad.example.com', bundle(
      DOMAIN, FILE_2,
      relationship('file--f2', 'related-to', 'domain-name--d1', { description: 'downloaded from, then contacted' }),
    ));
    expect(graph.relations).toEqual([]);
  });
});
