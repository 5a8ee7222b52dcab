/** The example TIP answers (tests/fixtures/tip) as stored rows, for the store's tests. */
import type { LookupParams } from '@shared/case-file/types';
import type { LookupType } from '@shared/tip/types';
import { toLookupRow } from '@renderer/db/ingest';
import type { LookupRow } from '@renderer/db/rows';
import ipText from '../../fixtures/tip/ip.json?raw';
import domainText from '../../fixtures/tip/domain.json?raw';
import urlText from '../../fixtures/tip/url.json?raw';
import hashText from '../../fixtures/tip/hash.json?raw';

type Json = Record<string, unknown>;

const TEXTS: Record<LookupType, string> = { ip: ipText, domain: domainText, url: urlText, hash: hashText };

/** A fresh copy of an example answer. */
export function example(type: LookupType): Json {
  return JSON.parse(TEXTS[type]) as Json;
}

export const VALUES: Record<LookupType, string> = {
  ip: '203.0.113.45',
  domain: 'bad.example.com',
  url: 'bad.example.com/dl/payload.exe',
  hash: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
};

export const SHA256 = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

export function answerRow(
  type: LookupType,
  options: { value?: string; body?: unknown; fetchedAt?: string; params?: Partial<LookupParams>; status?: number } = {},
): LookupRow {
  const body = 'body' in options ? options.body : example(type);
  const zone = typeof body === 'object' && body !== null && 'Zone' in body && typeof body.Zone === 'string' ? body.Zone : undefined;
  return toLookupRow(
    { type, value: options.value ?? VALUES[type], params: { format: 'json', ...options.params } },
    { status: options.status ?? 200, body, durationMs: 120, ...(zone ? { zone } : {}), license: { AccessType: 'Commercial', DayRequests: 10, DayQuota: 5000 } },
    options.fetchedAt ?? '2026-05-12T08:30:00.000Z',
  );
}

export function hoursAgo(hours: number, now = Date.now()): string {
  return new Date(now - hours * 3600 * 1000).toISOString();
}
