/**
 * From what was typed or piped to the list of lookups to send: the app's own rules (the extractor
 * decides what a text is; text it finds nothing in is sent as the kind it most looks like, so
 * validation says what is wrong with it), the app's default sections and count, and one row per
 * (type, value). A malformed indicator becomes a failed row here; nothing is sent for it.
 */
import type { LookupParams } from '../../shared/case-file/types';
import { extractIndicators, type Indicator } from '../../shared/indicators';
import { refangText } from '../../shared/indicators/defang';
import { guessType } from '../../shared/indicators/guess-type';
import { validateLookupValue } from '../../shared/indicators/validate';
import type { WorkbenchError } from '../../shared/ipc/result';
import type { Settings } from '../../shared/settings';
import { LOOKUP_TYPES, SECTIONS, type LookupFormat, type LookupRequest, type LookupType } from '../../shared/tip/types';
import { usageError } from '../errors';
import { shortPrintable } from '../text';

export interface LookupChoices {
  /** Forces the type of arguments; filters what standard input yields. */
  type?: LookupType;
  /** As given with --sections; checked against each row's type. */
  sections?: string[];
  count?: number;
  format: LookupFormat;
}

export interface PlannedLookup {
  type: LookupType;
  value: string;
  request: LookupRequest;
  params: LookupParams;
}

export interface RefusedLookup {
  type: LookupType;
  value: string;
  error: WorkbenchError;
}

export interface LookupPlan {
  send: PlannedLookup[];
  refused: RefusedLookup[];
}

/** --sections: names from TIP's lists; one no lookup type has is a usage error. */
export function parseSections(text: string): string[] {
  const names = [...new Set(text.split(',').map((name) => name.trim()).filter((name) => name !== ''))];
  if (names.length === 0) throw usageError('--sections needs at least one section name, e.g. --sections Zone,IpGeneralInfo.');
  const unknown = names.filter((name) => !LOOKUP_TYPES.some((type) => SECTIONS[type].includes(name)));
  if (unknown.length > 0) {
    throw usageError(`unknown section${unknown.length > 1 ? 's' : ''} ${unknown.map((name) => shortPrintable(name)).join(', ')}; see tipwb lookup --help for the list.`);
  }
  return names;
}

/** Arguments: each is one indicator (defanged forms accepted). */
export function indicatorsFromArguments(args: readonly string[], forced: LookupType | undefined): { type: LookupType; value: string }[] {
  return args.map((arg) => {
    const found = extractIndicators(arg)[0];
    const value = found?.value ?? refangText(arg.trim());
    return { type: forced ?? found?.type ?? guessType(arg), value };
  });
}

/** Standard input: every indicator in the text (a pasted report), of the forced type only if one is given. */
export function indicatorsFromText(text: string, forced: LookupType | undefined): Indicator[] {
  const found = extractIndicators(text);
  return forced === undefined ? found : found.filter((indicator) => indicator.type === forced);
}

export function planLookups(
  candidates: readonly { type: LookupType; value: string }[],
  choices: LookupChoices,
  settings: Settings,
): LookupPlan {
  const send: PlannedLookup[] = [];
  const refused: RefusedLookup[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    const checked = validateLookupValue(candidate.type, candidate.value);
    if (!checked.ok) {
      refused.push({ type: candidate.type, value: candidate.value, error: checked.error });
      continue;
    }
    const value = checked.value;
    const key = `${candidate.type}\n${value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const built = requestFor(candidate.type, value, choices, settings);
    if ('error' in built) refused.push({ type: candidate.type, value, error: built.error });
    else send.push({ type: candidate.type, value, ...built });
  }
  return { send, refused };
}

function requestFor(
  type: LookupType,
  value: string,
  choices: LookupChoices,
  settings: Settings,
): { request: LookupRequest; params: LookupParams } | { error: WorkbenchError } {
  // STIX answers ignore count and sections (REFERENCE.md), so none are sent — as in the app.
  if (choices.format === 'stix') return { request: { type, value, format: 'stix' }, params: { format: 'stix' } };
  const count = choices.count ?? settings.defaultCount;
  let sections: string[];
  if (choices.sections !== undefined) {
    sections = choices.sections.filter((name) => SECTIONS[type].includes(name));
    if (sections.length === 0) {
      return {
        error: {
          code: 'INVALID_INPUT',
          message: `none of the sections asked for (${choices.sections.join(', ')}) exists for ${type} lookups; nothing was sent.`,
          retryable: false,
        },
      };
    }
  } else {
    sections = [...settings.defaultSections[type]];
  }
  // The quota meter: LicenseInfo rides along with any choice of sections (it costs nothing more),
  // so the run can stop when an answer says today's quota is spent. No sections = all, it included.
  if (sections.length > 0 && !sections.includes('LicenseInfo')) sections.push('LicenseInfo');
  const request: LookupRequest = { type, value, format: 'json', count, ...(sections.length > 0 ? { sections } : {}) };
  const params: LookupParams = { format: 'json', count, ...(sections.length > 0 ? { sections } : {}) };
  return { request, params };
}
