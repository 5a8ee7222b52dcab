/**
 * `format=stix`: the answer as a STIX 2.1 bundle. TIP does not document its STIX shape; this is the
 * plain reading: observables (SCOs) for the object and everything its lists name, an indicator for
 * the object and for every Red object named, and relationships (`resolves-to` for DNS, `related-to`
 * with a `description` for downloads, contacts, hosting and file launches).
 *
 * SCO ids follow the STIX 2.1 deterministic rule (UUIDv5 over the ID-contributing properties); the
 * indicators, relationships and the bundle use UUIDv5 under a namespace of our own, so the same
 * answer always serialises to the same bytes.
 */

import { createHash } from 'node:crypto';
import type { LookupType } from '../../src/shared/tip/types';
import type { Json, JsonObject } from './answers-common';
import { parseIp } from './ip-address';
import { WORLD_END } from './world-factory';

export const STIX_CONTENT_TYPE = 'application/stix+json;version=2.1';
const SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
const MOCK_NAMESPACE = '6f1c3bde-7a39-4c56-9d7e-2b7c0e0f4a11';
const STAMP = new Date(WORLD_END).toISOString();

function uuid5(namespace: string, name: string): string {
  const bytes = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name).digest();
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

type Kind = 'ip' | 'domain' | 'url' | 'file';

function asObject(value: Json | undefined): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}
function asList(value: Json | undefined): JsonObject[] {
  return Array.isArray(value) ? value.map(asObject) : [];
}
function text(value: Json | undefined): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}
function escapePattern(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}
function toStamp(value: Json | undefined): string {
  const parsed = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(parsed) ? STAMP : new Date(parsed).toISOString();
}

class BundleBuilder {
  private readonly objects = new Map<string, JsonObject>();

  private add(object: JsonObject & { id: string }): string {
    if (!this.objects.has(object.id)) this.objects.set(object.id, object);
    return object.id;
  }

  /** An observable; `hashes` only for files (MD5 alone is the ID-contributing hash when present). */
  sco(kind: Kind, value: string, hashes?: Record<string, string>): string {
    if (kind === 'file') {
      const all = hashes ?? {};
      const key = all.MD5 !== undefined ? { MD5: all.MD5 } : all;
      return this.add({ type: 'file', spec_version: '2.1', id: `file--${uuid5(SCO_NAMESPACE, JSON.stringify({ hashes: key }))}`, hashes: all });
    }
    let type: string = kind === 'domain' ? 'domain-name' : 'url';
    let stixValue = value;
    if (kind === 'ip') {
      const ip = parseIp(value.replace(/^\[|\]$/g, ''));
      type = ip?.version === 6 ? 'ipv6-addr' : 'ipv4-addr';
      stixValue = ip?.canonical ?? value;
    }
    if (kind === 'url' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) stixValue = `http://${value}`;
    return this.add({ type, spec_version: '2.1', id: `${type}--${uuid5(SCO_NAMESPACE, JSON.stringify({ value: stixValue }))}`, value: stixValue });
  }

  indicator(kind: Kind, value: string, zone: string, score: number | null, validFrom: string, md5?: string): void {
    let pattern: string;
    if (kind === 'file') pattern = `[file:hashes.MD5 = '${escapePattern(md5 ?? value)}']`;
    else if (kind === 'ip') pattern = `[${parseIp(value)?.version === 6 ? 'ipv6-addr' : 'ipv4-addr'}:value = '${escapePattern(value)}']`;
    else if (kind === 'domain') pattern = `[domain-name:value = '${escapePattern(value)}']`;
    else pattern = `[url:value = '${escapePattern(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`)}']`;
    const types = zone === 'Red' ? ['malicious-activity'] : zone === 'Orange' || zone === 'Yellow' ? ['anomalous-activity'] : zone === 'Green' ? ['benign'] : ['unknown'];
    const indicator: JsonObject & { id: string } = {
      type: 'indicator', spec_version: '2.1', id: `indicator--${uuid5(MOCK_NAMESPACE, pattern)}`,
      created: STAMP, modified: STAMP, name: `${kind} ${value} (${zone})`, indicator_types: types,
      pattern, pattern_type: 'stix', valid_from: validFrom, x_tip_zone: zone,
    };
    if (score !== null) indicator.x_tip_threat_score = score;
    this.add(indicator);
  }

  relate(source: string, type: 'resolves-to' | 'related-to', target: string, description?: string): void {
    const relationship: JsonObject & { id: string } = {
      type: 'relationship', spec_version: '2.1', id: `relationship--${uuid5(MOCK_NAMESPACE, `${source}|${type}|${target}|${description ?? ''}`)}`,
      created: STAMP, modified: STAMP, relationship_type: type, source_ref: source, target_ref: target,
    };
    if (description !== undefined) relationship.description = description;
    this.add(relationship);
  }

  /** A related object: observable, plus an indicator when it is Red. */
  related(kind: Kind, value: string | null, item: JsonObject): string | null {
    if (value === null) return null;
    const md5 = kind === 'file' ? value.toUpperCase() : undefined;
    const id = this.sco(kind, value, md5 === undefined ? undefined : { MD5: md5 });
    if (item.Zone === 'Red') this.indicator(kind, value, 'Red', null, toStamp(item.FirstSeen), md5);
    return id;
  }

  bundle(seed: string): JsonObject {
    return { type: 'bundle', id: `bundle--${uuid5(MOCK_NAMESPACE, seed)}`, objects: [...this.objects.values()] };
  }
}

