import { describe, expect, it } from 'vitest';
import { decodeRecord, effectiveAuthMode, emptyMeta, encodeRecord, migrate, RECORD_VERSION } from '../../src/main/credentials/records';

const info = {
  format: 'pem',
  subject: 'CN=analyst',
  issuer: 'CN=TIP CA',
  serialNumber: '01',
  fingerprint256: 'AA:BB',
  validFrom: '2025-01-01T00:00:00.000Z',
  validTo: '2026-01-01T00:00:00.000Z',
  chainLength: 1,
} as const;

describe('credential records', () => {
  it('round-trips every kind at the current version', () => {
    const records = [
      { v: 1, kind: 'basic', user: 'analyst', password: 'pw' },
      { v: 1, kind: 'token', token: 't0k3n' },
      { v: 1, kind: 'certificate', format: 'pkcs12', pfx: 'AAAA', passphrase: 'p', info },
      { v: 1, kind: 'certificate', format: 'pem', cert: 'C', key: 'K', info },
      { ...emptyMeta(), authMode: 'token', certificate: info, userName: 'analyst', hasToken: true, tokenExpiresAt: '2026-01-01T00:00:00.000Z' },
    ] as const;
    for (const record of records) {
      const decoded = decodeRecord(record.kind, encodeRecord(record));
      expect(decoded).toEqual({ ok: true, record, migrated: false });
    }
    expect(RECORD_VERSION).toBe(1);
  });

  it('migrates an unversioned (v0) record to v1', () => {
    const decoded = decodeRecord('basic', JSON.stringify({ kind: 'basic', user: 'analyst', password: 'pw' }));
    expect(decoded).toEqual({ ok: true, record: { v: 1, kind: 'basic', user: 'analyst', password: 'pw' }, migrated: true });
    expect(migrate({ v: 0, kind: 'token', token: 't' })).toEqual({ ok: true, fields: { v: 1, kind: 'token', token: 't' }, steps: 1 });
  });

  it('reports a record from a newer version instead of guessing', () => {
    expect(decodeRecord('token', JSON.stringify({ v: 2, kind: 'token', token: 't', scope: 'x' }))).toEqual({ ok: false, problem: 'newer' });
  });

  it('calls anything else unreadable: not JSON, wrong kind, missing fields, bad version', () => {
    const bad = [
      'plain text',
      '[1,2]',
      JSON.stringify({ v: 1, kind: 'basic', user: 'a', password: 'b' }),
      JSON.stringify({ v: 1, kind: 'token' }),
      JSON.stringify({ v: 'one', kind: 'token', token: 't' }),
      JSON.stringify({ v: -1, kind: 'token', token: 't' }),
    ];
    for (const text of bad) expect(decodeRecord('token', text)).toEqual({ ok: false, problem: 'unreadable' });
    expect(decodeRecord('certificate', JSON.stringify({ v: 1, kind: 'certificate', format: 'pem', cert: 'C', info }))).toEqual({
      ok: false,
      problem: 'unreadable',
    });
  });

  it('picks the auth mode: the analyst’s choice, else token when only a token exists, else certificate', () => {
    expect(effectiveAuthMode(emptyMeta())).toBe('certificate');
    expect(effectiveAuthMode({ ...emptyMeta(), hasToken: true })).toBe('token');
    expect(effectiveAuthMode({ ...emptyMeta(), hasToken: true, certificate: info })).toBe('certificate');
    expect(effectiveAuthMode({ ...emptyMeta(), hasToken: true, certificate: info, authMode: 'token' })).toBe('token');
  });
});
