import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  entityId,
  relationId,
  relationsFromLookup,
  type Entity,
  type LookupGraph,
  type Relation,
} from '../../src/shared/graph/index';

// The hand-made example answers of shared/tip-api/examples, copied into the repository's fixtures.
const EXAMPLES = path.resolve(__dirname, '../fixtures/tip');
type Body = Record<string, unknown>;

function example(name: 'ip' | 'domain' | 'url' | 'hash'): Body {
  return JSON.parse(fs.readFileSync(path.join(EXAMPLES, `${name}.json`), 'utf8')) as Body;
}

function ids(graph: LookupGraph): { entities: string[]; relations: string[] } {
  return { entities: graph.entities.map((e) => e.id), relations: graph.relations.map((r) => r.id) };
}

function entity(graph: LookupGraph, id: string): Entity {
  const found = graph.entities.find((e) => e.id === id);
  if (found === undefined) throw new Error(`no entity ${id} in ${ids(graph).entities.join(', ')}`);
  return found;
}

function relation(graph: LookupGraph, id: string): Relation {
  const found = graph.relations.find((r) => r.id === id);
  if (found === undefined) throw new Error(`no relation ${id} in ${ids(graph).relations.join(', ')}`);
  return found;
}

const MD5 = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const SHA1 = '00112233445566778899aabbccddeeff00112233';
const SHA256 = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

