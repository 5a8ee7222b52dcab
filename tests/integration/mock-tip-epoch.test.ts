/**
 * The demo world moving on in time (tools/mock-tip/world-epoch.ts): epoch 0 is the world every other
 * test knows, a later epoch changes a deterministic subset of it, and the world stays consistent.
 */
import https from 'node:https';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LookupType } from '../../src/shared/tip/types';
import {
  answerAt, createWorld, DEFAULT_SEED, EPOCH_SHOWCASE, epochEnd, generateWorld, MAX_EPOCH, SHOWCASE, startMockTip, type MockTip, type World,
} from '../../tools/mock-tip/index';

type Body = Record<string, unknown>;

let mock: MockTip;
let agent: https.Agent;

function get(target: MockTip, type: LookupType, value: string, query = ''): Promise<{ status: number; body: Body }> {
  return new Promise((resolve, reject) => {
    const url = new URL(`/api/${type}/${encodeURIComponent(value)}${query}`, target.tokenUrl);
    const req = https.request(url, { agent, headers: { authorization: `Bearer ${target.token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function general(body: Body, key: string): Body {
  return body[key] as Body;
}

function items(body: Body, key: string): Body[] {
  const value = body[key];
  return Array.isArray(value) ? (value as Body[]) : [];
}

function withoutLicense(body: Body): Body {
  const { LicenseInfo: _license, ...rest } = body;
  return rest;
}

beforeAll(async () => {
  mock = await startMockTip();
  agent = new https.Agent({ keepAlive: true, ca: [...tls.rootCertificates, mock.ca] });
});

afterAll(async () => {
  agent.destroy();
  await mock.stop();
});

describe('moving the served world', () => {
  it('starts at epoch 0; advance() and setEpoch() change what the same server answers', async () => {
    expect(mock.epoch).toBe(0);
    const before = await get(mock, 'ip', SHOWCASE.orangeIp);
    expect(before.body.Zone).toBe('Orange');
    expect(mock.advance()).toBe(1);
    expect(mock.epoch).toBe(1);
    expect(mock.world.epoch).toBe(1);
    const after = await get(mock, 'ip', SHOWCASE.orangeIp);
    expect(after.body.Zone).toBe('Red');
    expect(general(after.body, 'IpGeneralInfo').ThreatScore).toBe(EPOCH_SHOWCASE.orangeIpScoreAfter);
    mock.setEpoch(0);
    const again = await get(mock, 'ip', SHOWCASE.orangeIp);
    expect(withoutLicense(again.body)).toEqual(withoutLicense(before.body));
    expect(mock.advance(3)).toBe(3);
    mock.setEpoch(0);
  });

  it('startMockTip({ epoch }) serves that epoch from the first request', async () => {
    const later = await startMockTip({ epoch: 1 });
    try {
      expect(later.epoch).toBe(1);
      const hub = await get(later, 'ip', SHOWCASE.hubIp, '?count=5');
      expect(general(hub.body, 'IpGeneralInfo').ThreatScore).toBe(EPOCH_SHOWCASE.hubScoreAfter);
      const fresh = await get(later, 'domain', EPOCH_SHOWCASE.newDomain);
      expect(fresh.body.Zone).toBe('Red');
      // answerAt is the same answer without a server (LicenseInfo aside).
      expect(withoutLicense(hub.body)).toEqual(answerAt('ip', SHOWCASE.hubIp, { epoch: 1, count: 5 }));
    } finally {
      await later.stop();
    }
  });

  it('refuses epochs that are not whole numbers from 0 to MAX_EPOCH, and stays where it was', async () => {
    await expect(startMockTip({ epoch: -1 })).rejects.toThrow(RangeError);
    expect(() => mock.setEpoch(1.5)).toThrow(RangeError);
    expect(() => mock.setEpoch(MAX_EPOCH + 1)).toThrow(RangeError);
    expect(() => mock.advance(-1)).toThrow(RangeError);
    expect(mock.epoch).toBe(0);
  });
});

describe('epoch 0 is the world as generated', () => {
  it('generateWorld(seed) and generateWorld(seed, 0) give the same answers', () => {
    const plain = generateWorld('epoch-zero');
    const zero = generateWorld('epoch-zero', 0);
    expect(zero.stats).toEqual(plain.stats);
    for (const [type, value] of [['ip', SHOWCASE.hubIp], ['domain', SHOWCASE.badDomain], ['hash', SHOWCASE.payload.md5]] as const) {
      expect(answerAt(type, value, { seed: 'epoch-zero', epoch: 0 }), value).toEqual(answerAt(type, value, { seed: 'epoch-zero' }));
    }
    expect(answerAt('ip', EPOCH_SHOWCASE.successorIp).Zone).toBe('Grey');
    expect(answerAt('domain', EPOCH_SHOWCASE.newDomain)).not.toHaveProperty('DomainDnsResolutions');
  });

  it('a later epoch is deterministic: the same seed and epoch, the same world', () => {
    const a = generateWorld('determinism', 2);
    const b = generateWorld('determinism', 2);
    expect(b.stats).toEqual(a.stats);
    expect(b.epoch).toBe(2);
    const zones = (world: World): string[] => [...world.domains.values()].map((d) => `${d.name}:${d.zone}:${d.whois.registrar}`);
    expect(zones(b)).toEqual(zones(a));
    expect(answerAt('ip', SHOWCASE.hubIp, { seed: 'determinism', epoch: 2, count: 100_000 }))
      .toEqual(answerAt('ip', SHOWCASE.hubIp, { seed: 'determinism', epoch: 2, count: 100_000 }));
  });
});

describe('what an epoch changes', () => {
  let before: World;
  let after: World;
  beforeAll(() => {
    before = createWorld(DEFAULT_SEED, 0);
    after = createWorld(DEFAULT_SEED, 1);
  });

  it('the showcase story of epoch 1', () => {
    expect(answerAt('ip', SHOWCASE.ipv6, { epoch: 1 }).Zone).toBe('Green');
    const bad = answerAt('domain', SHOWCASE.badDomain, { epoch: 1 });
    const ips = items(bad, 'DomainDnsResolutions').map((r) => r.Ip);
    expect(ips).toContain(EPOCH_SHOWCASE.successorIp);
    expect(ips).not.toContain(SHOWCASE.ipv6);
    const whois0 = general(answerAt('domain', SHOWCASE.phishingDomain, { epoch: 0 }), 'DomainWhoIsInfo');
    const whois1 = general(answerAt('domain', SHOWCASE.phishingDomain, { epoch: 1 }), 'DomainWhoIsInfo');
    expect(whois1.RegistrationOrganization).not.toBe(whois0.RegistrationOrganization);
    expect(whois1.NameServers).toEqual(EPOCH_SHOWCASE.phishingNameServers);
    expect(Date.parse(String(whois1.Expires))).toBeGreaterThan(epochEnd(1));
    const payload = answerAt('hash', SHOWCASE.payload.md5, { epoch: 1 });
    expect(items(payload, 'DetectionsInfo').map((d) => d.DetectionName)).toContain(EPOCH_SHOWCASE.payloadNewDetection);
    expect(items(payload, 'FileStartedBy').map((f) => f.Md5)).toContain(EPOCH_SHOWCASE.dropper.md5);
    expect(answerAt('hash', SHOWCASE.adware.md5, { epoch: 1 }).Zone).toBe('Green');
  });

  it('changes a subset of zones, both ways, and leaves most alone', () => {
    const moves = new Map<string, number>();
    let same = 0;
    for (const [name, domain] of before.domains) {
      const now = after.domains.get(name)?.zone;
      if (now === domain.zone) same += 1;
      else moves.set(`${domain.zone}→${now ?? '?'}`, (moves.get(`${domain.zone}→${now ?? '?'}`) ?? 0) + 1);
    }
    const changed = [...moves.values()].reduce((sum, n) => sum + n, 0);
    expect(changed).toBeGreaterThan(10);
    expect(changed).toBeLessThan(before.domains.size * 0.05);
    expect(same).toBe(before.domains.size - changed);
    // Escalations and clean-ups both happen.
    expect([...moves.keys()].some((move) => move.endsWith('→Red'))).toBe(true);
    expect([...moves.keys()].some((move) => move.endsWith('→Green'))).toBe(true);
  });

  it('resolutions and downloads come and go; hit counts only grow', () => {
    const pairs = (world: World): Set<string> => new Set([...world.ips.values()].flatMap((ip) => ip.resolutions.map((r) => `${r.domain.name}@${ip.address}`)));
    const p0 = pairs(before);
    const p1 = pairs(after);
    expect([...p1].filter((p) => !p0.has(p)).length).toBeGreaterThan(20);
    expect([...p0].filter((p) => !p1.has(p)).length).toBeGreaterThan(10);
    const downloads = (world: World): Set<string> => new Set([...world.ips.values()].flatMap((ip) => ip.downloads.map((d) => `${d.file.md5}<${d.url.url}`)));
    const d0 = downloads(before);
    const d1 = downloads(after);
    expect([...d1].filter((d) => !d0.has(d)).length).toBeGreaterThan(20);
    expect([...d0].filter((d) => !d1.has(d)).length).toBeGreaterThan(10);
    for (const [address, ip] of before.ips) expect(after.ips.get(address)?.hits ?? 0).toBeGreaterThanOrEqual(ip.hits);
    for (const ip of after.ips.values()) for (const r of ip.resolutions) expect(r.lastSeen).toBeLessThanOrEqual(epochEnd(1));
  });

  it('some WHOIS records outside the showcase change', () => {
    const changed = [...before.domains.values()].filter((d) => {
      const later = after.domains.get(d.name)?.whois;
      return later !== undefined && (later.registrar !== d.whois.registrar || later.expires !== d.whois.expires || later.nameServers.join() !== d.whois.nameServers.join());
    });
    expect(changed.length).toBeGreaterThan(5);
    expect(changed.map((d) => d.name)).not.toContain(SHOWCASE.badDomain);
  });

  it('stays consistent: every edge is seen from both ends, in both answers', () => {
    const world = createWorld(DEFAULT_SEED, 3);
    for (const domain of world.domains.values()) {
      for (const r of domain.resolutions) expect(r.ip.resolutions).toContain(r);
    }
    for (const ip of world.ips.values()) {
      for (const r of ip.resolutions) expect(r.domain.resolutions).toContain(r);
      for (const d of ip.downloads) {
        expect(d.file.downloads).toContain(d);
        expect(d.url.downloads).toContain(d);
      }
    }
    // And through the answers, for the new resolutions of epoch 1.
    const successor = answerAt('ip', EPOCH_SHOWCASE.successorIp, { epoch: 1 });
    for (const domain of items(successor, 'IpDnsResolutions')) {
      const resolution = items(answerAt('domain', String(domain.Domain), { epoch: 1 }), 'DomainDnsResolutions').find((r) => r.Ip === EPOCH_SHOWCASE.successorIp);
      expect(resolution?.HitsCount, String(domain.Domain)).toBe(domain.HitsCount);
    }
    const hubDomains = items(answerAt('ip', SHOWCASE.hubIp, { epoch: 1, count: 100_000 }), 'IpDnsResolutions').map((r) => r.Domain);
    expect(hubDomains).toContain(EPOCH_SHOWCASE.newDomain);
  });
});
