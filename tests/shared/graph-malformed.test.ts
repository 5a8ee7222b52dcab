// Rule: whatever the body is, relationsFromLookup never throws; bad parts yield nothing and the
// good parts of the same answer are still mapped (an analyst keeps every edge TIP did give).
import { describe, expect, it } from 'vitest';
import { relationsFromLookup, type LookupGraph } from '../../src/shared/graph/index';

const MD5 = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const GOOD_RESOLUTION = { Domain: 'good.example.com', Zone: 'Red', HitsCount: 3 };
const GOOD_EDGE = 'domain:good.example.com|resolves_to|ip:192.0.2.1';

function relationIds(graph: LookupGraph): string[] {
  return graph.relations.map((r) => r.id);
}

describe('bodies that are not answers', () => {
  const bodies: [string, unknown][] = [
    ['null (a 404)', null],
    ['undefined', undefined],
    ['an HTML error page', '<html><body>401 Unauthorized</body></html>'],
    ['an empty string', ''],
    ['a number', 42],
    ['NaN', Number.NaN],
    ['a boolean', true],
    ['an array', [{ IpDnsResolutions: [GOOD_RESOLUTION] }]],
    ['an empty object', {}],
    ['an object with only unknown keys', { Foo: 1, bar: [1, 2], IpDnsResolution: [GOOD_RESOLUTION] }],
    ['a bundle-typed object with no objects', { type: 'bundle' }],
    ['a bundle whose objects is a string', { type: 'bundle', objects: 'nope' }],
  ];
  it.each(bodies)('%s: the looked-up IP alone, no zone, no edge', (_name, body) => {
    expect(relationsFromLookup('ip', '192.0.2.1', body)).toEqual({
      entities: [{ id: 'ip:192.0.2.1', type: 'ip', value: '192.0.2.1' }],
      relations: [],
    });
  });
});

describe('sections of the wrong shape next to a good one', () => {
  const broken: [string, unknown][] = [
    ['missing', undefined],
    ['null', null],
    ['empty', []],
    ['an object where a list belongs', { Md5: MD5 }],
    ['a string where a list belongs', 'FilesDownloadedFromIp'],
    ['a number where a list belongs', 7],
    ['a list of junk', [null, 1, 'x', [], true, { Md5: 42 }, { Md5: null }, { Md5: 'nothex'.repeat(6) }]],
  ];
  it.each(broken)('FilesDownloadedFromIp %s: yields nothing, the resolution is still drawn', (_name, section) => {
    const graph = relationsFromLookup('ip', '192.0.2.1', {
      Zone: 'Red',
      IpGeneralInfo: 'not an object',
      IpDnsResolutions: [GOOD_RESOLUTION],
      FilesDownloadedFromIp: section,
    });
    expect(relationIds(graph)).toEqual([GOOD_EDGE]);
    expect(graph.entities.map((e) => e.id)).toEqual(['ip:192.0.2.1', 'domain:good.example.com']);
    expect(graph.entities[0]?.zone).toBe('Red');
  });
});

describe('list items with wrong-typed fields', () => {
  const items: [string, Record<string, unknown>, Record<string, unknown>][] = [
    ['HitsCount as a string', { HitsCount: '12' }, {}],
    ['HitsCount negative', { HitsCount: -1 }, {}],
    ['HitsCount infinite', { HitsCount: Number.POSITIVE_INFINITY }, {}],
    ['FirstSeen as a number', { FirstSeen: 1714550400000 }, {}],
    ['LastSeen not a date', { LastSeen: 'yesterday' }, {}],
    ['Zone as a number', { Zone: 3 }, {}],
    ['Zone as an object', { Zone: { Name: 'Red' } }, {}],
    ['Categories as a string', { Categories: 'CATEGORY_MALWARE' }, {}],
    ['good fields', { HitsCount: 12, FirstSeen: '2024-05-01T08:00Z', Zone: 'Red' }, { hits: 12, firstSeen: '2024-05-01T08:00Z' }],
  ];
  it.each(items)('%s: the edge is drawn, the bad field left out', (_name, fields, expected) => {
    const graph = relationsFromLookup('ip', '192.0.2.1', { IpDnsResolutions: [{ Domain: 'a.example.com', ...fields }] });
    expect(graph.relations).toHaveLength(1);
    expect(graph.relations[0]).toEqual({
      id: 'domain:a.example.com|resolves_to|ip:192.0.2.1',
      src: 'domain:a.example.com',
      dst: 'ip:192.0.2.1',
      kind: 'resolves_to',
      sections: ['IpDnsResolutions'],
      ...expected,
    });
  });

  const skipped: [string, Record<string, unknown>][] = [
    ['Domain missing', {}],
    ['Domain null', { Domain: null }],
    ['Domain a number', { Domain: 42 }],
    ['Domain an array', { Domain: ['a.example.com'] }],
    ['Domain not a domain', { Domain: 'no spaces allowed.example.com' }],
    ['Domain with no dot', { Domain: 'localhost' }],
    ['Domain over 253 characters', { Domain: `${'a'.repeat(60)}.`.repeat(5) + 'com' }],
  ];
  it.each(skipped)('%s: that item is skipped, the next one still mapped', (_name, item) => {
    const graph = relationsFromLookup('ip', '192.0.2.1', { IpDnsResolutions: [item, GOOD_RESOLUTION] });
    expect(relationIds(graph)).toEqual([GOOD_EDGE]);
  });
});