describe('the example answers (shared/tip-api/examples)', () => {
  it('ip: the IP first, then domain —resolves_to→ ip and file —downloaded_from→ ip with its URL', () => {
    const graph = relationsFromLookup('ip', '203.0.113.45', example('ip'));
    expect(ids(graph)).toEqual({
      entities: ['ip:203.0.113.45', 'domain:bad.example.com', `file:${MD5}`],
      relations: [
        'domain:bad.example.com|resolves_to|ip:203.0.113.45',
        `file:${MD5}|downloaded_from|ip:203.0.113.45`,
      ],
    });
    expect(graph.entities[0]).toEqual({
      id: 'ip:203.0.113.45',
      type: 'ip',
      value: '203.0.113.45',
      zone: 'Orange',
      threatScore: 68,
      firstSeen: '2023-11-02T06:30Z',
      summary: 'XX · Known · malware',
    });
    expect(relation(graph, 'domain:bad.example.com|resolves_to|ip:203.0.113.45')).toEqual({
      id: 'domain:bad.example.com|resolves_to|ip:203.0.113.45',
      src: 'domain:bad.example.com',
      dst: 'ip:203.0.113.45',
      kind: 'resolves_to',
      hits: 100,
      firstSeen: '2024-04-01T09:00Z',
      lastSeen: '2024-05-30T17:00Z',
      sections: ['IpDnsResolutions'],
    });
    expect(relation(graph, `file:${MD5}|downloaded_from|ip:203.0.113.45`)).toMatchObject({
      hits: 10,
      urls: ['203.0.113.45/dl/payload.exe'],
      sections: ['FilesDownloadedFromIp'],
    });
    // The list item's zone describes the neighbour; a file's detection name is its summary.
    expect(entity(graph, 'domain:bad.example.com').zone).toBe('Red');
    expect(entity(graph, `file:${MD5}`)).toEqual({
      id: `file:${MD5}`, type: 'file', value: MD5, zone: 'Red', summary: 'HEUR:Trojan.Win32.Generic',
    });
  });

  it('ip: HostedUrls and WHOIS draw nothing (only the table in REFERENCE.md makes edges)', () => {
    const graph = relationsFromLookup('ip', '203.0.113.45', example('ip'));
    expect(graph.entities.some((e) => e.type === 'url')).toBe(false);
    expect(graph.relations).toHaveLength(2);
  });

  it('domain: domain —resolves_to→ each ip with its zone and score; downloads and contacts point at the domain', () => {
    const graph = relationsFromLookup('domain', 'bad.example.com', example('domain'));
    expect(ids(graph)).toEqual({
      entities: [
        'domain:bad.example.com',
        'ip:192.0.2.10',
        'ip:198.51.100.7',
        `file:${MD5}`,
        'file:fedcba9876543210fedcba9876543210',
      ],
      relations: [
        'domain:bad.example.com|resolves_to|ip:192.0.2.10',
        'domain:bad.example.com|resolves_to|ip:198.51.100.7',
        `file:${MD5}|downloaded_from|domain:bad.example.com`,
        'file:fedcba9876543210fedcba9876543210|contacted|domain:bad.example.com',
      ],
    });
    expect(graph.entities[0]).toMatchObject({ zone: 'Red' });
    expect(graph.entities[0]?.summary).toContain('malware, phishing');
    expect(entity(graph, 'ip:198.51.100.7')).toEqual({
      id: 'ip:198.51.100.7', type: 'ip', value: '198.51.100.7', zone: 'Orange', threatScore: 61,
    });
    expect(relation(graph, `file:${MD5}|downloaded_from|domain:bad.example.com`).urls).toEqual([
      'bad.example.com/files/invoice_0423.exe',
    ]);
    expect(relation(graph, 'file:fedcba9876543210fedcba9876543210|contacted|domain:bad.example.com')).toMatchObject({
      hits: 1, sections: ['FilesAccessed'],
    });
  });

  it('url: url —on_host→ host, host —resolves_to→ ip, file —downloaded_from→ url', () => {
    const value = 'http://bad.example.com/dl/payload.exe';
    const graph = relationsFromLookup('url', value, example('url'));
    expect(ids(graph)).toEqual({
      entities: [`url:${value}`, 'domain:bad.example.com', 'ip:203.0.113.45', `file:${MD5}`],
      relations: [
        `url:${value}|on_host|domain:bad.example.com`,
        'domain:bad.example.com|resolves_to|ip:203.0.113.45',
        `file:${MD5}|downloaded_from|url:${value}`,
      ],
    });
    expect(graph.entities[0]).toMatchObject({ zone: 'Red', summary: 'bad.example.com · malware' });
    expect(relation(graph, `url:${value}|on_host|domain:bad.example.com`).sections).toEqual(['UrlGeneralInfo']);
    // The host's zone is not in a url answer: it is left unset rather than guessed.
    expect(entity(graph, 'domain:bad.example.com').zone).toBeUndefined();
    expect(entity(graph, 'ip:203.0.113.45')).toMatchObject({ zone: 'Red', threatScore: 88 });
  });

  it('hash: file —downloaded_from→ Domain and —contacted→ Domain, the URLs and dates on the edges', () => {
    const graph = relationsFromLookup('hash', MD5, example('hash'));
    expect(ids(graph)).toEqual({
      entities: [`file:${MD5}`, 'domain:example.com', 'domain:example.net'],
      relations: [`file:${MD5}|downloaded_from|domain:example.com`, `file:${MD5}|contacted|domain:example.net`],
    });
    expect(relation(graph, `file:${MD5}|downloaded_from|domain:example.com`)).toEqual({
      id: `file:${MD5}|downloaded_from|domain:example.com`,
      src: `file:${MD5}`,
      dst: 'domain:example.com',
      kind: 'downloaded_from',
      lastSeen: '2024-05-29T22:10Z',
      urls: ['dl.example.com/files/invoice_0423.exe'],
      sections: ['FileDownloadedFromUrls'],
    });
    expect(relation(graph, `file:${MD5}|contacted|domain:example.net`).urls).toEqual(['c2.example.net/gate.php']);
    // FileDownloadedFromUrls[].Zone is the URL's: the domain must not turn Red because of it.
    expect(entity(graph, 'domain:example.com').zone).toBeUndefined();
    expect(entity(graph, 'domain:example.net').zone).toBeUndefined();
    // FileStartedObjects names another file, but draws no edge.
    expect(graph.entities.some((e) => e.id === 'file:fedcba9876543210fedcba9876543210')).toBe(false);
  });

  it('hash: the file carries its zone, dates, hashes and a detection · type · size summary', () => {
    const seed = relationsFromLookup('hash', MD5.toUpperCase(), example('hash')).entities[0];
    expect(seed).toEqual({
      id: `file:${MD5}`,
      type: 'file',
      value: MD5,
      zone: 'Red',
      aliases: [SHA1, SHA256],
      firstSeen: '2024-02-11T08:41Z',
      lastSeen: '2024-05-30T17:05Z',
      summary: 'HEUR:Trojan.Win32.Generic · Win32 EXE · 471 KB',
    });
  });
});

