/**
 * A JSON answer → entities and relations, exactly as REFERENCE.md's table "Relations the graph
 * draws" says: DNS resolutions, downloads and contacts (and, for a url, its host). Other sections
 * (HostedUrls, Subdomains, referrals, FileStarted* …) describe the seed, not edges, and draw nothing.
 *
 * Neighbours get only what the list item says about *them*: `IpDnsResolutions[].Zone` is the
 * domain's, `DomainDnsResolutions[].Zone`/`ThreatScore` the IP's, `Files*[].Zone` the file's. The
 * item's hits and dates describe the link, so they go on the relation.
 */
import type { LookupType } from '../tip/types';
import { fitsKind, type EntityFacts, type Evidence, type GraphBuilder } from './builder';
import { hostOfUrl, normaliseDomain, normaliseHash, normaliseHost, normaliseIp, normaliseUrl, type Host } from './normalise';
import { date, firstCount, itemsAt, recordAt, score, text, type JsonRecord } from './read';
import { GENERAL_SECTION } from './seed';
import { clip } from './summary';
import type { Entity, RelationKind } from './types';

const HITS_KEYS = ['HitsCount', 'DownloadHitsCount', 'AccessHitsCount'] as const;

/**
 * Runs one section's mapping on its own: answers come from JSON and cannot throw, but a caller may
 * hand in any object (a proxy, a getter); a failure then costs that section, not the whole answer.
 */
function eachSection(sections: readonly (() => void)[]): void {
  for (const map of sections) {
    try {
      map();
    } catch {
      // Deliberately empty: the other sections are still mapped (rule: never throw, map the rest).
    }
  }
}

function evidenceOf(item: JsonRecord, section: string, url?: string): Evidence {
  return {
    section,
    hits: firstCount(item, HITS_KEYS),
    firstSeen: date(item.FirstSeen),
    // FileDownloadedFromUrls (and, in the wild, FileAccessedUrls) date the link LastDownloadDate.
    lastSeen: date(item.LastSeen) ?? date(item.LastDownloadDate),
    url,
  };
}

function fileOf(item: JsonRecord): EntityFacts | undefined {
  const md5 = normaliseHash(item.Md5, 32);
  if (md5 === undefined) return undefined;
  return { type: 'file', value: md5, zone: text(item.Zone), summary: clip(text(item.DetectionName)) };
}

function hostFacts(host: Host): EntityFacts {
  return { type: host.type, value: host.value };
}

export function mapJsonAnswer(graph: GraphBuilder, type: LookupType, seed: Entity, body: JsonRecord): void {
  /** `file —kind→ seed` for every item of a Files* list. */
  const filesTo = (section: string, kind: RelationKind): (() => void) => () => {
    for (const item of itemsAt(body, section)) {
      const file = fileOf(item);
      if (file === undefined) continue;
      graph.addRelation(graph.addEntity(file), kind, seed, evidenceOf(item, section, normaliseUrl(item.Url)));
    }
  };

  switch (type) {
    case 'ip':
      eachSection([
        () => {
          for (const item of itemsAt(body, 'IpDnsResolutions')) {
            const domain = normaliseDomain(item.Domain);
            if (domain === undefined) continue;
            const node = graph.addEntity({ type: 'domain', value: domain, zone: text(item.Zone) });
            graph.addRelation(node, 'resolves_to', seed, evidenceOf(item, 'IpDnsResolutions'));
          }
        },
        filesTo('FilesDownloadedFromIp', 'downloaded_from'),
      ]);
      return;
    case 'domain':
      eachSection([
        () => resolutionsFrom(graph, seed, body),
        filesTo('FilesDownloaded', 'downloaded_from'),
        filesTo('FilesAccessed', 'contacted'),
      ]);
      return;
    case 'url':
      eachSection([
        () => {
          const host = urlHost(graph, seed, body);
          if (host?.type === 'domain') resolutionsFrom(graph, host, body);
        },
        filesTo('FilesDownloaded', 'downloaded_from'),
      ]);
      return;
    case 'hash':
      eachSection([
        () => fileToHosts(graph, seed, body, 'FileDownloadedFromUrls', 'downloaded_from'),
        () => fileToHosts(graph, seed, body, 'FileAccessedUrls', 'contacted'),
      ]);
      return;
  }
}

/** `domain —resolves_to→ ip` for every `DomainDnsResolutions[].Ip`. */
function resolutionsFrom(graph: GraphBuilder, domain: Entity, body: JsonRecord): void {
  for (const item of itemsAt(body, 'DomainDnsResolutions')) {
    const ip = normaliseIp(item.Ip);
    if (ip === undefined) continue;
    const node = graph.addEntity({ type: 'ip', value: ip, zone: text(item.Zone), threatScore: score(item.ThreatScore) });
    graph.addRelation(domain, 'resolves_to', node, evidenceOf(item, 'DomainDnsResolutions'));
  }
}

/**
 * `url —on_host→ host`: `UrlGeneralInfo.Host`, else the looked-up URL's own host (an answer that
 * leaves Host out still names a URL whose host is plain to read).
 */
function urlHost(graph: GraphBuilder, seed: Entity, body: JsonRecord): Entity | undefined {
  const general = recordAt(body, GENERAL_SECTION.url);
  const stated = normaliseHost(general?.Host);
  const host = stated ?? hostOfUrl(seed.value);
  if (host === undefined) return undefined;
  const node = graph.addEntity(hostFacts(host));
  // A host read off the URL itself was shown by no section: its sections list stays empty.
  graph.addRelation(seed, 'on_host', node, { section: stated === undefined ? undefined : GENERAL_SECTION.url });
  return node;
}

/**
 * `file —kind→ host` for FileDownloadedFromUrls / FileAccessedUrls. The host is `Domain` (which the
 * demo service and, it seems, TIP fill with the URL's host, so it may be an IP); when `Domain` is
 * missing or not a host, the URL's own host. The item's `Zone` is the URL's, so the host gets none.
 */
function fileToHosts(graph: GraphBuilder, seed: Entity, body: JsonRecord, section: string, kind: RelationKind): void {
  for (const item of itemsAt(body, section)) {
    const host = normaliseHost(item.Domain) ?? hostOfUrl(item.Url);
    // `contacted` joins a file to a domain only (types.ts): a contacted bare IP is not drawn.
    if (host === undefined || !fitsKind(kind, 'file', host.type)) continue;
    graph.addRelation(seed, kind, graph.addEntity(hostFacts(host)), evidenceOf(item, section, normaliseUrl(item.Url)));
  }
}
