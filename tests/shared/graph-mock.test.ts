// The demo TIP service's answers (tools/mock-tip, built in-process: no server) through the mapper.
// Its world stores every edge once and shows it from both ends, so these tests prove what the
// analyst relies on when pivoting: expanding either end of an edge lands on the same nodes and the
// same relation id, whatever hash or spelling the lookup used.
import { beforeAll, describe, expect, it } from 'vitest';
import { relationsFromLookup, type LookupGraph } from '../../src/shared/graph/index';
import type { LookupType } from '../../src/shared/tip/types';
import { fullAnswer, parseObject } from '../../tools/mock-tip/lookup';
import { createWorld, DEMO_INDICATORS, SHOWCASE, type World } from '../../tools/mock-tip/world';

type Body = Record<string, unknown>;
let world: World;

beforeAll(() => {
  world = createWorld('tip-workbench');
});

/** What the demo service would answer (every section, lists uncut) for the lookup as typed. */
function answer(type: LookupType, value: string): Body {
  const parsed = parseObject(type, value);
  if (!parsed.ok) throw new Error(`the demo service refuses ${type} ${value}: ${parsed.message}`);
  return fullAnswer(world, type, parsed.value) as Body;
}

function lookup(type: LookupType, value: string): LookupGraph {
  return relationsFromLookup(type, value, answer(type, value));
}

function relationIds(graph: LookupGraph): Set<string> {
  return new Set(graph.relations.map((r) => r.id));
}

function list(body: Body, key: string): Record<string, unknown>[] {
  const value = body[key];
  return Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
}

const md5 = (hashes: { md5: string }): string => hashes.md5.toLowerCase();

describe('the demo service’s answers', () => {
  it('the shared-hosting IP: one edge per resolving domain and per downloaded file, over 2,000 in all', () => {
    const body = answer('ip', SHOWCASE.hubIp);
    const graph = relationsFromLookup('ip', SHOWCASE.hubIp, body);
    const domains = new Set(list(body, 'IpDnsResolutions').map((item) => item.Domain));
    const files = new Set(list(body, 'FilesDownloadedFromIp').map((item) => String(item.Md5).toLowerCase()));
    expect(graph.relations.length).toBe(domains.size + files.size);
    expect(graph.relations.length).toBeGreaterThan(2000);
    expect(graph.entities.length).toBe(1 + domains.size + files.size);
    expect(graph.entities[0]).toMatchObject({ id: 'ip:203.0.113.66', zone: 'Red', threatScore: 97 });
    expect(graph.entities[0]?.summary).toContain('malware, botnet cnc');
    const payload = graph.relations.find((r) => r.id === `file:${md5(SHOWCASE.payload)}|downloaded_from|ip:203.0.113.66`);
    expect(payload?.urls).toContain(SHOWCASE.payloadUrl);
  });

  it('every demo indicator maps with the looked-up object first, unique ids and edges between known nodes', () => {
    for (const [type, values] of Object.entries(DEMO_INDICATORS) as [LookupType, string[]][]) {
      for (const value of values) {
        const graph = lookup(type, value);
        expect(graph.entities[0]?.type).toBe(type === 'hash' ? 'file' : type);
        expect(graph.entities[0]?.zone).toMatch(/^(Red|Orange|Yellow|Grey|Green)$/);
        const entityIds = graph.entities.map((e) => e.id);
        expect(new Set(entityIds).size).toBe(entityIds.length);
        expect(relationIds(graph).size).toBe(graph.relations.length);
        for (const r of graph.relations) expect(entityIds.includes(r.src) && entityIds.includes(r.dst)).toBe(true);
      }
    }
  });
});

