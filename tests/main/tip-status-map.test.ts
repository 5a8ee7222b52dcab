import { describe, expect, it } from 'vitest';
import { classifyNetworkError } from '../../src/main/tip/network-errors';
import { interpretResponse, type RawResponse } from '../../src/main/tip/status-map';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

function respond(status: number, body: string | Buffer = '', headers: RawResponse['headers'] = {}, format: 'json' | 'stix' = 'json') {
  return interpretResponse(
    { status, headers, body: typeof body === 'string' ? Buffer.from(body) : body },
    { format, authKind: 'certificate', nowMs: NOW },
  );
}

function failureOf(outcome: ReturnType<typeof respond>) {
  if (outcome.ok) throw new Error('expected a failure');
  return outcome;
}

describe('interpretResponse', () => {
  it('returns the parsed body with license and zone', () => {
    const body = { Zone: 'Red', LicenseInfo: { DayRequests: 3, DayQuota: 2000 }, IpGeneralInfo: { Ip: '203.0.113.5' } };
    const outcome = respond(200, JSON.stringify(body));
    expect(outcome).toEqual({ ok: true, value: { status: 200, body, zone: 'Red', license: body.LicenseInfo } });
  });

  it('keeps a STIX bundle as received, with no license or zone', () => {
    const bundle = { type: 'bundle', id: 'bundle--1', objects: [], Zone: 'Red' };
    expect(respond(200, JSON.stringify(bundle), {}, 'stix')).toEqual({ ok: true, value: { status: 200, body: bundle } });
  });

  it('treats 404 as a result, with a null body when it is empty or not JSON', () => {
    expect(respond(404, '')).toEqual({ ok: true, value: { status: 404, body: null } });
    expect(respond(404, '<html>Not found</html>')).toEqual({ ok: true, value: { status: 404, body: null } });
    expect(respond(404, '{"Zone":"Grey"}')).toEqual({ ok: true, value: { status: 404, body: { Zone: 'Grey' }, zone: 'Grey' } });
  });

  it('refuses invalid, non-object and empty JSON as BAD_RESPONSE', () => {
    expect(failureOf(respond(200, '{"Zone": "Re')).error.code).toBe('BAD_RESPONSE');
    expect(failureOf(respond(200, '{"Zone": "Re')).error.message).toContain('not valid JSON');
    expect(failureOf(respond(200, '[1,2]')).error.message).toContain('not an object');
    expect(failureOf(respond(200, '')).error.message).toContain('empty answer');
    expect(respond(200, '\uFEFF{"Zone":"Green"}').ok).toBe(true);
  });

  it.each([
    [400, 'INVALID_INPUT', false],
    [401, 'UNAUTHORIZED', false],
    [402, 'LICENSE_EXPIRED', false],
    [403, 'FORBIDDEN', false],
    [414, 'URL_TOO_LONG', false],
    [451, 'LEGAL_BLOCK', false],
    [405, 'INVALID_INPUT', false],
    [302, 'BAD_RESPONSE', false],
    [429, 'RATE_LIMITED', true],
    [500, 'SERVER_ERROR', true],
    [502, 'SERVER_ERROR', true],
    [503, 'SERVER_ERROR', true],
    [408, 'TIMEOUT', true],
  ])('maps HTTP %i to %s (retried: %s)', (status, code, retried) => {
    const failure = failureOf(respond(status, '<html><body>Error</body></html>'));
    expect(failure.error.code).toBe(code);
    expect(failure.retry).toBe(retried);
    expect(failure.error.retryable).toBe(retried);
    expect(failure.error.message).not.toContain('<html>');
  });

  it('tells a spent quota from no access on 403, whatever the body format', () => {
    expect(failureOf(respond(403, '{"error":"Daily request quota exceeded"}')).error.code).toBe('QUOTA_EXCEEDED');
    expect(failureOf(respond(403, '<h1>QUOTA reached</h1>')).error.code).toBe('QUOTA_EXCEEDED');
    expect(failureOf(respond(403, '')).error.code).toBe('FORBIDDEN');
  });

  it('words 401 for the sign-in in use', () => {
    const token = interpretResponse({ status: 401, headers: {}, body: Buffer.alloc(0) }, { format: 'json', authKind: 'token', nowMs: NOW });
    if (token.ok) throw new Error('expected a failure');
    expect(token.error.message).toContain('API token');
    expect(token.error.message).toMatch(/wrong or has expired/);
    expect(failureOf(respond(401)).error.message).toContain('user name or password');
  });

  it('says on 401 that the terms must have been accepted once in a browser at tip.kaspersky.com', () => {
    const token = interpretResponse({ status: 401, headers: {}, body: Buffer.alloc(0) }, { format: 'json', authKind: 'token', nowMs: NOW });
    if (token.ok) throw new Error('expected a failure');
    for (const message of [token.error.message, failureOf(respond(401)).error.message]) {
      expect(message).toContain('tip.kaspersky.com');
      expect(message).toMatch(/once in a browser/);
      expect(message).toMatch(/accept the portal's terms/);
    }
  });

  it('says on 451 that the object is withheld for legal reasons, and that asking again will not help', () => {
    const failure = failureOf(respond(451));
    expect(failure.error.message).toMatch(/withholds this object for legal reasons/);
    expect(failure.error.message).toMatch(/asking again will not change that/);
    expect(failure.retry).toBe(false);
  });

  it('reads Retry-After on 429 and 503', () => {
    expect(failureOf(respond(429, '', { 'retry-after': '7' })).retryAfterMs).toBe(7000);
    expect(failureOf(respond(503, '', { 'retry-after': 'Thu, 01 Jan 2026 12:00:30 GMT' })).retryAfterMs).toBe(30_000);
    expect(failureOf(respond(429, '', { 'retry-after': 'soon' })).retryAfterMs).toBeUndefined();
  });
});

describe('classifyNetworkError', () => {
  const err = (code: string) => Object.assign(new Error(`boom ${code}`), { code });
  const failure = (code: string, kind: 'certificate' | 'token' = 'certificate') => {
    const outcome = classifyNetworkError(err(code), kind);
    if (outcome.ok) throw new Error('expected a failure');
    return outcome;
  };

  it.each([
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'CERT_HAS_EXPIRED',
    'ERR_TLS_CERT_ALTNAME_INVALID',
  ])('an untrusted server certificate (%s) is TLS_UNTRUSTED_SERVER, never retried', (code) => {
    const f = failure(code);
    expect(f.error.code).toBe('TLS_UNTRUSTED_SERVER');
    expect(f.retry).toBe(false);
    expect(f.error.message).toContain(code);
  });

  it('says why the server certificate is untrusted', () => {
    expect(failure('CERT_HAS_EXPIRED').error.message).toContain('it has expired');
    expect(failure('ERR_TLS_CERT_ALTNAME_INVALID').error.message).toContain('another host name');
  });

  it('retries resets but not refused connections or unknown hosts', () => {
    for (const code of ['ECONNRESET', 'EPIPE']) {
      expect(failure(code)).toMatchObject({ retry: true, error: { code: 'NETWORK', retryable: true } });
    }
    for (const code of ['ECONNREFUSED', 'ENOTFOUND']) {
      expect(failure(code)).toMatchObject({ retry: false, error: { code: 'NETWORK', retryable: true } });
    }
  });

  it('reads TLS alerts as the server refusing the client certificate', () => {
    expect(failure('ERR_SSL_TLSV1_ALERT_UNKNOWN_CA').error.code).toBe('CERT_INVALID');
    expect(failure('ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE').error.code).toBe('CERT_INVALID');
    expect(failure('ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED').error.code).toBe('CERT_EXPIRED');
    expect(failure('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'token').error.code).toBe('NO_CREDENTIALS');
  });

  it('never repeats the raw Node message', () => {
    expect(failure('ESOMETHING').error.message).not.toContain('boom');
    expect(failure('HPE_INVALID_CONSTANT').error.code).toBe('BAD_RESPONSE');
  });
});
