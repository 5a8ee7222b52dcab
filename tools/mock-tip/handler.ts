/**
 * One request, start to finish: log → global latency → auth → route → faults → parameters →
 * object → quota → answer. Bodies: 401 is an HTML page (clients must not assume JSON); every other
 * error is JSON `{"error": "...", "code": "..."}`; quota exhaustion is 403
 * `{"error":"Request quota exceeded","code":"QuotaExceeded"}`.
 */

import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { LOOKUP_TYPES, type LookupType } from '../../src/shared/tip/types';
import { seconds, type JsonObject } from './answers-common';
import { encodeBody, negotiateEncoding, spoilEncoded } from './encoding';
import { type FaultRule, type FaultSet, MALFORMED_BODY, writeGzipBomb, writeHugeBody } from './faults';
import { DEFAULT_COUNT, fullAnswer, parseObject, shapeAnswer } from './lookup';
import { STIX_CONTENT_TYPE, stixBundle } from './stix';
import type { World } from './world';

export type Listener = 'certificate' | 'token';
export type AuthKind = 'basic' | 'bearer' | 'none' | 'other';

export interface RequestRecord {
  method: string;
  path: string;
  /** Which listener took it: mutual TLS + Basic, or token. */
  listener: Listener;
  auth: AuthKind;
  /** Epoch ms when it arrived. */
  at: number;
  /** Final status; 0 while unanswered (hang, reset). */
  status: number;
  /** The Content-Encoding the answer was sent with (`identity` when none). */
  encoding: string;
}

/** The mutable state the handler shares with the `MockTip` object. */
export interface HandlerState {
  world: World;
  user: string;
  password: string;
  token: string;
  tokenExpiresAt: Date;
  accessType: string;
  dayQuota: number;
  dayRequests: number;
  day: string;
  latencyMs: number;
  faults: FaultSet;
  /** Compress answers the client accepts compressed (br or gzip) from this size on; false: never. */
  compression: false | { minBytes: number };
  requests: RequestRecord[];
  requestCount: number;
  /** Pending timers, cleared on stop so a hang or latency never outlives the mock. */
  timers: Set<NodeJS.Timeout>;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const UNAUTHORIZED_PAGE = `<!DOCTYPE html>
<html><head><title>401 Authorization Required</title></head>
<body><h1>401 Authorization Required</h1><p>This server could not verify that you are authorized to access the document requested.</p>
<hr><address>TIP Workbench mock</address></body></html>
`;
const MAX_COUNT = 100_000;
const BODY_CACHE_LIMIT = 2_000;
const bodyCache = new WeakMap<World, Map<string, string>>();

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function authKindOf(header: string | undefined): AuthKind {
  if (header === undefined || header === '') return 'none';
  if (/^basic /i.test(header)) return 'basic';
  if (/^bearer /i.test(header)) return 'bearer';
  return 'other';
}

function authorised(state: HandlerState, listener: Listener, req: IncomingMessage): boolean {
  const header = req.headers.authorization ?? '';
  if (listener === 'certificate') {
    // The TLS layer already refused missing or foreign certificates; this is belt and braces.
    if (!(req.socket as TLSSocket).authorized) return false;
    const match = /^basic\s+(.+)$/i.exec(header);
    return match !== null && sameSecret(Buffer.from(match[1] ?? '', 'base64').toString('utf8'), `${state.user}:${state.password}`);
  }
  const match = /^bearer\s+(.+)$/i.exec(header);
  return match !== null && sameSecret((match[1] ?? '').trim(), state.token) && state.tokenExpiresAt.getTime() > Date.now();
}

function send(res: ServerResponse, status: number, body: string, contentType = JSON_TYPE, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function sendError(res: ServerResponse, status: number, error: string, code: string, headers: Record<string, string> = {}): void {
  send(res, status, JSON.stringify({ error, code }), JSON_TYPE, headers);
}

function delay(state: HandlerState, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      state.timers.delete(timer);
      resolve();
    }, ms);
    state.timers.add(timer);
  });
}

interface Route {
  type: LookupType;
  raw: string;
}

