/**
 * `format=stix`: the answer as a STIX 2.1 bundle. TIP does not document its STIX shape; this is the
 * plain reading: observables (SCOs) for the object and everything its lists name, an indicator —
 * tied to its observable by `based-on` — for each of them TIP rates Red, Orange or Yellow, and
 * relationships (`resolves-to` for DNS, `related-to` with a `description` for downloads, contacts,
 * hosting and file launches), all created by the service's identity. The OASIS validator accepts it
 * with its best-practice checks on (stix-objects.ts says how).
 *
 * Every object's content comes from the world, never from the answer that happens to name it: the
 * same file, URL or indicator is byte-identical in an IP answer and in its own (one id, one
 * content), and `modified` is the end of the world's epoch, so a later epoch's verdict is a newer
 * version. The scheme of a URL lookup (`https://…`) is kept; URLs TIP lists without one get `http://`.
 *
 * The shared exporter (src/shared/stix) is not used to build this: it writes the workbench's view
 * (its identity, times of lookups), while this stands for TIP's own, and keeping the two apart lets
 * each check the other. Only its URL spelling rule is shared, so both write a URL the same way.
 */

import type { LookupType } from '../../src/shared/tip/types';
import { stixUrl } from '../../src/shared/stix/observables';
import type { Json, JsonObject } from './answers-common';
import { parseIp } from './ip-address';
import { extensionDefinition, flagged, identity, IDENTITY_ID, indicatorWithLink, literal, mockId, scoId, type Verdict } from './stix-objects';
import { epochEnd, type World } from './world';
import { WORLD_END } from './world-factory';

export const STIX_CONTENT_TYPE = 'application/stix+json;version=2.1';
/** Relationships exist since at least the world's first epoch; they have no date of their own here. */
const RELATIONS_SINCE = new Date(WORLD_END).toISOString();

type Kind = 'ip' | 'domain' | 'url' | 'file';
const NOUNS: Record<Kind, string> = { ip: 'IP address', domain: 'domain', url: 'web address', file: 'file' };

export interface StixContext {
  /** The world the answer came from: verdicts and hashes of every object it names. */
  world?: World;
  /** The object as the client wrote it in the request (its URL scheme is kept). */
  requested?: string;
}

function asObject(value: Json | undefined): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}
function asList(value: Json | undefined): JsonObject[] {
  return Array.isArray(value) ? value.map(asObject) : [];
}
function text(value: Json | undefined): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}
function time(value: Json | undefined): number | null {
  const parsed = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(parsed) ? null : parsed;
}

interface Hashes {
  MD5?: string;
  'SHA-1'?: string;
  'SHA-256'?: string;
}

class BundleBuilder {
  private readonly objects = new Map<string, JsonObject>();
  private readonly modified: string;

  constructor(private readonly world: World | undefined) {
    this.modified = new Date(epochEnd(world?.epoch ?? 0)).toISOString();
    this.add(identity());
    this.add(extensionDefinition());
  }

  private add(object: JsonObject): string {
    const id = String(object.id);
    if (!this.objects.has(id)) this.objects.set(id, object);
    return id;
  }

  /** The world's verdict on an object, else what the answer item says. */
  private verdict(kind: Kind, value: string, fallback: Verdict): Verdict {
    const w = this.world;
    const rep = kind === 'ip' ? w?.ips.get(value) : kind === 'domain' ? w?.domains.get(value) : kind === 'url' ? w?.urls.get(value) : w?.files.get(value.toLowerCase());
    return rep === undefined ? fallback : { zone: rep.zone, score: rep.score, firstSeen: rep.firstSeen };
  }

  /** A file's hashes in lower case: every one the world knows, else the one given. */
  private hashes(hash: string): Hashes {
    const file = this.world?.files.get(hash.toLowerCase());
    if (file !== undefined) return { MD5: file.md5.toLowerCase(), 'SHA-1': file.sha1.toLowerCase(), 'SHA-256': file.sha256.toLowerCase() };
    const lower = hash.toLowerCase();
    return lower.length === 32 ? { MD5: lower } : lower.length === 40 ? { 'SHA-1': lower } : { 'SHA-256': lower };
  }

