import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StaticCredentialProvider, type TipAuth } from '../../src/main/credentials/provider';
import { createLookupService } from '../../src/main/lookups/lookup-service';
import { openSettingsStore } from '../../src/main/settings/settings-store';
import type { TipClient, TipClientOptions } from '../../src/main/tip';
import { fail, ok } from '../../src/shared/ipc/result';
import type { LookupRequest } from '../../src/shared/tip/types';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const CERT_AUTH: TipAuth = { kind: 'certificate', cert: 'C', key: 'K', user: 'u', password: 'p' };

async function setup(auth: TipAuth | null = CERT_AUTH) {
  const dir = mkdtempSync(join(tmpdir(), 'tipwb-lookups-'));
  dirs.push(dir);
  const settings = await openSettingsStore(dir);
  const made: Array<{ options: TipClientOptions; client: TipClient; requests: LookupRequest[]; closed: boolean }> = [];
  const factory = vi.fn((options: TipClientOptions): TipClient => {
    const record = { options, requests: [] as LookupRequest[], closed: false, client: null as unknown as TipClient };
    record.client = {
      lookup: async (request, { signal } = {}) => {
        record.requests.push(request);
        if (request.value === 'hang.example.com') {
          await new Promise((resolve) => signal?.addEventListener('abort', resolve));
          return fail('CANCELLED', 'The lookup was cancelled.');
        }
        return ok({
          status: 200,
          body: { Zone: 'Red' },
          zone: 'Red',
          license: { AccessType: 'Trial', DayRequests: 7, DayQuota: 100, TokenExpirationDate: '2027-01-01T00:00:00Z' },
          durationMs: 3,
        });
      },
      close: () => {
        record.closed = true;
      },
    };
    made.push(record);
    return record.client;
  });
  let current = auth;
  const credentials = { getAuth: () => new StaticCredentialProvider(current).getAuth() };
  const service = createLookupService({ settings, credentials, clientFactory: factory, extraCa: ['CA'] });
  return { settings, service, factory, made, setAuth: (next: TipAuth) => (current = next) };
}

describe('the lookup service in main', () => {
  it('answers OFFLINE in offline mode without building a client or asking for credentials', async () => {
    const { settings, service, factory } = await setup();
    await settings.update({ offline: true });
    const result = await service.lookup({ type: 'ip', value: '192.0.2.1' });
    expect(result).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
    expect(factory).not.toHaveBeenCalled();
  });

  it('applies the default count and sections from settings unless the request names its own', async () => {
    const { settings, service, made } = await setup();
    await settings.update({ defaultCount: 250, defaultSections: { ip: ['Zone', 'IpDnsResolutions'] } });
    await service.lookup({ type: 'ip', value: '192.0.2.1' });
    await service.lookup({ type: 'ip', value: '192.0.2.1', count: 5, sections: ['IpWhoIs'] });
    await service.lookup({ type: 'domain', value: 'example.com' });
    await service.lookup({ type: 'ip', value: '192.0.2.1', format: 'stix' });
    expect(made[0]?.requests).toEqual([
      { type: 'ip', value: '192.0.2.1', format: 'json', count: 250, sections: ['Zone', 'IpDnsResolutions'] },
      { type: 'ip', value: '192.0.2.1', format: 'json', count: 5, sections: ['IpWhoIs'] },
      { type: 'domain', value: 'example.com', format: 'json', count: 250 },
      { type: 'ip', value: '192.0.2.1', format: 'stix' },
    ]);
  });

  it('keeps one client while the credential and base URL stay the same, and replaces it when they change', async () => {
    const { settings, service, made, setAuth } = await setup();
    await service.lookup({ type: 'ip', value: '192.0.2.1' });
    await service.lookup({ type: 'ip', value: '192.0.2.2' });
    expect(made).toHaveLength(1);
    expect(made[0]?.options).toMatchObject({ baseUrl: 'https://tip.kaspersky.com', ca: ['CA'] });

    setAuth({ kind: 'token', token: 'T' });
    await service.lookup({ type: 'ip', value: '192.0.2.1' });
    expect(made).toHaveLength(2);
    expect(made[0]?.closed).toBe(true);

    await settings.update({ tipBaseUrl: 'https://tip.example.org' });
    await service.lookup({ type: 'ip', value: '192.0.2.1' });
    expect(made).toHaveLength(3);
    expect(made[2]?.options.baseUrl).toBe('https://tip.example.org');
  });

  it('cancels a lookup in flight by its request id', async () => {
    const { service } = await setup();
    const pending = service.lookup({ type: 'domain', value: 'hang.example.com', requestId: 'r-1' });
    await vi.waitFor(() => expect(service.cancel('r-1')).toBe(true));
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(service.cancel('r-1')).toBe(false);
  });

  it('passes a credential problem through as it is, sending nothing', async () => {
    const { service, factory } = await setup(null);
    const result = await service.lookup({ type: 'ip', value: '192.0.2.1' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NO_CREDENTIALS' } });
    expect(factory).not.toHaveBeenCalled();
  });

  it('runs the connection check as the cheapest lookup and reports the licence', async () => {
    const { service, made } = await setup();
    const checked = await service.check();
    expect(checked).toMatchObject({
      ok: true,
      value: { accessType: 'Trial', dayRequests: 7, dayQuota: 100, tokenExpiresAt: '2027-01-01T00:00:00Z' },
    });
    expect(made[0]?.requests[0]).toMatchObject({ sections: ['Zone', 'LicenseInfo'], count: 1 });
  });
});
