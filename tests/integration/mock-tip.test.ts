import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECTIONS, type LookupType } from '../../src/shared/tip/types';
import { createCa, issueCertificate } from '../../tools/mock-tip/pki';
import { createWorld, DEFAULT_SEED, DEMO_INDICATORS, EPOCH_SHOWCASE, generateWorld, SHOWCASE } from '../../tools/mock-tip/world';
import { DEFAULT_COUNT, fullAnswer, shapeAnswer, STIX_CONTENT_TYPE, startMockTip, type MockTip } from '../../tools/mock-tip/index';
import { stixBundle } from '../../tools/mock-tip/stix';
import { apiPath, basic, certLookup, demoBundles, request, stixAnswer, type Reply, type StixAnswer } from '../support/mock-stix-bundles';
import { stixRuleViolations } from '../support/stix-rules';

type Body = Record<string, unknown>;

const MINUTE_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/;
const SECONDS_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let mock: MockTip;
let trust: string[];
let certAgent: https.Agent;
let tokenAgent: https.Agent;

/** A request that trusts the mock's CA. */
function call(base: string, pathAndQuery: string, options: https.RequestOptions = {}, timeoutMs?: number): Promise<Reply> {
  return request(base, pathAndQuery, { ca: trust, ...options }, timeoutMs);
}

/** A lookup over mutual TLS + Basic on the keep-alive agent. */
function lookup(pathAndQuery: string, headers: Record<string, string> = {}): Promise<Reply> {
  return certLookup(mock, certAgent, trust, pathAndQuery, headers);
}

function tokenLookup(pathAndQuery: string): Promise<Reply> {
  return call(mock.tokenUrl, pathAndQuery, { agent: tokenAgent, headers: { authorization: `Bearer ${mock.token}` } });
}

async function json(pathAndQuery: string): Promise<Body> {
  const reply = await lookup(pathAndQuery);
  expect(reply.status, reply.text.slice(0, 200)).toBe(200);
  return JSON.parse(reply.text) as Body;
}

function list(body: Body, key: string): Body[] {
  const value = body[key];
  if (!Array.isArray(value)) throw new Error(`${key} is not a list`);
  return value as Body[];
}

