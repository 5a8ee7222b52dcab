/**
 * HTTP answer → lookup answer or error value (REFERENCE.md, "Errors"). Error bodies may be JSON,
 * HTML or empty: they are only searched for the word "quota", never parsed as JSON, never quoted.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { WorkbenchError } from '../../shared/ipc/result';
import type { LicenseInfo, LookupAnswer, LookupFormat } from '../../shared/tip/types';
import { parseRetryAfter, type Attempt } from './retry';
import type { TipAuth } from './types';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type Answer = Omit<LookupAnswer, 'durationMs'>;

export interface ResponseContext {
  format: LookupFormat;
  authKind: TipAuth['kind'];
  nowMs: number;
}

export function interpretResponse(raw: RawResponse, context: ResponseContext): Attempt<Answer> {
  const { status } = raw;
  if (status === 200) return parseAnswer(raw.body, context.format);
  if (status === 404) {
    // "Not known" is a result. Its body may be a JSON answer, empty, or a proxy's HTML page.
    const parsed = parseJsonObject(raw.body);
    return { ok: true, value: answerOf(404, parsed.ok ? parsed.value : null, context.format) };
  }

  const error = errorForStatus(status, raw.body, context.authKind);
  const transient = status === 429 || status === 408 || status >= 500;
  if (!transient) return { ok: false, error, retry: false };
  const retryAfterMs = parseRetryAfter(raw.headers['retry-after'], context.nowMs);
  return retryAfterMs === undefined
    ? { ok: false, error, retry: true }
    : { ok: false, error, retry: true, retryAfterMs };
}

function errorForStatus(status: number, body: Buffer, authKind: TipAuth['kind']): WorkbenchError {
  const e = (code: WorkbenchError['code'], message: string, retryable = false): WorkbenchError => ({
    code,
    message,
    retryable,
  });
  switch (status) {
    case 400:
      return e('INVALID_INPUT', 'TIP refused the request as invalid (HTTP 400): check the value and the chosen sections.');
    case 401:
      // TIP also answers 401 until the account has accepted the portal's terms once, in a browser
      // (REFERENCE.md, "Authentication"): say so, or an analyst with good credentials is stuck.
      return authKind === 'token'
        ? e('UNAUTHORIZED', "TIP refused the API token (HTTP 401): it is wrong or has expired. If it is new, sign in once in a browser at tip.kaspersky.com and accept the portal's terms of use: until then TIP refuses every request.")
        : e('UNAUTHORIZED', "TIP refused the user name or password (HTTP 401): check them. If this account is new, sign in once in a browser at tip.kaspersky.com and accept the portal's terms of use: until then TIP refuses every request.");
    case 402:
      return e('LICENSE_EXPIRED', 'The TIP license has expired (HTTP 402): lookups stop until it is renewed.');
    case 403:
      return mentionsQuota(body)
        ? e('QUOTA_EXCEEDED', "Today's TIP lookup quota is used up (HTTP 403): lookups work again when it resets, or ask for a larger quota.")
        : e('FORBIDDEN', 'This TIP account has no access to the Threat Lookup API (HTTP 403).');
    case 408:
      return e('TIMEOUT', 'TIP gave up waiting for the request (HTTP 408).', true);
    case 414:
      return e('URL_TOO_LONG', 'TIP refused the request as too long (HTTP 414): web addresses may have at most 2000 characters.');
    case 429:
      return e('RATE_LIMITED', 'TIP is limiting how fast lookups are made (HTTP 429).', true);
    case 451:
      return e('LEGAL_BLOCK', 'TIP withholds this object for legal reasons (HTTP 451): it cannot be shown, and asking again will not change that.');
    default:
      break;
  }
  if (status >= 500) {
    return e('SERVER_ERROR', `TIP had a server error (HTTP ${status}); try again later.`, true);
  }
  if (status >= 300 && status < 400) {
    return e('BAD_RESPONSE', `TIP answered with a redirect (HTTP ${status}), which lookups never need: check the TIP address in Settings.`);
  }
  if (status >= 400) {
    return e('INVALID_INPUT', `TIP refused the request (HTTP ${status}).`);
  }
  return e('BAD_RESPONSE', `TIP answered with an unexpected status (HTTP ${status}).`);
}

const QUOTA_SNIFF_BYTES = 64 * 1024;

/** OpenTIP-style services also answer 403 when the daily quota is spent; tolerant detection. */
function mentionsQuota(body: Buffer): boolean {
  return /quota/i.test(body.subarray(0, QUOTA_SNIFF_BYTES).toString('utf8'));
}

function parseAnswer(body: Buffer, format: LookupFormat): Attempt<Answer> {
  if (body.length === 0) {
    return { ok: false, error: badResponse('TIP sent an empty answer (HTTP 200).'), retry: false };
  }
  const parsed = parseJsonObject(body);
  if (!parsed.ok) return { ok: false, error: badResponse(parsed.reason), retry: false };
  return { ok: true, value: answerOf(200, parsed.value, format) };
}

function answerOf(status: number, body: Record<string, unknown> | null, format: LookupFormat): Answer {
  const answer: Answer = { status, body };
  if (format === 'stix' || body === null) return answer;
  const license = body['LicenseInfo'];
  if (isPlainObject(license)) answer.license = license as LicenseInfo;
  const zone = body['Zone'];
  if (typeof zone === 'string') answer.zone = zone;
  return answer;
}

type JsonObject = { ok: true; value: Record<string, unknown> } | { ok: false; reason: string };

function parseJsonObject(body: Buffer): JsonObject {
  let value: unknown;
  try {
    const text = body.toString('utf8');
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    const size = formatBytes(body.length);
    return { ok: false, reason: `TIP's answer (${size}) is not valid JSON: it may have been cut off or damaged.` };
  }
  if (!isPlainObject(value)) {
    const size = formatBytes(body.length);
    return { ok: false, reason: `TIP's answer (${size}) is JSON but not an object, so it is not a lookup answer.` };
  }
  return { ok: true, value };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function badResponse(message: string): WorkbenchError {
  return { code: 'BAD_RESPONSE', message, retryable: false };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
