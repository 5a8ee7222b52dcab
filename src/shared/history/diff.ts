/**
 * What changed between two stored TIP answers for the same indicator, in analyst terms.
 *
 * Only what an analyst acts on is compared: the zone, the threat score, what the object is (an IP's
 * status and country, a file's signer), categories, APT links, detections, the members of every list
 * section (by natural key, so order, hit counts and dates never count), spam and phishing activity,
 * and WHOIS field by field. `LicenseInfo` is never read. A missing section reads as empty (a 404 →
 * Red answer is a zone change plus additions: compare answers asked with the same `sections`); a
 * section that is there but unreadable is skipped rather than guessed at. Nothing here throws.
 */

import type { LookupType } from '../tip/types';
import { describeChange } from './describe-change';
import { diffLists } from './diff-lists';
import { diffBundles, isStixBundle } from './diff-stix';
import type { AnswerDiff, AnswerFormat, AptReportRef, DiffChange, DiffOptions } from './diff-types';
import { diffWhois } from './diff-whois';
import { isRecord, keyed, keyedDifference, listAt, numberOf, recordAt, textOf, textsOf, type JsonRecord } from './read-json';

export type * from './diff-types';
export { describeChange };

const GENERAL_INFO: Record<LookupType, string> = {
  ip: 'IpGeneralInfo',
  domain: 'DomainGeneralInfo',
  url: 'UrlGeneralInfo',
  hash: 'FileGeneralInfo',
};

/** General-info fields that say what the object is, by lookup type, with their words. */
const STATUS_FIELDS: Record<LookupType, readonly [string, string][]> = {
  ip: [['Status', 'Status'], ['CountryCode', 'Country']],
  domain: [],
  url: [],
  hash: [['Signer', 'Signer'], ['SignerStatus', 'Signature status']],
};

export function formatOf(body: unknown): AnswerFormat {
  if (body === null || body === undefined) return 'empty';
  if (isStixBundle(body)) return 'stix';
  return isRecord(body) ? 'json' : 'unreadable';
}

/**
 * The type's `*GeneralInfo`, or any `*GeneralInfo` the body has when the type's is missing. (The
 * `?? ''` and `?? []` below are for a stored row whose type is not a LookupType at run time.)
 */
function generalInfo(type: LookupType, body: unknown): JsonRecord | null {
  const own = recordAt(body, GENERAL_INFO[type] ?? '');
  if (own !== null || !isRecord(body)) return own;
  const other = Object.keys(body).find((key) => key.endsWith('GeneralInfo'));
  return other === undefined ? null : recordAt(body, other);
}

function categories(general: JsonRecord | null): Map<string, string> {
  const named = listAt(general, 'CategoriesWithZone') ?? [];
  return keyed([
    ...textsOf(listAt(general, 'Categories') ?? []),
    ...named.map((item) => (isRecord(item) ? textOf(item.Name) : null)).filter((name): name is string => name !== null),
  ]);
}

function aptReports(general: JsonRecord | null): Map<string, AptReportRef> {
  const reports = new Map<string, AptReportRef>();
  for (const item of listAt(general, 'RelatedAptReports') ?? []) {
    if (!isRecord(item)) continue;
    const id = textOf(item.Id);
    const title = textOf(item.Title);
    if (id === null && title === null) continue;
    const key = id ?? `title:${title ?? ''}`;
    if (!reports.has(key)) reports.set(key, { id: id ?? '', title: title ?? '' });
  }
  return reports;
}

function aptChange(before: JsonRecord | null, after: JsonRecord | null): DiffChange | null {
  const a = aptReports(before);
  const b = aptReports(after);
  const flagBefore = before?.HasApt === true || a.size > 0;
  const flagAfter = after?.HasApt === true || b.size > 0;
  const addedReports = [...b].filter(([key]) => !a.has(key)).map(([, report]) => report);
  const removedReports = [...a].filter(([key]) => !b.has(key)).map(([, report]) => report);
  if (flagBefore === flagAfter && addedReports.length === 0 && removedReports.length === 0) return null;
  return { kind: 'apt', before: flagBefore, after: flagAfter, addedReports, removedReports };
}

function detections(body: unknown): Map<string, string> | null {
  const items = listAt(body, 'DetectionsInfo');
  return items === null ? null : keyed(items.map((item) => (isRecord(item) ? textOf(item.DetectionName) : null)).filter((n): n is string => n !== null));
}

