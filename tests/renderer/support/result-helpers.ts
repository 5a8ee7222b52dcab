/** Helpers for the result view's tests: answers for every lookup type, and waiting for them to show. */
import { vi } from 'vitest';
import type { LookupAnswer } from '@shared/ipc/contract';
import { SECTIONS, type LookupType } from '@shared/tip/types';
import { example, VALUES } from './answers';
import { ok, type FakeBridge } from './fake-bridge';
import { submitLookup, type Mounted } from './mount-app';

type Json = Record<string, unknown>;

/** Sections the example answers leave out, written from REFERENCE.md's field lists. */
const MISSING_SECTIONS: Record<string, unknown> = {
  FeedMasks: [{ Zone: 'Red', Status: 'Active', NormalizedMask: '203.0.113.45', FeedNames: ['IP_Reputation_Data_Feed'], MaskType: 'Ip' }],
  IPSpamInfo: { spam_attacks: 12, spam_ratio: 0.4, last_attack_date: '2024-05-01T08:00Z', spam_attack_types: ['Bulk mail'] },
  IPPhishingInfo: {
    phishing_attacks: 3,
    last_attack_date: '2024-05-02T09:30Z',
    regions: ['XX'],
    phish_kit: 'ExampleKit',
    stolen_data_type: 'Credentials',
    attacked_industry: 'Finance',
    attacked_organization: 'Example Bank',
  },
  DataFeeds: ['IP_Reputation_Data_Feed', 'Botnet_CnC_URL_Data_Feed'],
  Industries: ['Finance'],
  Subdomains: [{ Subdomain: 'www.bad.example.com', Zone: 'Red' }],
  UrlReferrals: [{ Url: 'mail.example.org/redirect?id=1', Zone: 'Grey', LastSeen: '2024-05-20T07:00Z' }],
  UrlReferredTo: [{ Url: 'cdn.example.net/kit/landing', Zone: 'Red' }],
  FileCertificates: [
    { Vendor: 'Example CA', Publisher: 'Example Software Ltd', TimeStamp: '2024-01-01T00:00:00Z', Issued: '2023-01-01T00:00:00Z', Expires: '2026-01-01T00:00:00Z', SerialNumber: '0A1B2C' },
  ],
  FileParentCertificates: [
    { Vendor: 'Example Root', Publisher: 'Example CA', TimeStamp: null, Issued: '2020-01-01T00:00:00Z', Expires: '2030-01-01T00:00:00Z', SerialNumber: '01' },
  ],
  FileStartedBy: [{ Md5: '11111111111111111111111111111111', Zone: 'Red', HitsCount: 2, Name: 'loader.exe', Path: '\\', Location: '%temp%', DetectionName: 'HEUR:Trojan.Win32.Generic', LastStartDate: '2024-05-30T17:00Z' }],
  FileDownloadedObjects: [{ Md5: '22222222222222222222222222222222', Zone: 'Red', HitsCount: 1, Name: 'stage3.bin', Path: '\\', Location: '%temp%', DetectionName: null, LastDownloadDate: '2024-05-30T17:10Z' }],
  FileDownloadedBy: [{ Md5: '33333333333333333333333333333333', Zone: 'Yellow', HitsCount: 5, Name: 'browser.exe', Path: '\\', Location: '%programfiles%', DetectionName: null, LastDownloadDate: '2024-05-29T22:10Z' }],
};

/** The example answer of a type with every section REFERENCE.md lists for it. */
export function fullBody(type: LookupType): Json {
  const body = example(type);
  for (const name of SECTIONS[type]) {
    if (name in body) continue;
    if (!(name in MISSING_SECTIONS)) throw new Error(`no example for ${type} section ${name}`);
    body[name] = structuredClone(MISSING_SECTIONS[name]);
  }
  return body;
}

export function answerWith(body: Json, overrides: Partial<LookupAnswer> = {}): LookupAnswer {
  const zone = typeof body.Zone === 'string' ? body.Zone : undefined;
  // Main reads the license from the body's LicenseInfo; so does this stand-in.
  const license = (body.LicenseInfo as LookupAnswer['license']) ?? { AccessType: 'Commercial', DayRequests: 10, DayQuota: 5000, TokenExpirationDate: null };
  return {
    status: 200,
    body,
    license,
    durationMs: 120,
    ...(zone ? { zone } : {}),
    ...overrides,
  };
}

/** Makes the fake bridge answer the next lookup with this body. */
export function answerNext(fake: FakeBridge, body: Json, overrides: Partial<LookupAnswer> = {}): void {
  fake.api.tip.lookup.mockResolvedValueOnce(ok(answerWith(body, overrides)));
}

/** Looks `text` up through the lookup bar and waits until the answer's sections are on screen. */
export async function showAnswer(mounted: Mounted, text: string, waitFor = 'result-indicator'): Promise<void> {
  await submitLookup(mounted, text);
  await vi.waitFor(
    () => {
      if (!mounted.byTestId(waitFor).exists()) throw new Error(`${waitFor} not on screen yet`);
    },
    { timeout: 10_000, interval: 10 },
  );
}

/** What to type to look each example up as its own type: a URL needs its scheme to be taken for one. */
export const INPUTS: Record<LookupType, string> = { ...VALUES, url: `http://${VALUES.url}` };

/** A stand-in clipboard: what was written, in order. */
export function stubClipboard() {
  const writeText = vi.fn(async (_text: string) => undefined);
  Object.defineProperty(window.navigator, 'clipboard', { value: { writeText }, configurable: true });
  return writeText;
}