function object(body: Body, key: string): Body {
  const value = body[key];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${key} is not an object`);
  return value as Body;
}

beforeAll(async () => {
  mock = await startMockTip();
  trust = [...tls.rootCertificates, mock.ca];
  certAgent = new https.Agent({ keepAlive: true, ca: trust, cert: mock.clientCert.cert, key: mock.clientCert.key });
  tokenAgent = new https.Agent({ keepAlive: true, ca: trust });
});

afterAll(async () => {
  certAgent.destroy();
  tokenAgent.destroy();
  await mock.stop();
});

describe('sections of every lookup type', () => {
  const ITEM_KEYS: Record<string, string[]> = {
    IpDnsResolutions: ['Domain', 'Zone', 'HitsCount', 'FirstSeen', 'LastSeen', 'DailyPeak', 'PeakDate', 'Categories'],
    FilesDownloadedFromIp: ['Md5', 'Zone', 'Url', 'DownloadHitsCount', 'DetectionName', 'FirstSeen', 'LastSeen'],
    HostedUrls: ['Url', 'Zone', 'UrlHitsCount', 'IsUrlTruncated', 'FirstSeen', 'LastSeen'],
    FeedMasks: ['Zone', 'Status', 'NormalizedMask', 'FeedNames', 'MaskType'],
    DomainDnsResolutions: ['Ip', 'Zone', 'ThreatScore', 'HitsCount', 'FirstSeen', 'LastSeen', 'PeakDate', 'DailyPeak'],
    FilesDownloaded: ['Md5', 'Zone', 'Url', 'DownloadHitsCount', 'DetectionName', 'FirstSeen', 'LastSeen'],
    FilesAccessed: ['Md5', 'Zone', 'AccessHitsCount', 'DetectionName', 'FirstSeen', 'LastSeen'],
    Subdomains: ['Subdomain', 'Zone'],
    DetectionsInfo: ['LastDetectDate', 'DescriptionUrl', 'Zone', 'DetectionName', 'DetectionMethod'],
    FileDownloadedFromUrls: ['Url', 'Domain', 'Zone', 'LastDownloadDate'],
    FileAccessedUrls: ['Url', 'Domain', 'Zone'],
    FileNames: ['FileName', 'FileNamesHitsCount'],
    FilePaths: ['Path', 'Location', 'FilePathHitsCount'],
    FileCertificates: ['Vendor', 'Publisher', 'TimeStamp', 'Issued', 'Expires', 'SerialNumber'],
    FileStartedObjects: ['Md5', 'Zone', 'HitsCount', 'Name', 'Path', 'Location', 'DetectionName', 'LastStartDate'],
    FileStartedBy: ['Md5', 'Zone', 'HitsCount', 'Name', 'Path', 'Location', 'DetectionName', 'LastStartDate'],
    FileDownloadedObjects: ['Md5', 'Zone', 'HitsCount', 'Name', 'Path', 'Location', 'DetectionName', 'LastDownloadDate'],
    FileDownloadedBy: ['Md5', 'Zone', 'HitsCount', 'Name', 'Path', 'Location', 'DetectionName', 'LastDownloadDate'],
  };
  const COMMON = ['Categories', 'CategoriesWithZone', 'HasApt', 'RelatedAptReports'];

  function checkItems(body: Body): void {
    for (const [section, keys] of Object.entries(ITEM_KEYS)) {
      if (!(section in body)) continue;
      for (const item of list(body, section).slice(0, 50)) {
        expect(Object.keys(item).sort(), section).toEqual([...keys].sort());
        for (const key of ['FirstSeen', 'LastSeen', 'PeakDate', 'LastDetectDate', 'LastDownloadDate', 'LastStartDate']) {
          if (item[key] !== undefined) expect(item[key], `${section}.${key}`).toMatch(MINUTE_DATE);
        }
      }
    }
  }

  it('ip: all 13 sections, documented fields and date forms', async () => {
    const body = await json(apiPath('ip', SHOWCASE.hubIp, '?count=50'));
    expect(Object.keys(body).sort()).toEqual([...SECTIONS.ip].sort());
    expect(Object.keys(object(body, 'LicenseInfo')).sort()).toEqual(['AccessType', 'DayQuota', 'DayRequests', 'TokenExpirationDate']);
    expect(body.Zone).toBe('Red');
    expect(object(body, 'RelatedObjects').HasRedZone).toBe(true);
    const general = object(body, 'IpGeneralInfo');
    expect(Object.keys(general).sort()).toEqual(['Ip', 'HitsCount', 'FirstSeen', 'ThreatScore', 'CountryCode', 'Status', ...COMMON].sort());
    expect(general).toMatchObject({ Ip: SHOWCASE.hubIp, Status: 'Known', ThreatScore: 97 });
    expect(general.FirstSeen).toMatch(MINUTE_DATE);
    const whois = object(body, 'IpWhoIs');
    expect(Object.keys(object(whois, 'Net')).sort()).toEqual(['Changed', 'Created', 'Description', 'Name', 'RangeEnd', 'RangeStart']);
    expect(object(whois, 'Net').Created).toMatch(SECONDS_DATE);
    expect(list(whois, 'Asn')[0]).toHaveProperty('Number');
    expect(Object.keys(object(body, 'IPSpamInfo')).sort()).toEqual(['last_attack_date', 'spam_attack_types', 'spam_attacks', 'spam_ratio']);
    expect(Object.keys(object(body, 'IPPhishingInfo')).sort()).toEqual(
      ['attacked_industry', 'attacked_organization', 'last_attack_date', 'phish_kit', 'phishing_attacks', 'regions', 'stolen_data_type'],
    );
    expect(Array.isArray(body.DataFeeds)).toBe(true);
    checkItems(body);
  });

  it('domain: all 13 sections, WHOIS dates to the second', async () => {
    const body = await json(apiPath('domain', 'example.com', '?count=50'));
    expect(Object.keys(body).sort()).toEqual([...SECTIONS.domain].sort());
    expect(Object.keys(object(body, 'DomainGeneralInfo')).sort()).toEqual(['Domain', 'FilesCount', 'UrlsCount', 'HitsCount', 'Ipv4Count', ...COMMON].sort());
    const whois = object(body, 'DomainWhoIsInfo');
    for (const key of ['Created', 'Updated', 'Expires']) expect(whois[key]).toMatch(SECONDS_DATE);
    expect(Object.keys(object(whois, 'Registrar')).sort()).toEqual(['Email', 'IanaId', 'Info']);
    expect(list(body, 'Subdomains').length).toBeGreaterThan(10);
    for (const sub of list(body, 'Subdomains')) expect(String(sub.Subdomain).endsWith('.example.com')).toBe(true);
    checkItems(body);
    const bad = await json(apiPath('domain', SHOWCASE.badDomain));
    expect(Object.keys(bad).sort()).toEqual([...SECTIONS.domain].sort());
    expect(bad.Zone).toBe('Red');
    expect(list(bad, 'FilesAccessed').map((f) => f.Md5)).toContain(SHOWCASE.payload.md5);
  });

  it('url: all 12 sections for a url given with its scheme', async () => {
    const body = await json(apiPath('url', `http://${SHOWCASE.payloadUrl}`));
    expect(Object.keys(body).sort()).toEqual([...SECTIONS.url].sort());
    const general = object(body, 'UrlGeneralInfo');
    expect(general).toMatchObject({ Url: SHOWCASE.payloadUrl, Host: SHOWCASE.badDomain });
    const resolved = list(body, 'DomainDnsResolutions').map((r) => String(r.Ip));
    expect(resolved).toEqual(expect.arrayContaining([SHOWCASE.hubIp, SHOWCASE.orangeIp, SHOWCASE.ipv6]));
    expect(general.Ipv4Count).toBe(resolved.filter((ip) => !ip.includes(':')).length);
    expect(object(body, 'UrlDomainWhoIs').DomainName).toBe('example.com');
    expect(list(body, 'FilesDownloaded').map((f) => f.Md5)).toContain(SHOWCASE.payload.md5);
    checkItems(body);
  });

  it('hash: all 16 sections, the same file by md5, sha1 or sha256 in any case', async () => {
    const byMd5 = await json(apiPath('hash', SHOWCASE.payload.md5.toLowerCase()));
    expect(Object.keys(byMd5).sort()).toEqual([...SECTIONS.hash].sort());
    const general = object(byMd5, 'FileGeneralInfo');
    expect(general).toMatchObject({ Md5: SHOWCASE.payload.md5, Sha1: SHOWCASE.payload.sha1, Sha256: SHOWCASE.payload.sha256 });
    expect(Object.keys(general).sort()).toEqual(
      ['Md5', 'Sha1', 'Sha256', 'FirstSeen', 'LastSeen', 'Signer', 'SignerZone', 'SignerStatus', 'Packer', 'Size', 'Type', 'HitsCount', ...COMMON].sort(),
    );
    checkItems(byMd5);
    const bySha1 = await json(apiPath('hash', SHOWCASE.payload.sha1));
    const bySha256 = await json(apiPath('hash', SHOWCASE.payload.sha256));
    expect(bySha1.FileGeneralInfo).toEqual(general);
    expect(bySha256.FileGeneralInfo).toEqual(general);
    const setup = await json(apiPath('hash', SHOWCASE.setup.sha1));
    expect(setup.Zone).toBe('Green');
    expect(list(setup, 'FileCertificates')[0]?.Issued).toMatch(SECONDS_DATE);
  });

  it('every DEMO_INDICATORS value answers 200 with its general info', async () => {
    const generalKey = { ip: 'IpGeneralInfo', domain: 'DomainGeneralInfo', url: 'UrlGeneralInfo', hash: 'FileGeneralInfo' } as const;
    for (const type of ['ip', 'domain', 'url', 'hash'] as const) {
      for (const value of DEMO_INDICATORS[type]) {
        const body = await json(apiPath(type, value, '?sections=Zone,' + generalKey[type]));
        expect(['Red', 'Orange', 'Yellow', 'Green']).toContain(body.Zone);
        expect(body).toHaveProperty(generalKey[type]);
      }
    }
  });
});

