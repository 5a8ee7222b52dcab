/**
 * diffAnswers on real pairs of answers: the demo TIP service's answer for the same value at epoch 0
 * and at epoch 1 (tools/mock-tip/world-epoch.ts), plus hand-made noise and junk.
 */
import { describe, expect, it } from 'vitest';
import { describeChange, diffAnswers, type DiffChange, type ListChange } from '../../src/shared/history/diff';
import type { LookupType } from '../../src/shared/tip/types';
import { answerAt, createWorld, EPOCH_SHOWCASE, fullAnswer, shapeAnswer, SHOWCASE } from '../../tools/mock-tip/index';
import { stixBundle } from '../../tools/mock-tip/stix';

type Body = Record<string, unknown>;
/** Large enough that no list is cut, unless a test means it to be. */
const ALL = 100_000;

function pair(type: LookupType, value: string, count = ALL): [Body, Body] {
  return [answerAt(type, value, { epoch: 0, count }), answerAt(type, value, { epoch: 1, count })];
}

function changeOf<K extends DiffChange['kind']>(changes: DiffChange[], kind: K, section?: string): Extract<DiffChange, { kind: K }> | undefined {
  return changes.find((c): c is Extract<DiffChange, { kind: K }> => c.kind === kind && (section === undefined || ('section' in c && c.section === section)));
}

function list(changes: DiffChange[], section: string): ListChange {
  const change = changeOf(changes, 'list', section);
  if (change === undefined) throw new Error(`no ${section} change in ${changes.map((c) => c.kind).join(', ')}`);
  return change;
}

function items(body: Body, key: string): Body[] {
  const value = body[key];
  return Array.isArray(value) ? (value as Body[]) : [];
}

/** An independent reading of a list's members, to check the diff against. */
function members(body: Body, section: string, key: string): Set<string> {
  return new Set(items(body, section).map((item) => String(item[key]).toLowerCase()));
}

