/**
 * List sections compared as sets by their natural key (a resolution by its domain, a file by its
 * MD5 …), so list order, hit counts and dates never make a change; items present in both answers
 * whose own `Zone` moved are reported as rezoned.
 */

import type { ListChange, RezonedItem } from './diff-types';
import { domainKey, ipKey, isRecord, keyedDifference, listAt, lower, textOf, urlKey } from './read-json';

interface Keyed {
  key: string;
  label: string;
}

interface ListSpec {
  section: string;
  title: string;
  noun: string;
  nounPlural: string;
  keyOf: (item: unknown) => Keyed | null;
}

/** TIP never applies `count` to these (REFERENCE.md), so they are never flagged as cut. */
const NEVER_CUT: ReadonlySet<string> = new Set(['DetectionsInfo', 'FileParentCertificates']);

function field(name: string, normalise: (text: string) => string): (item: unknown) => Keyed | null {
  return (item) => {
    const label = isRecord(item) ? textOf(item[name]) : null;
    return label === null ? null : { key: normalise(label), label };
  };
}

/** Lists of plain strings (`DataFeeds`, `Industries`). */
function itself(item: unknown): Keyed | null {
  const label = textOf(item);
  return label === null ? null : { key: label, label };
}

/** The same folder under two locations is two places, so a path is keyed with its location. */
function filePath(item: unknown): Keyed | null {
  if (!isRecord(item)) return null;
  const path = textOf(item.Path);
  if (path === null) return null;
  const location = textOf(item.Location);
  const label = location === null ? path : `${location}${path}`;
  return { key: label, label };
}

const md5 = field('Md5', lower);

function spec(section: string, title: string, noun: string, keyOf: ListSpec['keyOf'], nounPlural = `${noun}s`): ListSpec {
  return { section, title, noun, nounPlural, keyOf };
}

/** Every list section, in the order the changes are given. Sections of other lookup types simply never appear. */
export const LIST_SECTIONS: readonly ListSpec[] = [
  spec('IpDnsResolutions', 'DNS resolutions', 'DNS resolution', field('Domain', domainKey)),
  spec('DomainDnsResolutions', 'DNS resolutions', 'DNS resolution', field('Ip', ipKey)),
  spec('FilesDownloadedFromIp', 'Downloaded files', 'downloaded file', md5),
  spec('FilesDownloaded', 'Downloaded files', 'downloaded file', md5),
  spec('FilesAccessed', 'Files that accessed it', 'accessing file', md5),
  spec('HostedUrls', 'Hosted URLs', 'hosted URL', field('Url', urlKey)),
  spec('FileDownloadedFromUrls', 'Download URLs', 'download URL', field('Url', urlKey)),
  spec('FileAccessedUrls', 'Contacted URLs', 'contacted URL', field('Url', urlKey)),
  spec('FileStartedObjects', 'Files it started', 'started file', md5),
  spec('FileStartedBy', 'Started by', 'launching file', md5),
  spec('FileDownloadedObjects', 'Files it downloaded', 'file it downloaded', md5, 'files it downloaded'),
  spec('FileDownloadedBy', 'Downloaded by', 'downloading file', md5),
  spec('UrlReferrals', 'Referring URLs', 'referring URL', field('Url', urlKey)),
  spec('UrlReferredTo', 'URLs it refers to', 'referred-to URL', field('Url', urlKey)),
  spec('Subdomains', 'Subdomains', 'subdomain', field('Subdomain', domainKey)),
  spec('FeedMasks', 'URL masks', 'feed mask', field('NormalizedMask', urlKey)),
  spec('DataFeeds', 'Data feeds', 'data feed', itself),
  spec('FileNames', 'File names', 'file name', field('FileName', (text) => text)),
  spec('FilePaths', 'File paths', 'file path', filePath),
  spec('FileCertificates', 'Certificates', 'certificate', field('SerialNumber', lower)),
  spec('FileParentCertificates', 'Parent certificates', 'parent certificate', field('SerialNumber', lower)),
  spec('Industries', 'Industries', 'industry', itself, 'industries'),
];

interface Indexed {
  labels: Map<string, string>;
  zones: Map<string, string | null>;
}

/** Keyed items, first occurrence wins (an IP lists a file once per URL it was downloaded from). */
function index(items: readonly unknown[], keyOf: ListSpec['keyOf']): Indexed {
  const labels = new Map<string, string>();
  const zones = new Map<string, string | null>();
  for (const item of items) {
    const keyed = keyOf(item);
    if (keyed === null || labels.has(keyed.key)) continue;
    labels.set(keyed.key, keyed.label);
    zones.set(keyed.key, isRecord(item) ? textOf(item.Zone) : null);
  }
  return { labels, zones };
}

function rezoned(before: Indexed, after: Indexed): RezonedItem[] {
  const moved: RezonedItem[] = [];
  for (const [key, label] of after.labels) {
    const was = before.zones.get(key);
    const now = after.zones.get(key) ?? null;
    // Only a zone both answers state: a missing Zone is not a change of zone.
    if (was === undefined || was === null || now === null || was === now) continue;
    moved.push({ key: label, before: was, after: now });
  }
  return moved;
}

export function diffList(spec: ListSpec, older: unknown, newer: unknown, count: number | undefined): ListChange | null {
  const before = listAt(older, spec.section);
  const after = listAt(newer, spec.section);
  // A section that is there but is not a list cannot be read: say nothing rather than guess.
  if (before === null || after === null) return null;
  const a = index(before, spec.keyOf);
  const b = index(after, spec.keyOf);
  const { added, removed } = keyedDifference(a.labels, b.labels);
  const moved = rezoned(a, b);
  if (added.length === 0 && removed.length === 0 && moved.length === 0) return null;
  const change: ListChange = {
    kind: 'list', section: spec.section, title: spec.title, noun: spec.noun, nounPlural: spec.nounPlural,
    added, removed, rezoned: moved,
  };
  if (count !== undefined && !NEVER_CUT.has(spec.section) && before.length === after.length && after.length >= count) {
    change.truncated = true;
  }
  return change;
}

export function diffLists(older: unknown, newer: unknown, count: number | undefined): ListChange[] {
  return LIST_SECTIONS.map((spec) => diffList(spec, older, newer, count)).filter((change): change is ListChange => change !== null);
}
