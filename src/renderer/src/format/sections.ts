import type { LookupRequest } from '@shared/tip/types';
import { SECTIONS } from '@shared/tip/types';
import { MAX_COUNT } from '@shared/settings';
import { sectionTitle } from './section-titles';
import { isPlainObject } from './values';

export interface SectionView {
  /** The API name, as TIP spells it. */
  name: string;
  /** The plain title shown above it (section-titles.ts). */
  title: string;
  value: unknown;
  kind: 'list' | 'record' | 'scalar';
  /** Records in a list section. */
  records?: number;
  /** Set when a list holds exactly `count` records: TIP may have cut it there. */
  truncatedAt?: number;
}

export interface AnswerLayout {
  /** Small sections shown as facts above the rest. */
  summary: SectionView[];
  sections: SectionView[];
}

const SUMMARY = ['Zone', 'RelatedObjects', 'Industries'];
/** TIP never applies `count` to these (REFERENCE.md). */
const NEVER_TRUNCATED = new Set(['DetectionsInfo', 'FileParentCertificates']);

function describe(name: string, title: string, value: unknown, limit: number | null): SectionView {
  if (Array.isArray(value)) {
    const view: SectionView = { name, title, value, kind: 'list', records: value.length };
    if (limit !== null && value.length > 0 && value.length >= limit && !NEVER_TRUNCATED.has(name)) {
      view.truncatedAt = limit;
    }
    return view;
  }
  return { name, title, value, kind: isPlainObject(value) ? 'record' : 'scalar' };
}

/**
 * Every top-level key of the answer becomes a section, none dropped: the type's known sections in
 * REFERENCE.md order, then any key TIP added that we don't know yet, then LicenseInfo.
 * Null when the body is not a JSON object (empty 404, or something unexpected).
 */
export function layoutAnswer(request: LookupRequest, body: unknown): AnswerLayout | null {
  if (!isPlainObject(body)) return null;
  // With format=stix TIP ignores count; otherwise an omitted count means TIP's default, up to 1000.
  const limit = request.format === 'stix' ? null : (request.count ?? MAX_COUNT);
  const known = SECTIONS[request.type] ?? [];
  const present = Object.keys(body);
  const ordered = [
    ...known.filter((name) => present.includes(name) && name !== 'LicenseInfo'),
    ...present.filter((name) => !known.includes(name) && name !== 'LicenseInfo'),
    ...(present.includes('LicenseInfo') ? ['LicenseInfo'] : []),
  ];
  const layout: AnswerLayout = { summary: [], sections: [] };
  for (const name of ordered) {
    const view = describe(name, sectionTitle(request.type, name), body[name], limit);
    (SUMMARY.includes(name) ? layout.summary : layout.sections).push(view);
  }
  layout.summary.sort((a, b) => SUMMARY.indexOf(a.name) - SUMMARY.indexOf(b.name));
  return layout;
}
