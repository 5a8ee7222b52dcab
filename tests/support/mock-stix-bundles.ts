/**
 * The demo TIP service's STIX answers (`?format=stix`), fetched over its real listeners, for the
 * tests that check them: tests/integration/mock-tip.test.ts (the rules, always) and
 * tests/integration/mock-tip-stix-oasis.test.ts (the OASIS validator, where one is installed).
 * Also the small HTTPS client both use to ask the mock.
 */
import https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { expect } from 'vitest';
import type { LookupType } from '../../src/shared/tip/types';
import type { MockTip } from '../../tools/mock-tip/index';
import { DEMO_INDICATORS, SHOWCASE } from '../../tools/mock-tip/world';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** One answer in `?format=stix`. */
export type StixAnswer = { type: string; id: string; objects: (Record<string, unknown> & { type: string; id: string })[] };

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export function apiPath(type: LookupType, value: string, query = ''): string {
  return `/api/${type}/${encodeURIComponent(value)}${query}`;
}

/** One HTTPS request; rejects when the body is cut short, or after `timeoutMs` without an answer. */
export function request(base: string, pathAndQuery: string, options: https.RequestOptions = {}, timeoutMs?: number): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = https.request(new URL(pathAndQuery, base), options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('aborted', () => reject(new Error('aborted')));
      res.on('end', () => {
        if (!res.complete) reject(new Error('aborted: incomplete body'));
        else resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    if (timeoutMs !== undefined) req.setTimeout(timeoutMs, () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    req.end();
  });
}

/** A lookup on the mock's certificate listener: mutual TLS (the agent's client certificate) + Basic. */
export function certLookup(mock: MockTip, agent: https.Agent, ca: string[], pathAndQuery: string, headers: Record<string, string> = {}): Promise<Reply> {
  return request(mock.url, pathAndQuery, { ca, agent, headers: { authorization: basic(mock.user, mock.password), ...headers } });
}

export type Lookup = (pathAndQuery: string) => Promise<Reply>;

/** The STIX answer for one object; it must be a 200. */
export async function stixAnswer(lookup: Lookup, type: LookupType, value: string): Promise<StixAnswer> {
  const reply = await lookup(apiPath(type, value, '?format=stix'));
  expect(reply.status, reply.text.slice(0, 200)).toBe(200);
  return JSON.parse(reply.text) as StixAnswer;
}

/** Every demo indicator's bundle, plus an unknown and a reserved address (Grey answers). */
export async function demoBundles(lookup: Lookup): Promise<StixAnswer[]> {
  const all: StixAnswer[] = [];
  for (const [type, values] of Object.entries(DEMO_INDICATORS) as [LookupType, string[]][]) {
    for (const value of values) all.push(await stixAnswer(lookup, type, value));
  }
  all.push(await stixAnswer(lookup, 'ip', SHOWCASE.reservedIp), await stixAnswer(lookup, 'domain', 'never-seen.example.com'));
  return all;
}