function hostKind(host: string): Kind {
  return parseIp(host.replace(/^\[|\]$/g, '')) === null ? 'domain' : 'ip';
}

/** `answer` is the full JSON answer (lists already cut to the default count). */
export function stixBundle(type: LookupType, value: string, answer: JsonObject): JsonObject {
  const b = new BundleBuilder();
  const zone = text(answer.Zone) ?? 'Grey';
  const generalKey = { ip: 'IpGeneralInfo', domain: 'DomainGeneralInfo', url: 'UrlGeneralInfo', hash: 'FileGeneralInfo' }[type];
  const general = asObject(answer[generalKey]);
  const score = typeof general.ThreatScore === 'number' ? general.ThreatScore : null;
  const validFrom = toStamp(general.FirstSeen);
  const list = (key: string): JsonObject[] => asList(answer[key]);

  if (type === 'hash') {
    const hashes: Record<string, string> = {};
    for (const [key, stixKey] of [['Md5', 'MD5'], ['Sha1', 'SHA-1'], ['Sha256', 'SHA-256']] as const) {
      const hash = text(general[key]);
      if (hash !== null) hashes[stixKey] = hash.toUpperCase();
    }
    const main = b.sco('file', value, hashes);
    b.indicator('file', value, zone, null, validFrom, hashes.MD5 ?? hashes['SHA-1'] ?? hashes['SHA-256']);
    for (const [key, description] of [['FileDownloadedFromUrls', 'downloaded from'], ['FileAccessedUrls', 'contacted']] as const) {
      for (const item of list(key)) {
        const url = b.related('url', text(item.Url), item);
        const domain = text(item.Domain);
        if (url === null) continue;
        b.relate(main, 'related-to', url, description);
        if (domain !== null) b.relate(url, 'related-to', b.sco(hostKind(domain), domain), 'on host');
      }
    }
    for (const [key, description, outgoing] of [['FileStartedObjects', 'started', true], ['FileDownloadedObjects', 'downloaded', true], ['FileStartedBy', 'started', false], ['FileDownloadedBy', 'downloaded', false]] as const) {
      for (const item of list(key)) {
        const other = b.related('file', text(item.Md5), item);
        if (other !== null) b.relate(outgoing ? main : other, 'related-to', outgoing ? other : main, description);
      }
    }
  } else {
    const kind: Kind = type;
    const main = b.sco(kind, value);
    b.indicator(kind, value, zone, score, validFrom);
    if (type === 'url') {
      const host = text(general.Host);
      const hostId = host === null ? null : b.sco(hostKind(host), host);
      if (hostId !== null) b.relate(main, 'related-to', hostId, 'on host');
      for (const item of list('DomainDnsResolutions')) {
        const ip = b.related('ip', text(item.Ip), item);
        if (ip !== null && hostId !== null) b.relate(hostId, 'resolves-to', ip);
      }
    }
    for (const item of list('IpDnsResolutions')) {
      const domain = b.related('domain', text(item.Domain), item);
      if (domain !== null) b.relate(domain, 'resolves-to', main);
    }
    if (type === 'domain') {
      for (const item of list('DomainDnsResolutions')) {
        const ip = b.related('ip', text(item.Ip), item);
        if (ip !== null) b.relate(main, 'resolves-to', ip);
      }
      for (const item of list('Subdomains')) {
        const sub = b.related('domain', text(item.Subdomain), item);
        if (sub !== null) b.relate(sub, 'related-to', main, 'subdomain of');
      }
    }
    for (const key of ['FilesDownloadedFromIp', 'FilesDownloaded']) {
      for (const item of list(key)) {
        const file = b.related('file', text(item.Md5), item);
        const url = type === 'url' ? main : b.related('url', text(item.Url), item);
        if (file === null || url === null) continue;
        b.relate(file, 'related-to', url, 'downloaded from');
        if (url !== main) b.relate(url, 'related-to', main, type === 'ip' ? 'hosted on' : 'on host');
      }
    }
    for (const item of list('FilesAccessed')) {
      const file = b.related('file', text(item.Md5), item);
      if (file !== null) b.relate(file, 'related-to', main, 'contacted');
    }
    for (const item of list('HostedUrls')) {
      const url = b.related('url', text(item.Url), item);
      if (url !== null) b.relate(url, 'related-to', main, 'hosted on');
    }
  }
  return b.bundle(`${type}:${value}`);
}
