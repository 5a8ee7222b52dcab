/**
 * Which fields of a TIP answer hold an indicator the workbench can look up, and as what type: the
 * basis of the pivot buttons and of defanged copying. By field name (REFERENCE.md), then checked
 * with the same validation a lookup uses, so a pivot is only offered where it can succeed.
 */
import { defang } from '@shared/indicators/defang';
import { validateLookupValue } from '@shared/indicators/validate';
import type { LookupType } from '@shared/tip/types';

const FIELD_TYPES: Readonly<Record<string, LookupType>> = {
  Ip: 'ip',
  Domain: 'domain',
  Host: 'domain',
  Subdomain: 'domain',
  DomainName: 'domain',
  Url: 'url',
  Md5: 'hash',
  Sha1: 'hash',
  Sha256: 'hash',
};

// A "Domain" or "Host" of a URL whose host is an address (`203.0.113.45/dl/x`) is an IP.
const IP_LIKE = /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[?[0-9a-f:]*:[0-9a-f:.]*\]?)$/i;

/** The field's indicator type when it names one; no check of the value. */
export function fieldIndicatorType(field: string, value: unknown): LookupType | null {
  const type = FIELD_TYPES[field];
  if (!type || typeof value !== 'string') return null;
  return type === 'domain' && IP_LIKE.test(value) ? 'ip' : type;
}

/** The lookup a cell offers: a type and a value that would pass validation, or null. */
export function pivotOf(field: string, value: unknown): { type: LookupType; value: string } | null {
  const type = fieldIndicatorType(field, value);
  if (!type || typeof value !== 'string' || value.trim() === '') return null;
  return validateLookupValue(type, value).ok ? { type, value } : null;
}

/** A value as copied: indicators defanged unless the analyst asked for them live. */
export function copyValue(field: string, value: string, refanged: boolean): string {
  const type = fieldIndicatorType(field, value);
  return type && !refanged ? defang(value, type) : value;
}
