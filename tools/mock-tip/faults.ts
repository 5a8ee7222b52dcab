/**
 * Fault injection: rules that make the mock misbehave for chosen lookups. Rules are checked in order
 * after authentication; the first live rule that matches applies. A spent rule (`times` used up) stays
 * in the list but no longer matches.
 */

import type { ServerResponse } from 'node:http';
import type { LookupType } from '../../src/shared/tip/types';
import { parseObject } from './lookup';

export interface FaultRule {
  /** Only lookups of this type. Omitted: every request, lookups or not. */
  type?: LookupType;
  /** Only this object; compared after the same normalisation as the lookup (so `http://x/` = `x`). */
  value?: string;
  /** Apply this many times, then stop. Omitted: every time. */
  times?: number;
  /** Wait this long first; on its own the normal answer follows. */
  latencyMs?: number;
  /** Answer with this status and `body` (default a small JSON error) as `contentType`. */
  status?: number;
  body?: string;
  contentType?: string;
  /** `Retry-After` header: seconds, or an HTTP date string. */
  retryAfter?: number | string;
  /** Never answer (the socket stays open until the client gives up or the mock stops). */
  hang?: boolean;
  /** Send the headers with the full Content-Length and half the real body, then close the socket. */
  truncate?: boolean;
  /** 200 with a body that is not valid JSON. */
  malformed?: boolean;
  /** Destroy the socket without answering. */
  reset?: boolean;
  /** 200 with a valid JSON body of exactly this many bytes, streamed chunked (no Content-Length). */
  hugeBodyBytes?: number;
  /** 200 (or `status`) with Content-Length 0. */
  emptyBody?: boolean;
}

interface LiveRule {
  rule: FaultRule;
  remaining: number;
}

export class FaultSet {
  private rules: LiveRule[] = [];

  set(rules: readonly FaultRule[]): void {
    this.rules = rules.map((rule) => ({ rule: { ...rule }, remaining: rule.times ?? Number.POSITIVE_INFINITY }));
  }

  /** The rule to apply to this request (and counts it as used), or null. */
  take(type: LookupType | null, rawValue: string | null, value: string | null): FaultRule | null {
    for (const live of this.rules) {
      if (live.remaining <= 0) continue;
      const { rule } = live;
      if (rule.type !== undefined && rule.type !== type) continue;
      if (rule.value !== undefined && !valueMatches(rule.value, type, rawValue, value)) continue;
      live.remaining -= 1;
      return rule;
    }
    return null;
  }
}

function valueMatches(expected: string, type: LookupType | null, rawValue: string | null, value: string | null): boolean {
  if (expected === rawValue || expected === value) return true;
  if (type === null || value === null) return false;
  const parsed = parseObject(type, expected);
  return parsed.ok && parsed.value === value;
}

/** Padding inside a valid JSON object so the body is exactly `bytes` long (at least 32). */
export function writeHugeBody(res: ServerResponse, bytes: number): void {
  const head = '{"Zone":"Grey","Padding":"';
  const tail = '"}';
  let remaining = Math.max(0, bytes - head.length - tail.length);
  const chunk = 'x'.repeat(64 * 1024);
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
  res.write(head);
  const pump = (): void => {
    while (remaining > 0) {
      const piece = remaining >= chunk.length ? chunk : chunk.slice(0, remaining);
      remaining -= piece.length;
      if (!res.write(piece)) {
        res.once('drain', pump);
        return;
      }
    }
    res.end(tail);
  };
  res.on('close', () => {
    remaining = 0;
  });
  pump();
}

export const MALFORMED_BODY = '{"LicenseInfo":{"AccessType":"Commercial"},"Zone":"Red","IpGeneralInfo":{"Ip":"203.0.113.66",,"HitsCount":';
