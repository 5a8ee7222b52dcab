/**
 * The verdict an answer gives, read tolerantly from its `*GeneralInfo` section (REFERENCE.md): threat
 * score and what it means, status, categories, first and last seen, and the APT flag with reports.
 * Missing fields stay missing: the header shows only what TIP said.
 */
import type { LookupType } from '@shared/tip/types';
import { isPlainObject } from './values';

const GENERAL: Record<LookupType, string> = {
  ip: 'IpGeneralInfo',
  domain: 'DomainGeneralInfo',
  url: 'UrlGeneralInfo',
  hash: 'FileGeneralInfo',
};

export interface ScoreReading {
  score: number;
  /** Words beside the number, or null where TIP documents none (0–49). */
  words: string | null;
  band: 'low' | 'suspicious' | 'high';
}

export interface CategoryReading {
  api: string;
  label: string;
  zone: string | null;
}

export interface AptReport {
  id: string;
  title: string;
}

export interface Verdict {
  score: ScoreReading | null;
  /** IpGeneralInfo.Status (`Known`, `Reserved`, `NoInfo`) in words, or a file's signer status. */
  status: { label: string; text: string; api: string } | null;
  categories: CategoryReading[];
  firstSeen: string | null;
  lastSeen: string | null;
  /** null when the answer does not say. */
  apt: { has: boolean; reports: AptReport[] } | null;
}

/**
 * TIP documents only one band: 50–74 is "suspicious", i.e. not trusted. Scores of 75 and above are
 * not named in the documentation, so they are not given TIP's words — they are said to be above
 * that band, which is true whatever TIP calls them; the zone beside it is TIP's own classification.
 */
export function readScore(score: number): ScoreReading {
  if (score >= 75) return { score, words: 'high risk (above suspicious)', band: 'high' };
  if (score >= 50) return { score, words: 'suspicious (not trusted)', band: 'suspicious' };
  return { score, words: null, band: 'low' };
}

/** Words that keep their capitals (or their usual spelling) inside a category name. */
const CATEGORY_WORDS: Readonly<Record<string, string>> = { cnc: 'C&C', apt: 'APT', url: 'URL', ip: 'IP', dns: 'DNS', p2p: 'P2P', tor: 'Tor', vpn: 'VPN' };

/** `CATEGORY_MALWARE` → "Malware", `CATEGORY_BOTNET_CNC` → "Botnet C&C", `CATEGORY_ADWARE_AND_OTHER` → "Adware and other". */
export function categoryLabel(api: string): string {
  const words = api
    .replace(/^CATEGORY_/i, '')
    .split('_')
    .filter(Boolean)
    .map((word) => CATEGORY_WORDS[word.toLowerCase()] ?? word.toLowerCase());
  if (words.length === 0) return api;
  const first = words[0] ?? '';
  words[0] = first.charAt(0).toUpperCase() + first.slice(1);
  return words.join(' ');
}

const IP_STATUS: Record<string, string> = {
  Known: 'Known to TIP',
  Reserved: 'Reserved address (RFC 6890)',
  NoInfo: 'No information',
};

export function generalInfoOf(type: LookupType, body: unknown): Record<string, unknown> | null {
  if (!isPlainObject(body)) return null;
  const info = body[GENERAL[type]];
  return isPlainObject(info) ? info : null;
}

function categoriesOf(info: Record<string, unknown>): CategoryReading[] {
  const found = new Map<string, CategoryReading>();
  if (Array.isArray(info.CategoriesWithZone)) {
    for (const item of info.CategoriesWithZone) {
      if (isPlainObject(item) && typeof item.Name === 'string') {
        const zone = typeof item.Zone === 'string' ? item.Zone : null;
        found.set(item.Name, { api: item.Name, label: categoryLabel(item.Name), zone });
      }
    }
  }
  if (Array.isArray(info.Categories)) {
    for (const name of info.Categories) {
      if (typeof name === 'string' && !found.has(name)) found.set(name, { api: name, label: categoryLabel(name), zone: null });
    }
  }
  return [...found.values()];
}

function aptOf(info: Record<string, unknown>): Verdict['apt'] {
  if (typeof info.HasApt !== 'boolean' && !Array.isArray(info.RelatedAptReports)) return null;
  const reports: AptReport[] = [];
  if (Array.isArray(info.RelatedAptReports)) {
    for (const item of info.RelatedAptReports) {
      if (!isPlainObject(item)) continue;
      const id = item.Id === undefined || item.Id === null ? '' : String(item.Id);
      const title = typeof item.Title === 'string' ? item.Title : '';
      if (id || title) reports.push({ id, title });
    }
  }
  return { has: info.HasApt === true || reports.length > 0, reports };
}

function statusOf(type: LookupType, info: Record<string, unknown>): Verdict['status'] {
  if (type === 'hash' && typeof info.SignerStatus === 'string') {
    const signer = typeof info.Signer === 'string' && info.Signer ? ` · ${info.Signer}` : '';
    return { label: 'Signer', text: `${info.SignerStatus}${signer}`, api: 'SignerStatus' };
  }
  if (typeof info.Status === 'string') {
    return { label: 'Status', text: IP_STATUS[info.Status] ?? info.Status, api: 'Status' };
  }
  return null;
}

function dateOf(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

export function readVerdict(type: LookupType, body: unknown): Verdict | null {
  const info = generalInfoOf(type, body);
  if (!info) return null;
  const score = typeof info.ThreatScore === 'number' && Number.isFinite(info.ThreatScore) ? readScore(info.ThreatScore) : null;
  return {
    score,
    status: statusOf(type, info),
    categories: categoriesOf(info),
    firstSeen: dateOf(info.FirstSeen),
    lastSeen: dateOf(info.LastSeen),
    apt: aptOf(info),
  };
}

/** An IP answer for a reserved address (RFC 6890): TIP sends only four sections for it. */
export function isReservedIp(type: LookupType, body: unknown): boolean {
  return type === 'ip' && generalInfoOf(type, body)?.Status === 'Reserved';
}
