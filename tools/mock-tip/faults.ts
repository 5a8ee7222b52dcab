/**
 * Fault injection: rules that make the mock misbehave for chosen lookups. Rules are checked in order
 * after authentication; the first live rule that matches applies. A spent rule (`times` used up) stays
 * in the list but no longer matches.
 */

import type { ServerResponse } from 'node:http';
import { constants, createGzip } from 'node:zlib';
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
  /**
   * The real answer with this Content-Encoding whatever the client accepts: `gzip`, `deflate`, `br`
   * or `identity` encode it so; any other name labels the plain body with it (a coding the client
   * does not know).
   */
  encoding?: string;
  /** The real answer compressed (gzip unless `encoding` says otherwise) with bytes in its middle spoilt. */
  corruptEncoding?: boolean;
  /**
   * 200 `Content-Encoding: gzip`, no Content-Length: a JSON start and then '0' characters, this many
   * bytes once decompressed — about a thousandth of that on the wire, compressed as it streams.
   */
  gzipBomb?: number;
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

/**
 * Streams a gzip bomb: compressed while it is sent (nothing of its decompressed size is ever held),
 * with zlib's run-length strategy, which is both the fastest and the densest for one repeated byte.
 * It stops as soon as the client goes away.
 */
export function writeGzipBomb(res: ServerResponse, bytes: number): void {
  const head = '{"Zone":"Grey","Padding":"';
  const tail = '"}';
  let remaining = Math.max(0, bytes - head.length - tail.length);
  const chunk = Buffer.alloc(1024 * 1024, '0');
  const gzip = createGzip({ level: 9, strategy: constants.Z_RLE });
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Encoding': 'gzip' });
  gzip.pipe(res);
  gzip.write(head);
  const pump = (): void => {
    while (remaining > 0) {
      const piece = remaining >= chunk.length ? chunk : chunk.subarray(0, remaining);
      remaining -= piece.length;
      if (!gzip.write(piece)) {
        gzip.once('drain', pump);
        return;
      }
    }
    gzip.end(tail);
  };
  res.on('close', () => {
    if (remaining === 0 && gzip.writableEnded) return;
    remaining = 0;
    gzip.unpipe(res);
    gzip.destroy();
  });
  pump();
}

export const MALFORMED_BODY = '{"LicenseInfo":{"AccessType":"Commercial"},"Zone":"Red","IpGeneralInfo":{"Ip":"203.0.113.66",,"HitsCount":';
