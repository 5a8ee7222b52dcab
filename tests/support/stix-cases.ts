/**
 * The lookups and bundles the `lookupsToStixBundle` tests share: tests/shared/stix.test.ts (the
 * rules encoded here) and tests/shared/stix-oasis.test.ts (the OASIS validator itself).
 */
import fs from 'node:fs';
import path from 'node:path';
import { lookupsToStixBundle, type StixBundle, type StixLookup, type StixObject } from '../../src/shared/stix/index';

const EXAMPLES = path.resolve(__dirname, '../fixtures/tip');
const example = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(EXAMPLES, `${name}.json`), 'utf8'));

export const byType = (bundle: StixBundle, type: string): StixObject[] => bundle.objects.filter((o) => o.type === type);

/** The TIP answers in tests/fixtures/tip, one per lookup type, and a 404 (null body). */
export function exampleLookups(): StixLookup[] {
  return [
    { type: 'ip', value: '203.0.113.45', body: example('ip'), fetchedAt: '2024-06-01T10:00:00Z' },
    { type: 'domain', value: 'bad.example.com', body: example('domain'), fetchedAt: '2024-06-02T10:00:00.000Z' },
    { type: 'url', value: 'https://bad.example.com/dl/payload.exe', body: example('url'), fetchedAt: '2024-06-03T10:00:00Z' },
    { type: 'hash', value: '0A1B2C3D4E5F60718293A4B5C6D7E8F9', body: example('hash'), fetchedAt: '2024-06-04T10:00:00Z' },
    { type: 'ip', value: '198.51.100.9', body: null, fetchedAt: '2024-06-04T11:00:00Z' },
  ];
}

/** An IP answer with the zone, score and neighbours given. */
export function ipAnswer(ip: string, zone: string, score?: number, extra: Record<string, unknown> = {}): unknown {
  return { Zone: zone, IpGeneralInfo: { Ip: ip, ThreatScore: score, Status: 'Known' }, ...extra };
}

/** IPv6, punycode, quotes and backslashes, a bare SHA-256, a non-ASCII domain, a non-ASCII name. */
export function edgeCaseBundle(): StixBundle {
  return lookupsToStixBundle([
    { type: 'ip', value: '2001:db8::5', body: ipAnswer('2001:db8::5', 'Orange', 70, { IpDnsResolutions: [{ Domain: 'xn--bcher-kva.example', Zone: 'Yellow', FirstSeen: '2024-01-01T00:00Z', LastSeen: '2024-01-01T00:00Z' }] }), fetchedAt: '2024-02-01T00:00:00Z' },
    { type: 'url', value: "https://bad.example.com/o'brien\\b c?x=1#frag", body: { Zone: 'Yellow', UrlGeneralInfo: { Host: 'bad.example.com' } }, fetchedAt: '2024-02-02T00:00:00Z' },
    { type: 'hash', value: 'F'.repeat(64), body: { Zone: 'Red', FileGeneralInfo: { Sha256: 'F'.repeat(64) } }, fetchedAt: '2024-02-03T00:00:00Z' },
    { type: 'domain', value: 'под.example.com', body: { Zone: 'Red' }, fetchedAt: '2024-02-04T00:00:00Z' },
  ], { name: 'Edge cases ünïcode', description: 'Quotes \' and backslashes \\ in values' });
}