describe('file ids', () => {
  it('a lookup by SHA-256 or SHA-1 lands on the MD5 node, the other hashes as aliases', () => {
    for (const hash of [SHA256, SHA256.toUpperCase(), SHA1, ` ${SHA1.toUpperCase()} `]) {
      const graph = relationsFromLookup('hash', hash, example('hash'));
      expect(graph.entities[0]?.id).toBe(`file:${MD5}`);
      expect(graph.entities[0]?.aliases).toEqual([SHA1, SHA256]);
      expect(graph.relations.every((r) => r.src === `file:${MD5}`)).toBe(true);
    }
  });

  it('trusts the answer’s MD5 when the looked-up hash matches none of its hashes, keeping it as an alias', () => {
    const other = 'ab'.repeat(32);
    const seed = relationsFromLookup('hash', other, example('hash')).entities[0];
    expect(seed?.id).toBe(`file:${MD5}`);
    expect(seed?.aliases).toEqual([SHA1, SHA256, other]);
  });

  it('names the file by the looked-up hash when the answer gives no MD5 (404, Grey)', () => {
    expect(relationsFromLookup('hash', SHA256.toUpperCase(), null)).toEqual({
      entities: [{ id: `file:${SHA256}`, type: 'file', value: SHA256 }],
      relations: [],
    });
    const grey = { Zone: 'Grey', FileGeneralInfo: { Md5: null, Sha1: null, Sha256: SHA256.toUpperCase(), HitsCount: 0 } };
    expect(relationsFromLookup('hash', SHA256, grey).entities).toEqual([
      { id: `file:${SHA256}`, type: 'file', value: SHA256, zone: 'Grey' },
    ]);
  });
});

describe('normalisation', () => {
  it('writes IPv6 in RFC 5952 form, for the seed and for resolutions', () => {
    const body = {
      Zone: 'Red',
      DomainDnsResolutions: [{ Ip: '2001:0DB8:0000:0000:0000:0000:0BAD:0066', Zone: 'Red' }, { Ip: '[2001:DB8::1]' }],
    };
    const graph = relationsFromLookup('domain', 'bad.example.com', body);
    expect(ids(graph).entities).toEqual(['domain:bad.example.com', 'ip:2001:db8::bad:66', 'ip:2001:db8::1']);
    expect(relationsFromLookup('ip', '2001:DB8:0:0:0:0:0:BAD', null).entities[0]?.id).toBe('ip:2001:db8::bad');
  });

  it('lower-cases domains, drops the trailing dot and writes IDN as punycode', () => {
    const body = { IpDnsResolutions: [{ Domain: 'Bad.EXAMPLE.com.' }, { Domain: 'bücher.example' }, { Domain: 'BÜCHER.example' }] };
    const graph = relationsFromLookup('ip', '192.0.2.1', body);
    expect(ids(graph).entities).toEqual(['ip:192.0.2.1', 'domain:bad.example.com', 'domain:xn--bcher-kva.example']);
    expect(relationsFromLookup('domain', 'BAD.Example.COM.', example('domain')).entities[0]?.id).toBe('domain:bad.example.com');
    expect(relationsFromLookup('domain', 'Bücher.Example', null).entities[0]?.id).toBe('domain:xn--bcher-kva.example');
  });

  it('lower-cases a URL’s scheme and host and keeps the rest as written', () => {
    const value = '  HTTP://Bad.Example.COM:8080/DL/Payload.EXE?Id=AbC#Top ';
    const graph = relationsFromLookup('url', value, { UrlGeneralInfo: {} });
    expect(ids(graph)).toEqual({
      entities: ['url:http://bad.example.com:8080/DL/Payload.EXE?Id=AbC#Top', 'domain:bad.example.com'],
      relations: ['url:http://bad.example.com:8080/DL/Payload.EXE?Id=AbC#Top|on_host|domain:bad.example.com'],
    });
    const download = relationsFromLookup('domain', 'bad.example.com', {
      FilesDownloaded: [{ Md5: MD5, Url: 'BAD.example.com/Files/X.exe' }],
    });
    expect(download.relations[0]?.urls).toEqual(['bad.example.com/Files/X.exe']);
  });

  it('lower-cases hashes from the answer', () => {
    const graph = relationsFromLookup('ip', '192.0.2.1', { FilesDownloadedFromIp: [{ Md5: MD5.toUpperCase() }] });
    expect(ids(graph).entities).toEqual(['ip:192.0.2.1', `file:${MD5}`]);
  });

  it('skips values that do not validate and keeps the rest', () => {
    const body = {
      IpDnsResolutions: [{ Domain: 'not a domain' }, { Domain: '192.0.2.7' }, { Domain: 'ok.example.com' }],
      FilesDownloadedFromIp: [{ Md5: SHA1 }, { Md5: 'xyz' }, { Md5: MD5 }],
    };
    const graph = relationsFromLookup('ip', '192.0.2.1', body);
    expect(ids(graph).entities).toEqual(['ip:192.0.2.1', 'domain:ok.example.com', `file:${MD5}`]);
  });
});