describe('pivots land on the same nodes and edges', () => {
  it('IP ↔ domain: the resolution has one id and the same hits from both ends', () => {
    const fromIp = lookup('ip', SHOWCASE.hubIp);
    const fromDomain = lookup('domain', SHOWCASE.badDomain.toUpperCase());
    const id = 'domain:bad.example.com|resolves_to|ip:203.0.113.66';
    const a = fromIp.relations.find((r) => r.id === id);
    const b = fromDomain.relations.find((r) => r.id === id);
    expect(a?.hits).toBeGreaterThan(0);
    expect(b?.hits).toBe(a?.hits);
    expect(b?.firstSeen).toBe(a?.firstSeen);
    // The domain also resolves to the Red IPv6 address, written in RFC 5952 form.
    expect(relationIds(fromDomain).has('domain:bad.example.com|resolves_to|ip:2001:db8::bad:66')).toBe(true);
  });

  it('a hash looked up by SHA-256 is the MD5 node the IP answer drew, with the same download edge', () => {
    const stage2 = lookup('hash', SHOWCASE.stage2.sha256);
    const id = md5(SHOWCASE.stage2);
    expect(stage2.entities[0]).toMatchObject({
      id: `file:${id}`,
      aliases: [SHOWCASE.stage2.sha1.toLowerCase(), SHOWCASE.stage2.sha256.toLowerCase()],
      zone: 'Red',
    });
    // FileDownloadedFromUrls names the IP host of 203.0.113.66/dl/stage2.bin: an ip node.
    const edge = `file:${id}|downloaded_from|ip:203.0.113.66`;
    expect(relationIds(stage2).has(edge)).toBe(true);
    expect(relationIds(lookup('ip', SHOWCASE.hubIp)).has(edge)).toBe(true);
  });

  it('a hash looked up by SHA-1 is named by its MD5', () => {
    const setup = lookup('hash', SHOWCASE.setup.sha1);
    expect(setup.entities[0]?.id).toBe(`file:${md5(SHOWCASE.setup)}`);
    expect(setup.entities[0]?.zone).toBe('Green');
    expect(relationIds(setup).has(`file:${md5(SHOWCASE.setup)}|downloaded_from|domain:www.example.org`)).toBe(true);
  });

  it('file ↔ domain: the payload’s download and its C2 contact are the edges the domain answer draws', () => {
    const payload = lookup('hash', SHOWCASE.payload.md5);
    const domain = lookup('domain', SHOWCASE.badDomain);
    const id = md5(SHOWCASE.payload);
    for (const edge of [`file:${id}|downloaded_from|domain:bad.example.com`, `file:${id}|contacted|domain:bad.example.com`]) {
      expect(relationIds(payload).has(edge)).toBe(true);
      expect(relationIds(domain).has(edge)).toBe(true);
    }
    const download = payload.relations.find((r) => r.kind === 'downloaded_from');
    expect(download?.urls).toEqual([SHOWCASE.payloadUrl]);
    expect(payload.entities[0]?.summary).toContain('Trojan-Downloader.Win32.Agent.showcase');
    // FileDownloadedFromUrls' Zone is the URL's; the domain node gets no zone from it.
    expect(payload.entities.find((e) => e.id === 'domain:bad.example.com')?.zone).toBeUndefined();
  });

  it('url → host → IPs, and the file downloaded from the URL', () => {
    const value = DEMO_INDICATORS.url[0] ?? '';
    const graph = lookup('url', value);
    const url = `url:${value}`;
    expect(graph.entities[0]?.id).toBe(url);
    const edges = relationIds(graph);
    expect(edges.has(`${url}|on_host|domain:bad.example.com`)).toBe(true);
    expect(edges.has('domain:bad.example.com|resolves_to|ip:203.0.113.66')).toBe(true);
    expect(edges.has(`file:${md5(SHOWCASE.payload)}|downloaded_from|${url}`)).toBe(true);
  });

  it('a URL on an IP is on that ip, with no DNS resolutions', () => {
    const value = DEMO_INDICATORS.url[1] ?? '';
    const graph = lookup('url', value);
    expect(graph.relations.filter((r) => r.kind !== 'downloaded_from').map((r) => r.id)).toEqual([
      `url:${value}|on_host|ip:203.0.113.66`,
    ]);
  });
});

describe('objects the demo world does not hold', () => {
  it('a Grey “nothing known” answer for a SHA-256 names the file by that hash', () => {
    const sha256 = 'AB'.repeat(32);
    expect(lookup('hash', sha256)).toEqual({
      entities: [{ id: `file:${sha256.toLowerCase()}`, type: 'file', value: sha256.toLowerCase(), zone: 'Grey' }],
      relations: [],
    });
  });

  it('a reserved address is a Grey ip with no edges', () => {
    const graph = lookup('ip', SHOWCASE.reservedIp);
    expect(graph.entities).toHaveLength(1);
    expect(graph.entities[0]).toMatchObject({ id: 'ip:10.0.0.1', zone: 'Grey', summary: 'Reserved' });
    expect(graph.relations).toEqual([]);
  });
});