describe('every lookup type survives junk in every section it reads', () => {
  const junk: unknown[] = [null, 0, 'x', [], {}, [null, 'x', 1, { Ip: 1, Md5: 2, Domain: 3, Url: 4, Host: 5 }]];
  const sections = [
    'IpGeneralInfo', 'DomainGeneralInfo', 'UrlGeneralInfo', 'FileGeneralInfo', 'DetectionsInfo',
    'IpDnsResolutions', 'FilesDownloadedFromIp', 'DomainDnsResolutions', 'FilesDownloaded', 'FilesAccessed',
    'FileDownloadedFromUrls', 'FileAccessedUrls',
  ];
  const cases = (['ip', 'domain', 'url', 'hash'] as const).flatMap((type) =>
    junk.map((value, i) => [type, i, value] as const),
  );
  const seeds = { ip: 'ip:192.0.2.1', domain: 'domain:a.example.com', url: 'url:http://a.example.com/x', hash: `file:${MD5}` };
  const values = { ip: '192.0.2.1', domain: 'a.example.com', url: 'http://a.example.com/x', hash: MD5 };
  it.each(cases)('%s with junk #%i everywhere: only the seed (and a url’s host)', (type, _i, value) => {
    const body = Object.fromEntries(sections.map((key) => [key, value]));
    const graph = relationsFromLookup(type, values[type], body);
    expect(graph.entities[0]?.id).toBe(seeds[type]);
    expect(graph.entities[0]?.zone).toBeUndefined();
    // A url's host is read off the URL itself, so that one edge survives any answer.
    expect(relationIds(graph)).toEqual(type === 'url' ? ['url:http://a.example.com/x|on_host|domain:a.example.com'] : []);
  });
});

describe('the answer’s Zone', () => {
  it.each([
    ['a documented zone', 'Grey', 'Grey'],
    ['a zone TIP may add later, kept as written', 'Purple', 'Purple'],
    ['an empty string', '', undefined],
    ['a number', 1, undefined],
    ['a list', ['Red'], undefined],
  ] as const)('%s', (_name, zone, expected) => {
    expect(relationsFromLookup('ip', '192.0.2.1', { Zone: zone }).entities[0]?.zone).toBe(expected);
  });
});

describe('hostile objects', () => {
  it('a section whose getter throws costs that section only', () => {
    const body = {
      IpDnsResolutions: [GOOD_RESOLUTION],
      get FilesDownloadedFromIp(): unknown {
        throw new Error('boom');
      },
    };
    const graph = relationsFromLookup('ip', '192.0.2.1', body);
    expect(relationIds(graph)).toEqual([GOOD_EDGE]);
  });

  it('a proxy that throws on every read still gives the looked-up object', () => {
    const body = new Proxy({}, { get: () => { throw new Error('boom'); } });
    expect(relationsFromLookup('domain', 'a.example.com', body).entities.map((e) => e.id)).toEqual(['domain:a.example.com']);
  });

  it('an unknown lookup type or a non-string value gives an empty graph, not an exception', () => {
    const call = relationsFromLookup as (type: unknown, value: unknown, body: unknown) => LookupGraph;
    expect(call('email', 'a@b.example', {})).toEqual({ entities: [], relations: [] });
    expect(call('ip', 42, null)).toEqual({ entities: [], relations: [] });
    expect(call('ip', undefined, { IpGeneralInfo: { Ip: '192.0.2.9' } }).entities[0]?.id).toBe('ip:192.0.2.9');
  });

  it('inherited keys on the prototype chain are no reason to throw', () => {
    const body = Object.assign(Object.create(null) as object, { IpDnsResolutions: [GOOD_RESOLUTION], __proto__: 1 });
    expect(relationIds(relationsFromLookup('ip', '192.0.2.1', body))).toEqual([GOOD_EDGE]);
  });
});