describe('url hosts', () => {
  it('reads the host off the looked-up URL when UrlGeneralInfo.Host is missing', () => {
    const graph = relationsFromLookup('url', 'https://Shop.Example.net/cart', {
      Zone: 'Green',
      DomainDnsResolutions: [{ Ip: '198.51.100.9' }],
    });
    expect(ids(graph).relations).toEqual([
      'url:https://shop.example.net/cart|on_host|domain:shop.example.net',
      'domain:shop.example.net|resolves_to|ip:198.51.100.9',
    ]);
    expect(graph.relations[0]?.sections).toEqual([]);
  });

  it('an IP host gives url —on_host→ ip, and no resolution from an IP', () => {
    const graph = relationsFromLookup('url', 'http://203.0.113.66/dl/stage2.bin', {
      UrlGeneralInfo: { Host: '203.0.113.66' },
      DomainDnsResolutions: [{ Ip: '198.51.100.9' }],
    });
    expect(ids(graph)).toEqual({
      entities: ['url:http://203.0.113.66/dl/stage2.bin', 'ip:203.0.113.66'],
      relations: ['url:http://203.0.113.66/dl/stage2.bin|on_host|ip:203.0.113.66'],
    });
  });

  it('hash: a missing Domain falls back to the URL’s host; an IP host gives an ip', () => {
    const graph = relationsFromLookup('hash', MD5, {
      FileGeneralInfo: { Md5: MD5 },
      FileDownloadedFromUrls: [
        { Url: 'cdn.example.org/a.exe' },
        { Url: '203.0.113.66/dl/stage2.bin', Domain: '203.0.113.66' },
        { Url: 'mirror.example.org/b.exe', Domain: 42 },
      ],
    });
    expect(ids(graph).relations).toEqual([
      `file:${MD5}|downloaded_from|domain:cdn.example.org`,
      `file:${MD5}|downloaded_from|ip:203.0.113.66`,
      `file:${MD5}|downloaded_from|domain:mirror.example.org`,
    ]);
  });

  it('hash: a contacted bare IP is not drawn (contacted joins a file to a domain)', () => {
    const graph = relationsFromLookup('hash', MD5, {
      FileGeneralInfo: { Md5: MD5 },
      FileAccessedUrls: [{ Url: '198.51.100.5/gate', Domain: '198.51.100.5' }, { Url: 'c2.example.net/g' }],
    });
    expect(ids(graph)).toEqual({
      entities: [`file:${MD5}`, 'domain:c2.example.net'],
      relations: [`file:${MD5}|contacted|domain:c2.example.net`],
    });
  });
});