describe('pivots are consistent', () => {
  it("an IP's resolved domains list the IP back", async () => {
    const ip = await json(apiPath('ip', SHOWCASE.hubIp, '?count=2000&sections=IpDnsResolutions'));
    const resolutions = list(ip, 'IpDnsResolutions');
    expect(resolutions.length).toBe(1600);
    for (const resolution of resolutions.filter((_, i) => i % 80 === 0)) {
      const domain = await json(apiPath('domain', String(resolution.Domain), '?sections=Zone,DomainDnsResolutions'));
      const back = list(domain, 'DomainDnsResolutions').find((r) => r.Ip === SHOWCASE.hubIp);
      expect(back, String(resolution.Domain)).toBeDefined();
      expect(domain.Zone).toBe(resolution.Zone);
      expect(back?.HitsCount).toBe(resolution.HitsCount);
    }
  });

  it("a file downloaded from an IP names the URL and its host, and the host's lookup names the file", async () => {
    const ip = await json(apiPath('ip', SHOWCASE.hubIp, '?count=2000&sections=FilesDownloadedFromIp'));
    const downloads = list(ip, 'FilesDownloadedFromIp');
    expect(downloads.length).toBeGreaterThanOrEqual(1200);
    for (const download of downloads.filter((_, i) => i % 150 === 0)) {
      const file = await json(apiPath('hash', String(download.Md5), '?sections=FileDownloadedFromUrls,Zone'));
      expect(file.Zone).toBe(download.Zone);
      const from = list(file, 'FileDownloadedFromUrls').find((u) => u.Url === download.Url);
      expect(from, String(download.Url)).toBeDefined();
      const host = String(from?.Domain);
      expect(String(download.Url).startsWith(host)).toBe(true);
      const url = await json(apiPath('url', String(download.Url), '?sections=FilesDownloaded'));
      expect(list(url, 'FilesDownloaded').map((f) => f.Md5)).toContain(download.Md5);
      if (host !== SHOWCASE.hubIp) {
        const domain = await json(apiPath('domain', host, '?count=5000&sections=FilesDownloaded,DomainDnsResolutions'));
        expect(list(domain, 'FilesDownloaded').some((f) => f.Md5 === download.Md5 && f.Url === download.Url)).toBe(true);
        expect(list(domain, 'DomainDnsResolutions').map((r) => r.Ip)).toContain(SHOWCASE.hubIp);
      }
    }
  });

  it('file launches and C2 contacts are seen from both ends', async () => {
    const payload = await json(apiPath('hash', SHOWCASE.payload.md5));
    expect(list(payload, 'FileStartedObjects').map((f) => f.Md5)).toContain(SHOWCASE.stage2.md5);
    expect(list(payload, 'FileAccessedUrls').map((u) => u.Url)).toContain(SHOWCASE.gateUrl);
    const stage2 = await json(apiPath('hash', SHOWCASE.stage2.sha256));
    expect(list(stage2, 'FileStartedBy').map((f) => f.Md5)).toContain(SHOWCASE.payload.md5);
    expect(list(stage2, 'FileDownloadedBy').map((f) => f.Md5)).toContain(SHOWCASE.payload.md5);
    const gate = await json(apiPath('url', SHOWCASE.gateUrl));
    expect(list(gate, 'FilesAccessed').map((f) => f.Md5)).toEqual(expect.arrayContaining([SHOWCASE.payload.md5, SHOWCASE.stage2.md5]));
  });

  it('the same seed builds the same world; another seed another one', () => {
    const a = generateWorld('determinism');
    const b = generateWorld('determinism');
    const c = generateWorld('something else');
    expect(b.stats).toEqual(a.stats);
    expect([...b.files.keys()].slice(0, 50)).toEqual([...a.files.keys()].slice(0, 50));
    expect([...b.domains.keys()]).toEqual([...a.domains.keys()]);
    expect([...c.domains.keys()]).not.toEqual([...a.domains.keys()]);
    expect(c.ips.get(SHOWCASE.hubIp)?.resolutions.length).toBe(1600);
  });
});