  /**
   * The observable for an object, plus its indicator when TIP flags it. `scheme` is the looked-up
   * URL's own; a listed URL has none and gets `http://`. Returns null when no valid SCO can be made.
   */
  observe(kind: Kind, value: string | null, fallback: Verdict, scheme?: string): string | null {
    if (value === null) return null;
    let object: JsonObject;
    let pattern: string;
    let shown: string;
    if (kind === 'file') {
      const hashes = this.hashes(value);
      const [name, hash] = Object.entries(hashes)[0] ?? ['MD5', value.toLowerCase()];
      object = { type: 'file', spec_version: '2.1', id: scoId('file', { hashes: { [name]: hash } }), hashes: hashes as JsonObject };
      pattern = `[file:hashes.${name === 'MD5' ? name : `'${name}'`} = ${literal(hash)}]`;
      shown = hash;
    } else {
      let type = kind === 'domain' ? 'domain-name' : 'url';
      shown = value;
      if (kind === 'ip') {
        const ip = parseIp(value.replace(/^\[|\]$/g, ''));
        type = ip?.version === 6 ? 'ipv6-addr' : 'ipv4-addr';
        shown = ip?.canonical ?? value;
      }
      if (kind === 'url') {
        const url = stixUrl(scheme === undefined ? value : `${scheme}${value}`);
        if (url === undefined) return null;
        shown = url;
      }
      object = { type, spec_version: '2.1', id: scoId(type, { value: shown }), value: shown };
      pattern = `[${type}:value = ${literal(shown)}]`;
    }
    const id = this.add(object);
    const verdict = this.verdict(kind, value, fallback);
    if (flagged(verdict.zone)) {
      for (const part of indicatorWithLink({ observableId: id, value: shown, noun: NOUNS[kind], pattern, verdict, modified: this.modified })) this.add(part);
    }
    return id;
  }

  /** A related object named by a list item: its zone and first sighting as the item states them, if the world has none. */
  related(kind: Kind, value: string | null, item: JsonObject): string | null {
    return this.observe(kind, value, { zone: text(item.Zone) ?? 'Grey', score: null, firstSeen: time(item.FirstSeen) });
  }

  relate(source: string, type: 'resolves-to' | 'related-to', target: string, description?: string): void {
    const relationship: JsonObject = {
      type: 'relationship', spec_version: '2.1', id: mockId('relationship', `${source}|${type}|${target}|${description ?? ''}`),
      created_by_ref: IDENTITY_ID, created: RELATIONS_SINCE, modified: this.modified,
      relationship_type: type, source_ref: source, target_ref: target,
    };
    if (description !== undefined) relationship.description = description;
    this.add(relationship);
  }

  bundle(seed: string): JsonObject {
    return { type: 'bundle', id: mockId('bundle', `${seed}|${this.modified}`), objects: [...this.objects.values()] };
  }
}

function hostKind(host: string): Kind {
  return parseIp(host.replace(/^\[|\]$/g, '')) === null ? 'domain' : 'ip';
}

/** `answer` is the full JSON answer (lists already cut to the default count). */
export function stixBundle(type: LookupType, value: string, answer: JsonObject, context: StixContext = {}): JsonObject {
  const b = new BundleBuilder(context.world);
  const generalKey = { ip: 'IpGeneralInfo', domain: 'DomainGeneralInfo', url: 'UrlGeneralInfo', hash: 'FileGeneralInfo' }[type];
  const general = asObject(answer[generalKey]);
  const own: Verdict = { zone: text(answer.Zone) ?? 'Grey', score: typeof general.ThreatScore === 'number' ? general.ThreatScore : null, firstSeen: time(general.FirstSeen) };
  const list = (key: string): JsonObject[] => asList(answer[key]);

  if (type === 'hash') {
    const main = b.observe('file', text(general.Md5) ?? text(general.Sha1) ?? text(general.Sha256) ?? value, own);
    if (main === null) return b.bundle(`${type}:${value}`);
    for (const [key, description] of [['FileDownloadedFromUrls', 'downloaded from'], ['FileAccessedUrls', 'contacted']] as const) {
      for (const item of list(key)) {
        const url = b.related('url', text(item.Url), item);
        const domain = text(item.Domain);
        if (url === null) continue;
        b.relate(main, 'related-to', url, description);
        const host = domain === null ? null : b.related(hostKind(domain), domain, {});
        if (host !== null) b.relate(url, 'related-to', host, 'on host');
      }
    }
    for (const [key, description, outgoing] of [['FileStartedObjects', 'started', true], ['FileDownloadedObjects', 'downloaded', true], ['FileStartedBy', 'started', false], ['FileDownloadedBy', 'downloaded', false]] as const) {
      for (const item of list(key)) {
        const other = b.related('file', text(item.Md5), item);
        if (other !== null) b.relate(outgoing ? main : other, 'related-to', outgoing ? other : main, description);
      }
    }
    return b.bundle(`${type}:${value}`);
  }

  const scheme = type === 'url' ? /^[a-z][a-z0-9+.-]*:\/\//i.exec(context.requested?.trim() ?? '')?.[0].toLowerCase() : undefined;
  const main = b.observe(type, value, own, scheme);
  if (main === null) return b.bundle(`${type}:${value}`);
  if (type === 'url') {
    const host = text(general.Host);
    const hostId = host === null ? null : b.related(hostKind(host), host, {});
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
      const url: string | null = type === 'url' ? main : b.related('url', text(item.Url), item);
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
  return b.bundle(`${type}:${value}:${scheme ?? ''}`);
}