describe('duplicates', () => {
  it('merge into one relation: hits max, first seen earliest, last seen latest, URLs and sections unioned', () => {
    const graph = relationsFromLookup('domain', 'bad.example.com', {
      FilesDownloaded: [
        { Md5: MD5, Url: 'bad.example.com/a.exe', DownloadHitsCount: 5, FirstSeen: '2024-03-01T00:00Z', LastSeen: '2024-04-01T00:00Z' },
        { Md5: MD5.toUpperCase(), Url: 'bad.example.com/b.exe', DownloadHitsCount: 50, FirstSeen: '2024-01-15T10:00:00Z', LastSeen: '2024-03-01T00:00Z' },
        { Md5: MD5, Url: 'BAD.example.com/a.exe', DownloadHitsCount: 7, LastSeen: '2024-06-30T23:59Z' },
      ],
    });
    expect(graph.relations).toEqual([
      {
        id: `file:${MD5}|downloaded_from|domain:bad.example.com`,
        src: `file:${MD5}`,
        dst: 'domain:bad.example.com',
        kind: 'downloaded_from',
        hits: 50,
        firstSeen: '2024-01-15T10:00:00Z',
        lastSeen: '2024-06-30T23:59Z',
        urls: ['bad.example.com/a.exe', 'bad.example.com/b.exe'],
        sections: ['FilesDownloaded'],
      },
    ]);
    expect(graph.entities).toHaveLength(2);
  });

  it('the same edge from two sections lists both', () => {
    const graph = relationsFromLookup('hash', MD5, {
      FileGeneralInfo: { Md5: MD5 },
      FileDownloadedFromUrls: [{ Url: 'a.example.com/x', Domain: 'a.example.com', LastDownloadDate: '2024-01-01T00:00Z' }],
      FileAccessedUrls: [{ Url: 'a.example.com/x', Domain: 'a.example.com' }],
    });
    expect(graph.relations.map((r) => [r.kind, r.sections])).toEqual([
      ['downloaded_from', ['FileDownloadedFromUrls']],
      ['contacted', ['FileAccessedUrls']],
    ]);
    const twice = relationsFromLookup('url', 'http://a.example.com/x', {
      UrlGeneralInfo: { Host: 'a.example.com' },
      FilesDownloaded: [{ Md5: MD5 }],
      DomainDnsResolutions: [{ Ip: '192.0.2.1', HitsCount: 3 }, { Ip: '192.0.2.1', HitsCount: 9 }],
    });
    expect(relation(twice, 'domain:a.example.com|resolves_to|ip:192.0.2.1').hits).toBe(9);
  });

  it('one entity per id: the first mention’s values win, later mentions fill the gaps', () => {
    const graph = relationsFromLookup('domain', 'bad.example.com', {
      FilesDownloaded: [{ Md5: MD5 }, { Md5: MD5, Zone: 'Red', DetectionName: 'Trojan.Win32.A' }],
      FilesAccessed: [{ Md5: MD5, Zone: 'Green', DetectionName: 'other' }],
    });
    expect(graph.entities.filter((e) => e.type === 'file')).toEqual([
      { id: `file:${MD5}`, type: 'file', value: MD5, zone: 'Red', summary: 'Trojan.Win32.A' },
    ]);
  });
});

