/** One plain English line per change, for the history view and for exported notes. */

import type { AnswerFormat, DiffChange, ListChange, WhoisFieldChange } from './diff-types';

/** Items named in a line before it ends with '…'. */
const SHOWN = 3;
/** WHOIS fields spelled out in one line before 'and N more'. */
const WHOIS_SHOWN = 4;

const FORMAT_WORDS: Record<AnswerFormat, string> = {
  json: 'a JSON answer',
  stix: 'a STIX bundle',
  empty: 'no answer body',
  unreadable: 'an unreadable body',
};

function counted(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function sample(items: readonly string[]): string {
  const shown = items.slice(0, SHOWN).join(', ');
  return items.length > SHOWN ? `${shown}, …` : shown;
}

function moved(before: string | null, after: string | null): string {
  return `${before ?? 'none'} → ${after ?? 'none'}`;
}

/** "2 DNS resolutions added (a.example, b.example), 1 removed (c.example), 1 rezoned (d.example: Orange → Red)" */
function describeList(change: ListChange): string {
  const parts: string[] = [];
  const { added, removed, rezoned } = change;
  if (added.length > 0) parts.push(`${counted(added.length, change.noun, change.nounPlural)} added (${sample(added)})`);
  const lead = parts.length === 0;
  if (removed.length > 0) {
    parts.push(`${lead ? counted(removed.length, change.noun, change.nounPlural) : removed.length} removed (${sample(removed)})`);
  }
  if (rezoned.length > 0) {
    const first = parts.length === 0;
    const what = rezoned.map((item) => `${item.key}: ${moved(item.before, item.after)}`);
    parts.push(`${first ? counted(rezoned.length, change.noun, change.nounPlural) : rezoned.length} changed zone (${sample(what)})`);
  }
  const line = parts.join(', ');
  return change.truncated === true ? `${line} — both lists are at the count limit, so some of this may only be the cut moving` : line;
}

function describeField(field: WhoisFieldChange): string {
  if (field.before === '') return `${field.field} set: ${field.after}`;
  if (field.after === '') return `${field.field} removed (was ${field.before})`;
  return `${field.field} changed: ${field.before} → ${field.after}`;
}

function describeWhois(change: Extract<DiffChange, { kind: 'whois' }>): string {
  const { fields, title } = change;
  if (change.presence === 'added') return `${title} record appeared (${fields.slice(0, WHOIS_SHOWN).map((f) => `${f.field} ${f.after}`).join('; ')}${fields.length > WHOIS_SHOWN ? '; …' : ''})`;
  if (change.presence === 'removed') return `${title} record no longer given`;
  const first = fields[0];
  if (fields.length === 1 && first !== undefined) return change.section === 'DomainWhoIsInfo' ? describeField(first) : `${title}: ${describeField(first)}`;
  const shown = fields.slice(0, WHOIS_SHOWN).map(describeField).join('; ');
  const more = fields.length > WHOIS_SHOWN ? `; and ${fields.length - WHOIS_SHOWN} more` : '';
  return `${title}: ${fields.length} fields changed — ${shown}${more}`;
}

/** "Categories added: A, B; removed: C", "Detection removed: X". */
function addedRemoved(one: string, many: string, added: readonly string[], removed: readonly string[]): string {
  const noun = (n: number): string => (n === 1 ? one : many);
  if (added.length > 0 && removed.length > 0) return `${noun(added.length)} added: ${added.join(', ')}; removed: ${removed.join(', ')}`;
  if (added.length > 0) return `${noun(added.length)} added: ${added.join(', ')}`;
  return `${noun(removed.length)} removed: ${removed.join(', ')}`;
}

function describeActivity(change: Extract<DiffChange, { kind: 'activity' }>): string {
  if (!change.before) return `${change.title} now reported${change.added.length > 0 ? ` (${change.added.join(', ')})` : ''}`;
  if (!change.after) return `${change.title} no longer reported`;
  const parts = [
    ...(change.added.length > 0 ? [`now ${change.added.join(', ')}`] : []),
    ...(change.removed.length > 0 ? [`no longer ${change.removed.join(', ')}`] : []),
  ];
  return `${change.title}: ${parts.join('; ')}`;
}

export function describeChange(change: DiffChange): string {
  switch (change.kind) {
    case 'format':
      return `Not comparable: ${FORMAT_WORDS[change.before]} then ${FORMAT_WORDS[change.after]}`;
    case 'zone':
      if (change.before === null) return `Zone is now ${change.after ?? 'none'} (none before)`;
      if (change.after === null) return `Zone no longer given (was ${change.before})`;
      return `Zone changed from ${change.before} to ${change.after}`;
    case 'threatScore':
      if (change.before === null) return `Threat score is now ${change.after ?? 'none'} (none before)`;
      if (change.after === null) return `Threat score no longer given (was ${change.before})`;
      return `Threat score ${change.before} → ${change.after}`;
    case 'status':
      return `${change.label} changed from ${change.before ?? 'none'} to ${change.after ?? 'none'}`;
    case 'categories':
      return addedRemoved('Category', 'Categories', change.added, change.removed);
    case 'apt': {
      const titles = (reports: readonly { id: string; title: string }[]): string => reports.map((r) => r.title || r.id).join('; ');
      if (!change.before && change.after) return `Now linked to ${counted(change.addedReports.length, 'APT report', 'APT reports')}: ${titles(change.addedReports)}`;
      if (change.before && !change.after) return `No longer linked to APT reports (was: ${titles(change.removedReports)})`;
      return addedRemoved('APT report', 'APT reports', change.addedReports.map((r) => r.title || r.id), change.removedReports.map((r) => r.title || r.id));
    }
    case 'detections':
      return addedRemoved('Detection', 'Detections', change.added, change.removed);
    case 'list':
      return describeList(change);
    case 'activity':
      return describeActivity(change);
    case 'whois':
      return describeWhois(change);
  }
}
