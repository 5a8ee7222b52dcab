/**
 * Validates a lookup request and builds its path:
 * `/api/<type>/<percent-encoded object>?count=<n>&sections=<A,B>&format=<json|stix>`,
 * leaving out every parameter that was not given. Nothing is sent unless this succeeds.
 */
import { encodeUrlObject, validateLookupValue } from '../../shared/indicators/validate';
import { fail, ok, type Result } from '../../shared/ipc/result';
import {
  LOOKUP_FORMATS,
  LOOKUP_TYPES,
  SECTIONS,
  type LookupFormat,
  type LookupRequest,
  type LookupType,
} from '../../shared/tip/types';

export const MAX_COUNT = 1000;

export interface BuiltRequest {
  type: LookupType;
  /** The normalised value that is sent. */
  value: string;
  format: LookupFormat;
  path: string;
}

/** `prefix`: the base URL's own path without a trailing slash ('' for none). */
export function buildLookupPath(request: LookupRequest, prefix = ''): Result<BuiltRequest> {
  // Callers outside TypeScript (plain Node, IPC) may send anything: check the shape too.
  const { type, value, count, sections, format } = request as Partial<Record<keyof LookupRequest, unknown>>;
  if (!isOneOf(type, LOOKUP_TYPES)) {
    return fail('INVALID_INPUT', `‘${String(type)}’ is not a lookup type; use ip, domain, url or hash.`);
  }
  if (typeof value !== 'string') return fail('INVALID_INPUT', 'The value to look up must be text.');
  const validated = validateLookupValue(type, value);
  if (!validated.ok) return validated;

  const params: string[] = [];
  if (count !== undefined) {
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_COUNT) {
      return fail('INVALID_INPUT', `count must be a whole number from 1 to ${MAX_COUNT}, not ${String(count)}.`);
    }
    params.push(`count=${count}`);
  }
  if (sections !== undefined) {
    const checked = checkSections(type, sections);
    if (!checked.ok) return checked;
    if (checked.value.length > 0) params.push(`sections=${checked.value.join(',')}`);
  }
  let chosenFormat: LookupFormat = 'json';
  if (format !== undefined) {
    if (!isOneOf(format, LOOKUP_FORMATS)) {
      return fail('INVALID_INPUT', `format must be json or stix, not ‘${String(format)}’.`);
    }
    chosenFormat = format;
    params.push(`format=${format}`);
  }

  const query = params.length > 0 ? `?${params.join('&')}` : '';
  return ok({
    type,
    value: validated.value,
    format: chosenFormat,
    path: `${prefix}/api/${type}/${encodeUrlObject(validated.value)}${query}`,
  });
}

function checkSections(type: LookupType, sections: unknown): Result<string[]> {
  if (!Array.isArray(sections)) return fail('INVALID_INPUT', 'sections must be a list of section names.');
  const known = SECTIONS[type];
  const unique: string[] = [];
  for (const section of sections as unknown[]) {
    if (typeof section !== 'string' || !known.includes(section)) {
      return fail(
        'INVALID_INPUT',
        `‘${String(section)}’ is not a section of ${type} lookups; known sections: ${known.join(', ')}.`,
      );
    }
    if (!unique.includes(section)) unique.push(section);
  }
  return ok(unique);
}

function isOneOf<T extends string>(value: unknown, options: readonly T[]): value is T {
  return typeof value === 'string' && (options as readonly string[]).includes(value);
}