describe('the looked-up object', () => {
  it('comes alone, without a zone, for a 404 (null body)', () => {
    expect(relationsFromLookup('domain', 'Gone.Example.com', null)).toEqual({
      entities: [{ id: 'domain:gone.example.com', type: 'domain', value: 'gone.example.com' }],
      relations: [],
    });
    expect(relationsFromLookup('url', 'http://gone.example.com/x', null)).toEqual({
      entities: [{ id: 'url:http://gone.example.com/x', type: 'url', value: 'http://gone.example.com/x' }],
      relations: [],
    });
  });

  it('takes its value from the answer when the looked-up value does not validate', () => {
    const graph = relationsFromLookup('ip', 'not-an-ip', example('ip'));
    expect(graph.entities[0]?.id).toBe('ip:203.0.113.45');
    expect(graph.relations).toHaveLength(2);
  });

  it('yields nothing when no value can be derived', () => {
    expect(relationsFromLookup('ip', 'not-an-ip', null)).toEqual({ entities: [], relations: [] });
    expect(relationsFromLookup('hash', 'zz', { IpDnsResolutions: [{ Domain: 'a.example.com' }] })).toEqual({
      entities: [],
      relations: [],
    });
  });

  it('keeps summaries to 120 characters', () => {
    const general = {
      Categories: Array.from({ length: 40 }, (_, i) => `CATEGORY_VERY_LONG_NAME_${i}`),
      CountryCode: 'XX',
      Status: 'Known',
    };
    const summary = relationsFromLookup('ip', '192.0.2.1', { IpGeneralInfo: general }).entities[0]?.summary ?? '';
    expect(summary.length).toBeLessThanOrEqual(120);
    expect(summary.startsWith('XX · Known · very long name 0, very long name 1')).toBe(true);
    expect(summary.endsWith('…')).toBe(true);
  });

  it('takes a threat score only when it is a number from 0 to 100', () => {
    const score = (ThreatScore: unknown): number | undefined =>
      relationsFromLookup('ip', '192.0.2.1', { IpGeneralInfo: { ThreatScore } }).entities[0]?.threatScore;
    expect(score(0)).toBe(0);
    expect(score(97)).toBe(97);
    expect(score('97')).toBeUndefined();
    expect(score(250)).toBeUndefined();
  });
});

describe('a full answer', () => {
  it('maps 1,000 records in each list section to 2,000 relations with one node each', () => {
    const n = 1000;
    const body = {
      Zone: 'Red',
      IpGeneralInfo: { Ip: '203.0.113.66', ThreatScore: 97 },
      IpDnsResolutions: Array.from({ length: n }, (_, i) => ({
        Domain: `host${i}.example.com`, Zone: 'Red', HitsCount: i, FirstSeen: '2024-05-01T08:00Z', LastSeen: '2024-06-01T08:00Z',
      })),
      FilesDownloadedFromIp: Array.from({ length: n }, (_, i) => ({
        Md5: i.toString(16).padStart(32, '0'), Zone: 'Red', Url: `203.0.113.66/f/${i}.exe`, DownloadHitsCount: i,
      })),
      HostedUrls: Array.from({ length: n }, (_, i) => ({ Url: `203.0.113.66/f/${i}.exe` })),
    };
    const graph = relationsFromLookup('ip', '203.0.113.66', body);
    expect(graph.relations).toHaveLength(2 * n);
    expect(graph.entities).toHaveLength(2 * n + 1);
    expect(new Set(graph.relations.map((r) => r.id)).size).toBe(2 * n);
    expect(graph.relations.every((r) => r.dst === 'ip:203.0.113.66')).toBe(true);
  });
});

describe('ids', () => {
  it('are `<type>:<value>` and `<src>|<kind>|<dst>` on every entity and relation', () => {
    for (const type of ['ip', 'domain', 'url', 'hash'] as const) {
      const value = { ip: '203.0.113.45', domain: 'bad.example.com', url: 'http://bad.example.com/dl/payload.exe', hash: MD5 }[type];
      const graph = relationsFromLookup(type, value, example(type));
      for (const e of graph.entities) expect(e.id).toBe(entityId(e.type, e.value));
      for (const r of graph.relations) expect(r.id).toBe(relationId(r.src, r.kind, r.dst));
      const known = new Set(graph.entities.map((e) => e.id));
      for (const r of graph.relations) expect(known.has(r.src) && known.has(r.dst)).toBe(true);
    }
  });
});