/** Spam and phishing reports: whether given, and the words that say what kind (not the counters). */
const ACTIVITY: readonly { section: string; title: string; tags: (info: JsonRecord) => string[] }[] = [
  { section: 'IPSpamInfo', title: 'Spam attacks', tags: (info) => textsOf(info.spam_attack_types) },
  {
    section: 'IPPhishingInfo',
    title: 'Phishing attacks',
    tags: (info) => [
      ...textsOf(info.regions).map((region) => `region ${region}`),
      ...textsOf(info.phish_kit).map((kit) => `kit ${kit}`),
      ...textsOf(info.stolen_data_type).map((data) => `steals ${data}`),
      ...textsOf([info.attacked_industry, info.attacked_organization]).map((target) => `targets ${target}`),
    ],
  },
];

function activityChanges(older: unknown, newer: unknown): DiffChange[] {
  const changes: DiffChange[] = [];
  for (const { section, title, tags } of ACTIVITY) {
    const a = recordAt(older, section);
    const b = recordAt(newer, section);
    const { added, removed } = keyedDifference(keyed(a === null ? [] : tags(a)), keyed(b === null ? [] : tags(b)));
    if ((a === null) === (b === null) && added.length === 0 && removed.length === 0) continue;
    changes.push({ kind: 'activity', section, title, before: a !== null, after: b !== null, added, removed });
  }
  return changes;
}

function headlineChanges(type: LookupType, older: unknown, newer: unknown): DiffChange[] {
  const changes: DiffChange[] = [];
  const zoneBefore = isRecord(older) ? textOf(older.Zone) : null;
  const zoneAfter = isRecord(newer) ? textOf(newer.Zone) : null;
  if (zoneBefore !== zoneAfter) changes.push({ kind: 'zone', before: zoneBefore, after: zoneAfter });
  const before = generalInfo(type, older);
  const after = generalInfo(type, newer);
  const scoreBefore = numberOf(before?.ThreatScore);
  const scoreAfter = numberOf(after?.ThreatScore);
  if (scoreBefore !== scoreAfter) changes.push({ kind: 'threatScore', before: scoreBefore, after: scoreAfter });
  for (const [field, label] of STATUS_FIELDS[type] ?? []) {
    const was = textOf(before?.[field]);
    const now = textOf(after?.[field]);
    if (was !== now) changes.push({ kind: 'status', field, label, before: was, after: now });
  }
  const cats = keyedDifference(categories(before), categories(after));
  if (cats.added.length > 0 || cats.removed.length > 0) changes.push({ kind: 'categories', ...cats });
  const apt = aptChange(before, after);
  if (apt !== null) changes.push(apt);
  const detectionsBefore = detections(older);
  const detectionsAfter = detections(newer);
  if (detectionsBefore !== null && detectionsAfter !== null) {
    const found = keyedDifference(detectionsBefore, detectionsAfter);
    if (found.added.length > 0 || found.removed.length > 0) changes.push({ kind: 'detections', ...found });
  }
  return changes;
}

/**
 * The changes from `older` to `newer`, two answers of lookup `type` for the same value, as stored
 * (`LookupAnswer.body`: parsed JSON, a STIX bundle, or null for an empty 404).
 */
export function diffAnswers(type: LookupType, older: unknown, newer: unknown, options: DiffOptions = {}): AnswerDiff {
  const before = formatOf(older);
  const after = formatOf(newer);
  const asked = numberOf(options.count);
  // TIP's count is at least 1; anything else cannot have cut a list.
  const count = asked !== null && asked >= 1 ? asked : undefined;
  let changes: DiffChange[];
  if (before === 'unreadable' || after === 'unreadable' || (before !== after && before !== 'empty' && after !== 'empty')) {
    // Mixed formats (or an unreadable body): a field-by-field diff would only invent changes.
    changes = before === after && JSON.stringify(older) === JSON.stringify(newer) ? [] : [{ kind: 'format', before, after }];
  } else if (before === 'stix' || after === 'stix') {
    changes = diffBundles(older, newer);
  } else {
    changes = [...headlineChanges(type, older, newer), ...diffLists(older, newer, count), ...activityChanges(older, newer), ...diffWhois(older, newer)];
  }
  return { changes, same: changes.length === 0 };
}