function parseRoute(pathname: string): Route | null {
  const match = /^\/api\/([^/]+)\/([^/]+)$/.exec(pathname);
  if (match === null) return null;
  const type = match[1] as LookupType;
  if (!LOOKUP_TYPES.includes(type)) return null;
  try {
    return { type, raw: decodeURIComponent(match[2] ?? '') };
  } catch {
    return { type, raw: '\u0000' };
  }
}

interface Params {
  count: number;
  sections: string[] | undefined;
  format: 'json' | 'stix';
}

function parseParams(query: URLSearchParams): Params | string {
  const countText = query.get('count');
  let count = DEFAULT_COUNT;
  if (countText !== null && countText !== '') {
    if (!/^\d+$/.test(countText) || Number(countText) < 1 || Number(countText) > MAX_COUNT) return `count must be an integer from 1 to ${MAX_COUNT}`;
    count = Number(countText);
  }
  const sectionsText = query.get('sections');
  const sections = sectionsText === null ? [] : sectionsText.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const format = (query.get('format') ?? 'json').toLowerCase();
  if (format !== 'json' && format !== 'stix') return 'format must be json or stix';
  return { count, sections: sections.length > 0 ? sections : undefined, format };
}

function rollDay(state: HandlerState): void {
  const today = new Date().toISOString().slice(0, 10);
  if (today !== state.day) {
    state.day = today;
    state.dayRequests = 0;
  }
}

function cachedBody(world: World, key: string, make: () => string): string {
  let cache = bodyCache.get(world);
  if (cache === undefined) {
    cache = new Map();
    bodyCache.set(world, cache);
  }
  let body = cache.get(key);
  if (body === undefined) {
    body = make();
    if (cache.size >= BODY_CACHE_LIMIT) cache.clear();
    cache.set(key, body);
  }
  return body;
}

function answerBody(state: HandlerState, listener: Listener, type: LookupType, value: string, params: Params, requested: string): { body: string; contentType: string } {
  const full = fullAnswer(state.world, type, value);
  if (params.format === 'stix') {
    // A URL's scheme is not part of `value` (TIP lists URLs without one) but the bundle keeps it.
    const scheme = type === 'url' ? (/^[a-z][a-z0-9+.-]*:\/\//i.exec(requested.trim())?.[0].toLowerCase() ?? '') : '';
    const body = cachedBody(state.world, `stix\u0000${type}\u0000${scheme}${value}`, () =>
      JSON.stringify(stixBundle(type, value, shapeAnswer(full, undefined, DEFAULT_COUNT), { world: state.world, requested })));
    return { body, contentType: STIX_CONTENT_TYPE };
  }
  const rest = cachedBody(state.world, `${type}\u0000${value}\u0000${params.count}\u0000${params.sections?.join(',') ?? '*'}`, () => JSON.stringify(shapeAnswer(full, params.sections, params.count)));
  if (params.sections !== undefined && !params.sections.includes('LicenseInfo')) return { body: rest, contentType: JSON_TYPE };
  const license: JsonObject = {
    AccessType: state.accessType,
    DayRequests: state.dayRequests,
    DayQuota: state.dayQuota,
    TokenExpirationDate: listener === 'token' ? seconds(state.tokenExpiresAt.getTime()) : null,
  };
  // LicenseInfo changes every request; the rest is cached, so splice rather than re-serialise.
  const body = `{"LicenseInfo":${JSON.stringify(license)}${rest === '{}' ? '}' : `,${rest.slice(1)}`}`;
  return { body, contentType: JSON_TYPE };
}

/** Applies a fault. Returns true when the fault answered (or will never answer). */
async function applyFault(state: HandlerState, res: ServerResponse, fault: FaultRule, record: RequestRecord): Promise<boolean> {
  if (fault.latencyMs !== undefined && fault.latencyMs > 0) await delay(state, fault.latencyMs);
  if (fault.hang === true) return true;
  if (fault.reset === true) {
    res.socket?.destroy();
    return true;
  }
  if (fault.gzipBomb !== undefined) {
    record.encoding = 'gzip';
    writeGzipBomb(res, fault.gzipBomb);
    return true;
  }
  if (fault.hugeBodyBytes !== undefined) {
    writeHugeBody(res, fault.hugeBodyBytes);
    return true;
  }
  if (fault.malformed === true) {
    send(res, 200, MALFORMED_BODY);
    return true;
  }
  if (fault.emptyBody === true) {
    res.writeHead(fault.status ?? 200, { 'Content-Length': 0 });
    res.end();
    return true;
  }
  if (fault.status !== undefined) {
    const headers: Record<string, string> = {};
    if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
    const body = fault.body ?? JSON.stringify({ error: `Injected status ${fault.status}`, code: 'InjectedFault' });
    send(res, fault.status, body, fault.contentType ?? (fault.body === undefined ? JSON_TYPE : 'text/plain; charset=utf-8'), headers);
    return true;
  }
  return false;
}

function sendTruncated(res: ServerResponse, body: string, contentType: string): void {
  const bytes = Buffer.from(body);
  res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': bytes.length });
  res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.end());
}