describe('count and sections', () => {
  it('count cuts every list section; the default is 1000', async () => {
    const five = await json(apiPath('ip', SHOWCASE.hubIp, '?count=5'));
    for (const key of ['IpDnsResolutions', 'FilesDownloadedFromIp', 'HostedUrls']) expect(list(five, key)).toHaveLength(5);
    const all = await json(apiPath('ip', SHOWCASE.hubIp));
    for (const key of ['IpDnsResolutions', 'FilesDownloadedFromIp', 'HostedUrls']) expect(list(all, key)).toHaveLength(1000);
    expect(list(five, 'IpDnsResolutions')).toEqual(list(all, 'IpDnsResolutions').slice(0, 5));
  });

  it('count never cuts DetectionsInfo or FileParentCertificates', async () => {
    const payload = await json(apiPath('hash', SHOWCASE.payload.md5, '?count=1'));
    expect(list(payload, 'DetectionsInfo')).toHaveLength(2);
    expect(list(payload, 'FileNames')).toHaveLength(1);
    const setup = await json(apiPath('hash', SHOWCASE.setup.md5, '?count=1'));
    expect(list(setup, 'FileParentCertificates')).toHaveLength(2);
  });

  it('sections keeps only the named top-level keys; LicenseInfo only when asked', async () => {
    const some = await json(apiPath('ip', SHOWCASE.hubIp, '?sections=Zone,IpGeneralInfo,NoSuchSection'));
    expect(Object.keys(some).sort()).toEqual(['IpGeneralInfo', 'Zone']);
    const quota = await json(apiPath('domain', SHOWCASE.badDomain, '?sections=Zone,LicenseInfo'));
    expect(Object.keys(quota)).toEqual(['LicenseInfo', 'Zone']);
  });

  it('bad count or format is 400', async () => {
    for (const query of ['?count=0', '?count=-1', '?count=abc', '?format=xml']) {
      const reply = await lookup(apiPath('ip', SHOWCASE.hubIp, query));
      expect(reply.status, query).toBe(400);
      expect(JSON.parse(reply.text)).toHaveProperty('error');
    }
  });
});

describe('objects outside the world', () => {
  it('reserved addresses answer exactly LicenseInfo, Zone, IpGeneralInfo and IpWhoIs', async () => {
    for (const ip of ['10.0.0.1', '127.0.0.1', '192.168.1.20', '172.20.0.5', '169.254.1.1', '100.64.0.9', '0.1.2.3', '224.0.0.251', '255.255.255.255', '::1', 'fe80::1', 'fd12:3456::1']) {
      const body = await json(apiPath('ip', ip));
      expect(Object.keys(body).sort(), ip).toEqual(['IpGeneralInfo', 'IpWhoIs', 'LicenseInfo', 'Zone']);
      expect(object(body, 'IpGeneralInfo')).toMatchObject({ Status: 'Reserved', CountryCode: null });
    }
    const ten = await json(apiPath('ip', '10.1.2.3'));
    expect(object(object(ten, 'IpWhoIs'), 'Net')).toMatchObject({ RangeStart: '10.0.0.0', RangeEnd: '10.255.255.255' });
  });

  it('unknown but well-formed objects answer 200, Grey, with no list sections', async () => {
    const absentIp = ['203.0.113', '198.51.100', '192.0.2'].flatMap((b) => Array.from({ length: 254 }, (_, i) => `${b}.${i + 1}`)).find((ip) => !mock.world.ips.has(ip));
    const cases: [LookupType, string, string][] = [
      ['ip', absentIp ?? '8.8.8.8', 'IpGeneralInfo'],
      ['ip', '8.8.4.4', 'IpGeneralInfo'],
      ['domain', 'never-seen-anywhere.example', 'DomainGeneralInfo'],
      ['url', 'https://never-seen-anywhere.example/a/b?c=1', 'UrlGeneralInfo'],
      ['hash', 'ab'.repeat(32), 'FileGeneralInfo'],
    ];
    for (const [type, value, general] of cases) {
      const body = await json(apiPath(type, value));
      expect(body.Zone, value).toBe('Grey');
      expect(Object.keys(body).sort()).toEqual(['Industries', 'LicenseInfo', 'RelatedObjects', 'Zone', general].sort());
      expect(object(body, 'RelatedObjects').HasRedZone).toBe(false);
    }
    const ip = await json(apiPath('ip', '8.8.4.4'));
    expect(object(ip, 'IpGeneralInfo')).toMatchObject({ Ip: '8.8.4.4', Status: 'NoInfo', CountryCode: null, HitsCount: 0 });
    const hash = await json(apiPath('hash', 'AB'.repeat(32)));
    expect(object(hash, 'FileGeneralInfo')).toMatchObject({ Sha256: 'AB'.repeat(32), Md5: null });
  });

  it('decodes the url segment exactly once', async () => {
    const value = 'never-seen.example/search?q=a%2Fb&x=1';
    const body = await json(apiPath('url', value));
    expect(object(body, 'UrlGeneralInfo')).toMatchObject({ Url: value, Host: 'never-seen.example' });
  });

  it('malformed objects are 400, a url over 2000 characters 414, an unknown type 404', async () => {
    for (const [type, value] of [['ip', '999.1.1.1'], ['ip', 'bad.example.com'], ['domain', 'not_a_domain'], ['domain', '203.0.113.66'], ['hash', 'xyz'], ['hash', 'a'.repeat(33)], ['url', 'http://']] as const) {
      const reply = await lookup(apiPath(type, value));
      expect(reply.status, `${type} ${value}`).toBe(400);
      expect(reply.headers['content-type']).toContain('application/json');
    }
    const long = `http://bad.example.com/${'a'.repeat(2001)}`;
    expect((await lookup(apiPath('url', long))).status).toBe(414);
    expect((await lookup(apiPath('url', `http://bad.example.com/${'a'.repeat(1900)}`))).status).toBe(200);
    expect((await lookup('/api/email/someone%40example.com')).status).toBe(404);
    expect((await lookup('/api/ip')).status).toBe(404);
  });
});