describe('real pairs: epoch 0 → epoch 1 of the demo service', () => {
  it('ip escalated: Orange → Red, score, categories, and its listed neighbours rezoned', () => {
    const [older, newer] = pair('ip', SHOWCASE.orangeIp);
    const { changes, same } = diffAnswers('ip', older, newer);
    expect(same).toBe(false);
    expect(changes[0]).toEqual({ kind: 'zone', before: 'Orange', after: 'Red' });
    const scoreBefore = (older.IpGeneralInfo as Body).ThreatScore;
    expect(changes[1]).toEqual({ kind: 'threatScore', before: scoreBefore, after: EPOCH_SHOWCASE.orangeIpScoreAfter });
    const categories = changeOf(changes, 'categories');
    expect(categories?.added).toEqual(['CATEGORY_MALWARE', 'CATEGORY_BOTNET_CNC']);
    expect(categories?.removed).toEqual((older.IpGeneralInfo as Body).Categories);
    expect(list(changes, 'IpDnsResolutions').rezoned).toContainEqual({ key: SHOWCASE.orangeDomain, before: 'Orange', after: 'Red' });
    expect(list(changes, 'FilesDownloadedFromIp').rezoned).toContainEqual({ key: SHOWCASE.adware.md5, before: 'Yellow', after: 'Green' });
  });

  it('ip cleaned: Red → Green and a resolution ended', () => {
    const [older, newer] = pair('ip', SHOWCASE.ipv6);
    const { changes } = diffAnswers('ip', older, newer);
    expect(changes[0]).toEqual({ kind: 'zone', before: 'Red', after: 'Green' });
    expect(changeOf(changes, 'threatScore')?.after).toBe(EPOCH_SHOWCASE.ipv6ScoreAfter);
    const resolutions = list(changes, 'IpDnsResolutions');
    expect(resolutions.removed).toEqual([SHOWCASE.badDomain]);
    expect(resolutions.added).toEqual([]);
  });

  it('ip unknown (Grey) → Red: a zone change, a status change and additions, in analyst order', () => {
    const [older, newer] = pair('ip', EPOCH_SHOWCASE.successorIp);
    const { changes } = diffAnswers('ip', older, newer);
    expect(changes[0]).toEqual({ kind: 'zone', before: 'Grey', after: 'Red' });
    expect(changeOf(changes, 'status')).toEqual({ kind: 'status', field: 'Status', label: 'Status', before: 'NoInfo', after: 'Known' });
    expect(list(changes, 'IpDnsResolutions').added.sort()).toEqual([SHOWCASE.badDomain, EPOCH_SHOWCASE.newDomain].sort());
    expect(list(changes, 'IpDnsResolutions').removed).toEqual([]);
    expect(changeOf(changes, 'whois', 'IpWhoIs')?.presence).toBe('added');
    const order = ['format', 'zone', 'threatScore', 'status', 'categories', 'apt', 'detections', 'list', 'activity', 'whois'];
    const ranks = changes.map((c) => order.indexOf(c.kind));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('ip hub: score moves, and the resolution churn matches the two raw answers', () => {
    const [older, newer] = pair('ip', SHOWCASE.hubIp);
    const { changes } = diffAnswers('ip', older, newer);
    expect(changeOf(changes, 'zone')).toBeUndefined();
    expect(changeOf(changes, 'threatScore')).toEqual({ kind: 'threatScore', before: 97, after: EPOCH_SHOWCASE.hubScoreAfter });
    const a = members(older, 'IpDnsResolutions', 'Domain');
    const b = members(newer, 'IpDnsResolutions', 'Domain');
    const resolutions = list(changes, 'IpDnsResolutions');
    expect(new Set(resolutions.added)).toEqual(new Set([...b].filter((d) => !a.has(d))));
    expect(new Set(resolutions.removed)).toEqual(new Set([...a].filter((d) => !b.has(d))));
    expect(resolutions.added).toContain(EPOCH_SHOWCASE.newDomain);
    expect(list(changes, 'FilesDownloadedFromIp').added).toContain(EPOCH_SHOWCASE.dropper.md5);
    expect(resolutions.truncated).toBeUndefined();
  });

  it('domain: a new resolution, an ended one and a rezoned one', () => {
    const [older, newer] = pair('domain', SHOWCASE.badDomain);
    const { changes } = diffAnswers('domain', older, newer);
    expect(changes).toHaveLength(1);
    expect(list(changes, 'DomainDnsResolutions')).toMatchObject({
      title: 'DNS resolutions',
      added: [EPOCH_SHOWCASE.successorIp],
      removed: [SHOWCASE.ipv6],
      rezoned: [{ key: SHOWCASE.orangeIp, before: 'Orange', after: 'Red' }],
    });
  });

  it('domain: escalated with a new APT report', () => {
    const [older, newer] = pair('domain', SHOWCASE.orangeDomain);
    const { changes } = diffAnswers('domain', older, newer);
    expect(changes[0]).toEqual({ kind: 'zone', before: 'Orange', after: 'Red' });
    const apt = changeOf(changes, 'apt');
    expect(apt).toMatchObject({ before: false, after: true, removedReports: [] });
    expect(apt?.addedReports.map((r) => r.title)).toEqual([EPOCH_SHOWCASE.orangeDomainApt]);
  });

  it('domain: WHOIS compared field by field (registrar, expiry, name servers)', () => {
    const [older, newer] = pair('domain', SHOWCASE.phishingDomain);
    const { changes } = diffAnswers('domain', older, newer);
    expect(changes.map((c) => c.kind)).toEqual(['whois']);
    const whois = changeOf(changes, 'whois', 'DomainWhoIsInfo');
    const fields = new Map(whois?.fields.map((f) => [f.field, f]));
    const oldWhois = older.DomainWhoIsInfo as Body;
    const newWhois = newer.DomainWhoIsInfo as Body;
    expect(fields.get('Registrar')).toEqual({ field: 'Registrar', before: (oldWhois.Registrar as Body).Info, after: (newWhois.Registrar as Body).Info });
    expect(fields.get('Name servers')?.after).toBe(EPOCH_SHOWCASE.phishingNameServers.join(', '));
    expect(fields.get('Expires')?.before).toBe(String(oldWhois.Expires).slice(0, 10) + ' ' + String(oldWhois.Expires).slice(11, 16) + ' UTC');
    // Updated moves with every edit; it is not a change of its own.
    expect(fields.has('Updated')).toBe(false);
  });

  it('url: the host’s WHOIS change shows as Domain WHOIS; a new url is Grey → Red', () => {
    const [older, newer] = pair('url', `https://${SHOWCASE.phishingUrl}`);
    const { changes } = diffAnswers('url', older, newer);
    expect(changes.map((c) => c.kind)).toEqual(['whois']);
    expect(changeOf(changes, 'whois')).toMatchObject({ section: 'UrlDomainWhoIs', title: 'Domain WHOIS', presence: 'both' });
    const [was, now] = pair('url', EPOCH_SHOWCASE.newUrl);
    const fresh = diffAnswers('url', was, now).changes;
    expect(fresh[0]).toEqual({ kind: 'zone', before: 'Grey', after: 'Red' });
    expect(new Set(list(fresh, 'FilesDownloaded').added)).toEqual(new Set([EPOCH_SHOWCASE.dropper.md5, SHOWCASE.payload.md5]));
  });

  it('hash: a detection renamed, a new download URL, a new launcher, a new name', () => {
    const [older, newer] = pair('hash', SHOWCASE.payload.sha256);
    const { changes } = diffAnswers('hash', older, newer);
    expect(changes).toEqual([
      { kind: 'detections', added: [EPOCH_SHOWCASE.payloadNewDetection], removed: [EPOCH_SHOWCASE.payloadRetiredDetection] },
      expect.objectContaining({ section: 'FileDownloadedFromUrls', added: [EPOCH_SHOWCASE.newUrl], removed: [] }),
      expect.objectContaining({ section: 'FileStartedBy', added: [EPOCH_SHOWCASE.dropper.md5], removed: [] }),
      expect.objectContaining({ section: 'FileNames', added: [EPOCH_SHOWCASE.payloadNewName], removed: [] }),
    ]);
  });

  it('hash: adware reclassified as clean', () => {
    const [older, newer] = pair('hash', SHOWCASE.adware.md5);
    const { changes } = diffAnswers('hash', older, newer);
    expect(changes[0]).toEqual({ kind: 'zone', before: 'Yellow', after: 'Green' });
    expect(changeOf(changes, 'detections')).toEqual({ kind: 'detections', added: [], removed: items(older, 'DetectionsInfo').map((d) => d.DetectionName) });
  });

  it('the green controls only gained hits and dates: raw answers differ, the diff says same', () => {
    for (const [type, value] of [['ip', SHOWCASE.greenIp], ['domain', SHOWCASE.greenDomain], ['url', SHOWCASE.setupUrl], ['hash', SHOWCASE.setup.md5]] as const) {
      const [older, newer] = pair(type, value);
      expect(JSON.stringify(newer), value).not.toBe(JSON.stringify(older));
      expect(diffAnswers(type, older, newer), value).toEqual({ changes: [], same: true });
    }
  });
});

describe('noise is not a change', () => {
  /** Every list reversed, every object's keys reversed, every count bumped, dates moved on. */
  function noisy(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(noisy).reverse();
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Body).reverse().map(([key, v]): [string, unknown] => {
      if (typeof v === 'number' && /Count|Peak|attacks/.test(key)) return [key, v + 17];
      if (typeof v === 'string' && /^(LastSeen|PeakDate|LastDownloadDate|LastStartDate|LastDetectDate|Updated|Changed|last_attack_date)$/.test(key)) return [key, '2031-01-01T00:00Z'];
      return [key, noisy(v)];
    });
    return Object.fromEntries(entries);
  }

  it('hit counts, LastSeen dates, LicenseInfo, key and list order', () => {
    for (const [type, value] of [['ip', SHOWCASE.hubIp], ['domain', SHOWCASE.badDomain], ['url', SHOWCASE.payloadUrl], ['hash', SHOWCASE.payload.md5]] as const) {
      const answer = answerAt(type, value, { count: 50 });
      const other = noisy({ ...answer, LicenseInfo: { AccessType: 'Trial', DayRequests: 4999, DayQuota: 5000, TokenExpirationDate: null } });
      expect(JSON.stringify(other)).not.toBe(JSON.stringify(answer));
      expect(diffAnswers(type, answer, other, { count: 50 }), value).toEqual({ changes: [], same: true });
    }
  });

  it('hash case, IPv6 spelling, name-server order and date precision', () => {
    const payload = answerAt('hash', SHOWCASE.payload.md5);
    const lowered = JSON.parse(JSON.stringify(payload).replace(/"(Md5|Sha1|Sha256)":"([0-9A-F]+)"/g, (_, k: string, h: string) => `"${k}":"${h.toLowerCase()}"`)) as Body;
    expect(JSON.stringify(lowered)).not.toBe(JSON.stringify(payload));
    expect(diffAnswers('hash', payload, lowered).same).toBe(true);

    const bad = answerAt('domain', SHOWCASE.badDomain);
    const respelt = structuredClone(bad);
    for (const r of items(respelt, 'DomainDnsResolutions')) if (r.Ip === SHOWCASE.ipv6) r.Ip = '2001:DB8:0:0::BAD:66';
    const whois = respelt.DomainWhoIsInfo as Body;
    whois.NameServers = (whois.NameServers as string[]).map((ns) => `${ns.toUpperCase()}.`).reverse();
    whois.Created = String(whois.Created).replace(/:00Z$/, 'Z');
    expect(diffAnswers('domain', bad, respelt)).toEqual({ changes: [], same: true });
  });
});

describe('lists cut at count', () => {
  it('flags changes in lists that are at the count limit in both answers', () => {
    const [older, newer] = pair('ip', SHOWCASE.hubIp, 1000);
    const { changes } = diffAnswers('ip', older, newer, { count: 1000 });
    for (const section of ['IpDnsResolutions', 'FilesDownloadedFromIp', 'HostedUrls']) {
      expect(items(older, section)).toHaveLength(1000);
      expect(list(changes, section).truncated, section).toBe(true);
    }
    // Without the count the same changes are not flagged: the caller did not say a cut was possible.
    expect(list(diffAnswers('ip', older, newer).changes, 'IpDnsResolutions').truncated).toBeUndefined();
  });

  it('never flags FileParentCertificates, which TIP does not cut', () => {
    const setup = answerAt('hash', SHOWCASE.setup.md5, { count: 2 });
    const changed = structuredClone(setup);
    const [first] = items(changed, 'FileParentCertificates');
    if (first !== undefined) first.SerialNumber = 'ABCDEF';
    const names = items(changed, 'FileNames');
    if (names[0] !== undefined) names[0].FileName = 'renamed.msi';
    const { changes } = diffAnswers('hash', setup, changed, { count: items(setup, 'FileNames').length });
    expect(list(changes, 'FileParentCertificates').truncated).toBeUndefined();
    expect(list(changes, 'FileNames').truncated).toBe(true);
  });
});

describe('tolerance', () => {
  const JUNK: unknown[] = [
    null, undefined, 0, 'text', [], [1, 2], {}, { Zone: 5 }, { Zone: 'Red', IpDnsResolutions: 'oops', DetectionsInfo: {}, IpGeneralInfo: [] },
    { IpDnsResolutions: [null, 3, 'x', { Domain: 7 }, { Domain: 'a.example', Zone: ['Red'] }], IpWhoIs: { Net: 'x', Asn: [null, { Number: 'AS1' }], Contacts: [null, 'x', { ContactType: 3 }] } },
    { FileGeneralInfo: { Categories: 'CATEGORY_MALWARE', CategoriesWithZone: [{ Name: null }, 'x'], RelatedAptReports: [{}, null, { Id: 1 }] }, FileNames: [{ FileName: '' }] },
    { DomainWhoIsInfo: { NameServers: 'ns1.example', Registrar: 'x', Expires: 'not a date', Contacts: {} }, IPSpamInfo: [], IPPhishingInfo: { regions: 'EU' } },
    { type: 'bundle', objects: [null, { type: 'file' }, { type: 'indicator', pattern: 7 }, { type: 'url', value: 3 }] },
  ];

  it('never throws on junk, whatever the pairing', () => {
    for (const type of ['ip', 'domain', 'url', 'hash'] as const) {
      for (const older of JUNK) {
        for (const newer of JUNK) {
          const diff = diffAnswers(type, older, newer, { count: 1 });
          expect(typeof diff.same).toBe('boolean');
          for (const change of diff.changes) expect(describeChange(change)).toMatch(/\S/);
        }
      }
    }
  });

  it('an empty 404 → Red answer is a zone change plus additions', () => {
    const red = answerAt('domain', SHOWCASE.badDomain);
    const { changes } = diffAnswers('domain', null, red);
    expect(changes[0]).toEqual({ kind: 'zone', before: null, after: 'Red' });
    expect(list(changes, 'DomainDnsResolutions').added).toHaveLength(items(red, 'DomainDnsResolutions').length);
    expect(changes.every((c) => c.kind !== 'list' || c.removed.length === 0)).toBe(true);
    expect(diffAnswers('domain', null, null)).toEqual({ changes: [], same: true });
  });

  it('a section that is there but unreadable is skipped, not read as emptied', () => {
    const hub = answerAt('ip', SHOWCASE.hubIp, { count: 20 });
    const broken = { ...hub, IpDnsResolutions: 'unavailable' };
    expect(changeOf(diffAnswers('ip', hub, broken).changes, 'list', 'IpDnsResolutions')).toBeUndefined();
  });
});

describe('STIX bundles', () => {
  const bundle = (type: LookupType, value: string, epoch: number): unknown =>
    stixBundle(type, value, shapeAnswer(fullAnswer(createWorld(undefined, epoch), type, value), undefined, 1000));

  it('compares the observables of two bundles', () => {
    const payload = SHOWCASE.payload.md5.toLowerCase();
    const { changes } = diffAnswers('hash', bundle('hash', payload, 0), bundle('hash', payload, 1));
    const objects = list(changes, 'objects');
    // Hash case in a bundle is the bundle's business; the diff keys hashes without case.
    const added = objects.added.map((label) => label.toLowerCase());
    expect(added).toContain(EPOCH_SHOWCASE.dropper.md5.toLowerCase());
    expect(added).toContain(EPOCH_SHOWCASE.newDomain);
    expect(objects.removed).toEqual([]);
    expect(diffAnswers('ip', bundle('ip', SHOWCASE.greenIp, 0), bundle('ip', SHOWCASE.greenIp, 1)).same).toBe(true);
  });

  it('JSON against STIX is one change saying they cannot be compared', () => {
    const { changes } = diffAnswers('ip', answerAt('ip', SHOWCASE.orangeIp), bundle('ip', SHOWCASE.orangeIp, 1));
    expect(changes).toEqual([{ kind: 'format', before: 'json', after: 'stix' }]);
  });
});

describe('describeChange', () => {
  const listChange = (patch: Partial<ListChange>): ListChange => ({
    kind: 'list', section: 'IpDnsResolutions', title: 'DNS resolutions', noun: 'DNS resolution', nounPlural: 'DNS resolutions',
    added: [], removed: [], rezoned: [], ...patch,
  });

  it('words each kind of change', () => {
    const lines: [DiffChange, string][] = [
      [{ kind: 'zone', before: 'Orange', after: 'Red' }, 'Zone changed from Orange to Red'],
      [{ kind: 'zone', before: null, after: 'Red' }, 'Zone is now Red (none before)'],
      [{ kind: 'threatScore', before: 68, after: 97 }, 'Threat score 68 → 97'],
      [{ kind: 'status', field: 'Status', label: 'Status', before: 'NoInfo', after: 'Known' }, 'Status changed from NoInfo to Known'],
      [{ kind: 'categories', added: ['CATEGORY_MALWARE'], removed: ['CATEGORY_SPAM', 'CATEGORY_NOT_TRUSTED'] }, 'Category added: CATEGORY_MALWARE; removed: CATEGORY_SPAM, CATEGORY_NOT_TRUSTED'],
      [{ kind: 'apt', before: false, after: true, addedReports: [{ id: 'a1', title: 'Example campaign' }], removedReports: [] }, 'Now linked to 1 APT report: Example campaign'],
      [{ kind: 'apt', before: true, after: false, addedReports: [], removedReports: [{ id: 'a1', title: 'Example campaign' }] }, 'No longer linked to APT reports (was: Example campaign)'],
      [{ kind: 'detections', added: [], removed: ['HEUR:Trojan.Win32.Generic'] }, 'Detection removed: HEUR:Trojan.Win32.Generic'],
      [listChange({ added: ['bad.example.com', 'b.example', 'c.example', 'd.example'], removed: ['old.example'] }), '4 DNS resolutions added (bad.example.com, b.example, c.example, …), 1 removed (old.example)'],
      [listChange({ removed: ['old.example'] }), '1 DNS resolution removed (old.example)'],
      [listChange({ rezoned: [{ key: 'x.example', before: 'Orange', after: 'Red' }] }), '1 DNS resolution changed zone (x.example: Orange → Red)'],
      [listChange({ added: ['a.example'], truncated: true }), '1 DNS resolution added (a.example) — both lists are at the count limit, so some of this may only be the cut moving'],
      [{ kind: 'activity', section: 'IPSpamInfo', title: 'Spam attacks', before: false, after: true, added: ['Malware'], removed: [] }, 'Spam attacks now reported (Malware)'],
      [{ kind: 'activity', section: 'IPPhishingInfo', title: 'Phishing attacks', before: true, after: true, added: ['region EU'], removed: ['region NA'] }, 'Phishing attacks: now region EU; no longer region NA'],
      [{ kind: 'whois', section: 'DomainWhoIsInfo', title: 'WHOIS', presence: 'both', fields: [{ field: 'Registrar', before: 'Example Registrar', after: 'Other Registrar' }] }, 'Registrar changed: Example Registrar → Other Registrar'],
      [{ kind: 'whois', section: 'IpWhoIs', title: 'Network WHOIS', presence: 'both', fields: [{ field: 'Net.Name', before: 'A-NET', after: 'B-NET' }, { field: 'ASN', before: '', after: 'AS64500' }] }, 'Network WHOIS: 2 fields changed — Net.Name changed: A-NET → B-NET; ASN set: AS64500'],
      [{ kind: 'whois', section: 'UrlDomainWhoIs', title: 'Domain WHOIS', presence: 'removed', fields: [{ field: 'Registrar', before: 'X', after: '' }] }, 'Domain WHOIS record no longer given'],
      [{ kind: 'format', before: 'json', after: 'stix' }, 'Not comparable: a JSON answer then a STIX bundle'],
    ];
    for (const [change, line] of lines) expect(describeChange(change)).toBe(line);
  });

  it('words a real diff one line per change', () => {
    const [older, newer] = pair('ip', SHOWCASE.orangeIp);
    const lines = diffAnswers('ip', older, newer).changes.map(describeChange);
    expect(lines[0]).toBe('Zone changed from Orange to Red');
    expect(lines[1]).toBe(`Threat score ${String((older.IpGeneralInfo as Body).ThreatScore)} → ${EPOCH_SHOWCASE.orangeIpScoreAfter}`);
    expect(lines).toContain(`1 DNS resolution changed zone (${SHOWCASE.orangeDomain}: Orange → Red)`);
  });
});