/**
 * A real answer, compressed as the client accepts (br, else gzip) when it is big enough and
 * compression is on; a fault's `encoding` forces one (an unknown name labels the plain body with it)
 * and `corruptEncoding` damages the compressed bytes.
 */
function sendAnswer(state: HandlerState, req: IncomingMessage, res: ServerResponse, record: RequestRecord, body: string, contentType: string, fault: FaultRule | null): void {
  const plain = Buffer.from(body);
  const forced = fault?.encoding ?? (fault?.corruptEncoding === true ? 'gzip' : undefined);
  const encoding = forced ?? (state.compression === false ? 'identity' : negotiateEncoding(req.headers['accept-encoding'], plain.length, state.compression.minBytes));
  let bytes = encodeBody(plain, encoding);
  if (fault?.corruptEncoding === true) bytes = spoilEncoded(bytes);
  record.encoding = encoding;
  const headers: Record<string, string | number> = { 'Content-Type': contentType, 'Content-Length': bytes.length, Vary: 'Accept-Encoding' };
  if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
  res.writeHead(200, headers);
  res.end(bytes);
}

export async function handleRequest(state: HandlerState, listener: Listener, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const record: RequestRecord = { method: req.method ?? 'GET', path: req.url ?? '/', listener, auth: authKindOf(req.headers.authorization), at: Date.now(), status: 0, encoding: 'identity' };
  state.requests.push(record);
  state.requestCount += 1;
  res.on('finish', () => {
    record.status = res.statusCode;
  });
  if (state.latencyMs > 0) await delay(state, state.latencyMs);

  if (!authorised(state, listener, req)) {
    const challenge = listener === 'certificate' ? 'Basic realm="Kaspersky TIP"' : 'Bearer realm="Kaspersky TIP"';
    send(res, 401, UNAUTHORIZED_PAGE, 'text/html; charset=utf-8', { 'WWW-Authenticate': challenge });
    return;
  }
  const url = new URL(req.url ?? '/', 'https://mock.invalid');
  const route = parseRoute(url.pathname);
  const parsed = route === null ? null : parseObject(route.type, route.raw);
  const fault = state.faults.take(route?.type ?? null, route?.raw ?? null, parsed?.ok === true ? parsed.value : null);
  if (fault !== null && (await applyFault(state, res, fault, record))) return;

  if (route === null || parsed === null) {
    sendError(res, 404, 'Not found', 'NotFound');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendError(res, 405, 'Method not allowed', 'MethodNotAllowed', { Allow: 'GET, HEAD' });
    return;
  }
  const params = parseParams(url.searchParams);
  if (typeof params === 'string') {
    sendError(res, 400, params, 'BadRequest');
    return;
  }
  if (!parsed.ok) {
    sendError(res, parsed.status, parsed.message, parsed.status === 414 ? 'UriTooLong' : 'BadRequest');
    return;
  }
  rollDay(state);
  if (state.dayRequests >= state.dayQuota) {
    sendError(res, 403, 'Request quota exceeded', 'QuotaExceeded');
    return;
  }
  state.dayRequests += 1;
  const { body, contentType } = answerBody(state, listener, parsed.type, parsed.value, params, route.raw);
  if (fault?.truncate === true) sendTruncated(res, body, contentType);
  else sendAnswer(state, req, res, record, body, contentType, fault);
}