describe('STIX', () => {
  it('format=stix returns a STIX 2.1 bundle with observables, indicators and relationships', async () => {
    const reply = await lookup(apiPath('ip', SHOWCASE.hubIp, '?format=stix&count=1&sections=Zone'));
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe(STIX_CONTENT_TYPE);
    const bundle = JSON.parse(reply.text) as { type: string; id: string; objects: Body[] };
    expect(bundle.type).toBe('bundle');
    expect(bundle.id).toMatch(/^bundle--/);
    expect(bundle.id.slice('bundle--'.length)).toMatch(UUID);
    const ids = new Set(bundle.objects.map((o) => String(o.id)));
    expect(ids.size).toBe(bundle.objects.length);
    for (const o of bundle.objects) {
      expect(o.spec_version).toBe('2.1');
      expect(String(o.id)).toMatch(new RegExp(`^${String(o.type)}--`));
    }
    const ip = bundle.objects.find((o) => o.type === 'ipv4-addr' && o.value === SHOWCASE.hubIp);
    expect(ip).toBeDefined();
    const domains = bundle.objects.filter((o) => o.type === 'domain-name');
    expect(domains.length).toBeGreaterThan(1); // count and sections are ignored
    const indicator = bundle.objects.find((o) => o.type === 'indicator' && String(o.pattern).includes(SHOWCASE.hubIp));
    expect(indicator).toMatchObject({ pattern_type: 'stix', pattern: `[ipv4-addr:value = '${SHOWCASE.hubIp}']`, indicator_types: ['malicious-activity'] });
    expect(String(indicator?.valid_from)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const relationships = bundle.objects.filter((o) => o.type === 'relationship');
    for (const r of relationships) {
      expect(ids.has(String(r.source_ref))).toBe(true);
      expect(ids.has(String(r.target_ref))).toBe(true);
    }
    const resolves = relationships.filter((r) => r.relationship_type === 'resolves-to' && r.target_ref === ip?.id);
    expect(resolves.length).toBe(domains.length);
    expect(relationships.some((r) => r.relationship_type === 'related-to')).toBe(true);
    const again = await lookup(apiPath('ip', SHOWCASE.hubIp, '?format=stix'));
    expect(again.text).toBe(reply.text);
  });

  it('a hash bundle carries the file with all three hashes (lower case) and where it came from', async () => {
    const reply = await lookup(apiPath('hash', SHOWCASE.payload.sha256, '?format=stix'));
    const bundle = JSON.parse(reply.text) as { objects: Body[] };
    const sha256 = SHOWCASE.payload.sha256.toLowerCase();
    const file = bundle.objects.find((o) => o.type === 'file' && object(o, 'hashes')['SHA-256'] === sha256);
    expect(object(file ?? {}, 'hashes')).toEqual({ MD5: SHOWCASE.payload.md5.toLowerCase(), 'SHA-1': SHOWCASE.payload.sha1.toLowerCase(), 'SHA-256': sha256 });
    const url = bundle.objects.find((o) => o.type === 'url' && o.value === `http://${SHOWCASE.payloadUrl}`);
    expect(bundle.objects.some((o) => o.type === 'relationship' && o.source_ref === file?.id && o.target_ref === url?.id)).toBe(true);
  });
});

describe('STIX answers are sound (each fault fixed)', () => {
  type Bundle = StixAnswer;
  const FLAGGED = ['Red', 'Orange', 'Yellow'];

  function stix(type: LookupType, value: string): Promise<Bundle> {
    return stixAnswer(lookup, type, value);
  }

  it('every indicator is tied to its observable by exactly one based-on (none floats free)', async () => {
    for (const bundle of await demoBundles(lookup)) {
      const byId = new Map(bundle.objects.map((o) => [o.id, o]));
      for (const indicator of bundle.objects.filter((o) => o.type === 'indicator')) {
        const links = bundle.objects.filter((o) => o.relationship_type === 'based-on' && o.source_ref === indicator.id);
        expect(links, String(indicator.pattern)).toHaveLength(1);
        const target = byId.get(String(links[0]?.target_ref));
        const named = target?.type === 'file' ? Object.values(object(target, 'hashes'))[0] : target?.value;
        expect(String(indicator.pattern)).toBe(`[${String(target?.type)}:${target?.type === 'file' ? 'hashes.MD5' : 'value'} = '${String(named)}']`);
        expect(indicator.created_by_ref).toBe(bundle.objects.find((o) => o.type === 'identity')?.id);
      }
    }
  });

  it('clean objects (Green, Grey) are observables only, never indicators', async () => {
    const green = await stix('ip', SHOWCASE.greenIp);
    expect(green.objects.some((o) => o.type === 'ipv4-addr' && o.value === SHOWCASE.greenIp)).toBe(true);
    expect(green.objects.some((o) => o.type === 'indicator' && String(o.pattern).includes(`'${SHOWCASE.greenIp}'`))).toBe(false);
    const setup = await stix('hash', SHOWCASE.setup.sha1);
    expect(setup.objects.some((o) => o.type === 'indicator' && String(o.pattern).includes(SHOWCASE.setup.md5.toLowerCase()))).toBe(false);
    const reserved = await stix('ip', SHOWCASE.reservedIp);
    expect(reserved.objects.filter((o) => o.type === 'indicator')).toEqual([]);
    for (const bundle of await demoBundles(lookup)) {
      for (const indicator of bundle.objects.filter((o) => o.type === 'indicator')) expect(FLAGGED).toContain(indicator.x_tip_zone);
    }
  });

  it('hashes are lower case everywhere: observables and patterns', async () => {
    for (const bundle of await demoBundles(lookup)) {
      for (const o of bundle.objects) {
        if (o.type === 'file') for (const hash of Object.values(object(o, 'hashes'))) expect(hash).toMatch(/^[0-9a-f]+$/);
        if (o.type === 'indicator' && String(o.pattern).startsWith('[file:')) expect(String(o.pattern)).toMatch(/= '[0-9a-f]+'\]$/);
      }
    }
  });

  it('a URL looked up with https stays https; one listed without a scheme gets http://', async () => {
    const https = await stix('url', `https://${SHOWCASE.payloadUrl}`);
    const own = https.objects.find((o) => o.type === 'url' && o.value === `https://${SHOWCASE.payloadUrl}`);
    expect(own).toBeDefined();
    expect(https.objects.some((o) => o.type === 'url' && o.value === `http://${SHOWCASE.payloadUrl}`)).toBe(false);
    expect(https.objects.some((o) => o.type === 'indicator' && o.pattern === `[url:value = 'https://${SHOWCASE.payloadUrl}']`)).toBe(true);
    const plain = await stix('url', `http://${SHOWCASE.payloadUrl}`);
    expect(plain.objects.some((o) => o.type === 'url' && o.value === `http://${SHOWCASE.payloadUrl}`)).toBe(true);
    const hub = await stix('ip', SHOWCASE.hubIp);
    expect(hub.objects.some((o) => o.type === 'url' && o.value === `http://${SHOWCASE.stage2Url}`)).toBe(true);
  });

  it('one id, one content: an object is the same in every answer that names it', async () => {
    const seen = new Map<string, string>();
    let shared = 0;
    for (const bundle of await demoBundles(lookup)) {
      for (const o of bundle.objects) {
        const json = JSON.stringify(o);
        const before = seen.get(o.id);
        if (before !== undefined) {
          shared += 1;
          expect(json, o.id).toBe(before);
        }
        seen.set(o.id, json);
      }
    }
    expect(shared).toBeGreaterThan(100); // the bundles overlap a lot: the check has teeth
  });

  it('a later epoch is a newer version: same indicator id, later modified, the new score', () => {
    const at = (epoch: number): Bundle => {
      const world = createWorld(DEFAULT_SEED, epoch);
      return stixBundle('ip', SHOWCASE.hubIp, shapeAnswer(fullAnswer(world, 'ip', SHOWCASE.hubIp), undefined, DEFAULT_COUNT), { world }) as unknown as Bundle;
    };
    const indicator = (b: Bundle): Body | undefined => b.objects.find((o) => o.type === 'indicator' && o.pattern === `[ipv4-addr:value = '${SHOWCASE.hubIp}']`);
    const [before, after] = [indicator(at(0)), indicator(at(1))];
    expect(after?.id).toBe(before?.id);
    expect(after?.created).toBe(before?.created);
    expect(Date.parse(String(after?.modified))).toBeGreaterThan(Date.parse(String(before?.modified)));
    expect([before?.x_tip_threat_score, after?.x_tip_threat_score]).toEqual([97, EPOCH_SHOWCASE.hubScoreAfter]);
  });

  it('follows the STIX 2.1 rules the OASIS validator applies', async () => {
    for (const bundle of await demoBundles(lookup)) expect(stixRuleViolations(bundle), bundle.id).toEqual([]);
  });
});

describe('licence and quota', () => {
  it('counts successful lookups in DayRequests and refuses with a quota body once spent', async () => {
    const small = await startMockTip({ dayQuota: 3 });
    const agent = new https.Agent({ keepAlive: true, ca: trust, cert: small.clientCert.cert, key: small.clientCert.key });
    const get = (p: string): Promise<Reply> => call(small.url, p, { agent, headers: { authorization: basic(small.user, small.password) } });
    try {
      const seen: unknown[] = [];
      for (let i = 0; i < 3; i += 1) {
        expect((await get(apiPath('ip', '999.0.0.1'))).status).toBe(400); // malformed: not counted
        const body = JSON.parse((await get(apiPath('domain', SHOWCASE.badDomain, '?sections=LicenseInfo'))).text) as Body;
        seen.push(object(body, 'LicenseInfo').DayRequests);
        expect(object(body, 'LicenseInfo')).toMatchObject({ DayQuota: 3, AccessType: 'Commercial', TokenExpirationDate: null });
      }
      expect(seen).toEqual([1, 2, 3]);
      const refused = await get(apiPath('domain', SHOWCASE.badDomain));
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.text)).toEqual({ error: 'Request quota exceeded', code: 'QuotaExceeded' });
      expect(small.dayRequests).toBe(3);
      small.resetQuota();
      expect((await get(apiPath('domain', SHOWCASE.badDomain))).status).toBe(200);
      small.setQuota(1);
      expect((await get(apiPath('domain', SHOWCASE.badDomain))).status).toBe(403);
    } finally {
      agent.destroy();
      await small.stop();
    }
  });

  it('a token answer carries the token expiry in LicenseInfo', async () => {
    const reply = await tokenLookup(apiPath('ip', SHOWCASE.hubIp, '?sections=LicenseInfo'));
    expect(reply.status).toBe(200);
    const license = object(JSON.parse(reply.text) as Body, 'LicenseInfo');
    expect(license.TokenExpirationDate).toMatch(SECONDS_DATE);
    expect(license.TokenExpirationDate).toBe(`${mock.tokenExpiresAt.toISOString().slice(0, 19)}Z`);
  });
});

describe('authentication', () => {
  it('accepts a client certificate given as PKCS#12 or with an encrypted key', async () => {
    const headers = { authorization: basic(mock.user, mock.password) };
    const viaPfx = await call(mock.url, apiPath('ip', SHOWCASE.greenIp), { pfx: mock.clientCert.pfx, passphrase: mock.clientCert.pfxPassphrase, headers, agent: false });
    expect(viaPfx.status).toBe(200);
    const viaKey = await call(mock.url, apiPath('ip', SHOWCASE.greenIp), { cert: mock.clientCert.cert, key: mock.clientCert.encryptedKey, passphrase: mock.clientCert.keyPassphrase, headers, agent: false });
    expect(viaKey.status).toBe(200);
  });

  it('401 with an HTML page for a wrong or missing Basic header', async () => {
    for (const authorization of [basic(mock.user, 'wrong'), basic('someone', mock.password), `Bearer ${mock.token}`, undefined]) {
      const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
      const reply = await call(mock.url, apiPath('ip', SHOWCASE.hubIp), { agent: certAgent, headers });
      expect(reply.status, String(authorization)).toBe(401);
      expect(reply.headers['content-type']).toContain('text/html');
      expect(reply.text.startsWith('<!DOCTYPE html>')).toBe(true);
    }
  });

  it('401 for user and password without a client certificate, or a wrong token', async () => {
    const noCert = await call(mock.tokenUrl, apiPath('ip', SHOWCASE.hubIp), { agent: tokenAgent, headers: { authorization: basic(mock.user, mock.password) } });
    expect(noCert.status).toBe(401);
    const wrong = await call(mock.tokenUrl, apiPath('ip', SHOWCASE.hubIp), { agent: tokenAgent, headers: { authorization: 'Bearer not-the-token' } });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('401');
    expect((await tokenLookup(apiPath('ip', SHOWCASE.hubIp))).status).toBe(200);
  });

  it('401 for an expired token', async () => {
    const expired = await startMockTip({ tokenExpiresAt: new Date(Date.now() - 60_000) });
    try {
      const reply = await call(expired.tokenUrl, apiPath('ip', SHOWCASE.hubIp), { agent: false, headers: { authorization: `Bearer ${expired.token}` } });
      expect(reply.status).toBe(401);
    } finally {
      await expired.stop();
    }
  });

  it('refuses at TLS a client with no certificate, or one from another CA', async () => {
    const before = mock.requestCount;
    const headers = { authorization: basic(mock.user, mock.password) };
    await expect(call(mock.url, apiPath('ip', SHOWCASE.hubIp), { agent: false, headers })).rejects.toThrow();
    const otherCa = createCa({ commonName: 'Somebody Else CA', keyBits: 1024 });
    const stranger = issueCertificate(otherCa, { commonName: 'demo-analyst', kind: 'client', keyBits: 1024 });
    await expect(call(mock.url, apiPath('ip', SHOWCASE.hubIp), { agent: false, headers, cert: stranger.cert, key: stranger.key })).rejects.toThrow();
    expect(mock.requestCount).toBe(before);
  });

  it('refuses an expired client certificate from the right CA', async () => {
    const old = mock.issueClientCertificate({ notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2021-01-01T00:00:00Z') });
    const before = mock.requestCount;
    await expect(call(mock.url, apiPath('ip', SHOWCASE.hubIp), { agent: false, cert: old.cert, key: old.key, headers: { authorization: basic(mock.user, mock.password) } })).rejects.toThrow();
    expect(mock.requestCount).toBe(before);
  });
});

describe('faults', () => {
  it('status with Retry-After, applied `times` times, then the normal answer; faults are not counted', async () => {
    const before = mock.dayRequests;
    mock.setFaults([{ type: 'ip', value: SHOWCASE.orangeIp, status: 503, retryAfter: 7, times: 2 }]);
    try {
      for (let i = 0; i < 2; i += 1) {
        const reply = await lookup(apiPath('ip', SHOWCASE.orangeIp));
        expect(reply.status).toBe(503);
        expect(reply.headers['retry-after']).toBe('7');
      }
      expect((await lookup(apiPath('ip', SHOWCASE.orangeIp))).status).toBe(200);
      expect(mock.dayRequests).toBe(before + 1);
    } finally {
      mock.setFaults([]);
    }
  });

  it('matches by type and normalised value only', async () => {
    mock.setFaults([{ type: 'url', value: `http://${SHOWCASE.payloadUrl}`, status: 429, retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT', body: '<html>slow down</html>', contentType: 'text/html' }]);
    try {
      const hit = await lookup(apiPath('url', SHOWCASE.payloadUrl));
      expect(hit.status).toBe(429);
      expect(hit.headers['retry-after']).toBe('Wed, 21 Oct 2026 07:28:00 GMT');
      expect(hit.headers['content-type']).toBe('text/html');
      expect(hit.text).toBe('<html>slow down</html>');
      expect((await lookup(apiPath('url', SHOWCASE.gateUrl))).status).toBe(200);
      expect((await lookup(apiPath('domain', SHOWCASE.badDomain))).status).toBe(200);
    } finally {
      mock.setFaults([]);
    }
  });

  it('latencyMs delays but still answers normally', async () => {
    mock.setFaults([{ latencyMs: 30, times: 1 }]);
    const reply = await lookup(apiPath('ip', SHOWCASE.greenIp));
    expect(reply.status).toBe(200);
    expect(object(JSON.parse(reply.text) as Body, 'IpGeneralInfo').Ip).toBe(SHOWCASE.greenIp);
  });

  it('hang never answers', async () => {
    mock.setFaults([{ hang: true, times: 1 }]);
    await expect(call(mock.url, apiPath('ip', SHOWCASE.greenIp), { agent: false, cert: mock.clientCert.cert, key: mock.clientCert.key, headers: { authorization: basic(mock.user, mock.password) } }, 300)).rejects.toThrow('client timeout');
    expect(mock.requests[mock.requests.length - 1]?.status).toBe(0);
  });

  it('truncate sends half the body under the full Content-Length, then closes', async () => {
    mock.setFaults([{ truncate: true, times: 1 }]);
    await expect(lookup(apiPath('ip', SHOWCASE.hubIp))).rejects.toThrow(/aborted|ECONNRESET|hang up/);
  });

  it('malformed is a 200 that is not JSON', async () => {
    mock.setFaults([{ malformed: true, times: 1 }]);
    const reply = await lookup(apiPath('ip', SHOWCASE.hubIp));
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toContain('application/json');
    expect(() => JSON.parse(reply.text) as unknown).toThrow();
  });

  it('reset drops the connection without an answer', async () => {
    mock.setFaults([{ reset: true, times: 1 }]);
    await expect(lookup(apiPath('ip', SHOWCASE.hubIp))).rejects.toThrow(/ECONNRESET|hang up|aborted/);
  });

  it('hugeBodyBytes streams a valid JSON body of exactly that size, chunked', async () => {
    mock.setFaults([{ hugeBodyBytes: 3_000_000, times: 1 }]);
    const reply = await lookup(apiPath('ip', SHOWCASE.hubIp));
    expect(reply.status).toBe(200);
    expect(reply.headers['content-length']).toBeUndefined();
    expect(reply.headers['transfer-encoding']).toBe('chunked');
    expect(Buffer.byteLength(reply.text)).toBe(3_000_000);
    expect((JSON.parse(reply.text) as Body).Zone).toBe('Grey');
  });

  it('emptyBody is a 200 with nothing in it', async () => {
    mock.setFaults([{ emptyBody: true, times: 1 }]);
    const reply = await lookup(apiPath('ip', SHOWCASE.hubIp));
    expect(reply.status).toBe(200);
    expect(reply.headers['content-length']).toBe('0');
    expect(reply.text).toBe('');
  });

  it('rules given at start apply from the first request', async () => {
    const faulty = await startMockTip({ faults: [{ type: 'hash', status: 500, times: 1 }] });
    try {
      const headers = { authorization: `Bearer ${faulty.token}` };
      expect((await call(faulty.tokenUrl, apiPath('hash', SHOWCASE.payload.md5), { agent: false, headers })).status).toBe(500);
      expect((await call(faulty.tokenUrl, apiPath('hash', SHOWCASE.payload.md5), { agent: false, headers })).status).toBe(200);
    } finally {
      await faulty.stop();
    }
  });
});

describe('connections and lifecycle', () => {
  it('a keep-alive client reuses one TLS connection', async () => {
    const agent = new https.Agent({ keepAlive: true, maxSockets: 1, ca: trust, cert: mock.clientCert.cert, key: mock.clientCert.key });
    try {
      const before = mock.connections;
      for (let i = 0; i < 25; i += 1) {
        const reply = await call(mock.url, apiPath('ip', SHOWCASE.orangeIp, '?sections=Zone'), { agent, headers: { authorization: basic(mock.user, mock.password) } });
        expect(reply.status).toBe(200);
      }
      expect(mock.connections - before).toBe(1);
      expect(mock.requests.slice(-25).every((r) => r.listener === 'certificate' && r.auth === 'basic' && r.status === 200)).toBe(true);
    } finally {
      agent.destroy();
    }
  });

  it('caches its PKI in dataDir and makes it again when the cache is unusable', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mock-tip-pki-test-'));
    try {
      const first = await startMockTip({ dataDir });
      await first.stop();
      expect(fs.statSync(first.paths.clientKey).mode & 0o777).toBe(0o600);
      expect(fs.statSync(first.paths.clientPfx).mode & 0o777).toBe(0o600);
      const second = await startMockTip({ dataDir });
      await second.stop();
      expect(second.ca).toBe(first.ca);
      fs.writeFileSync(first.paths.serverKey, 'garbage\n');
      const third = await startMockTip({ dataDir });
      try {
        expect(third.ca).not.toBe(first.ca);
        expect(fs.readFileSync(third.paths.ca, 'utf8')).toBe(third.ca);
        const reply = await call(third.tokenUrl, apiPath('ip', SHOWCASE.hubIp, '?sections=Zone'), { agent: false, ca: [third.ca], headers: { authorization: `Bearer ${third.token}` } });
        expect(reply.status).toBe(200);
      } finally {
        await third.stop();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('stop() closes kept-alive and hanging connections', async () => {
    const short = await startMockTip({ faults: [{ type: 'domain', hang: true }] });
    const agent = new https.Agent({ keepAlive: true, ca: trust });
    const headers = { authorization: `Bearer ${short.token}` };
    expect((await call(short.tokenUrl, apiPath('ip', SHOWCASE.hubIp), { agent, headers })).status).toBe(200);
    const hanging = call(short.tokenUrl, apiPath('domain', SHOWCASE.badDomain), { agent: false, headers });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await short.stop();
    await expect(hanging).rejects.toThrow();
    agent.destroy();
  });
});
