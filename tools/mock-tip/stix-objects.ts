/**
 * The pieces of the demo service's `format=stix` answers: ids, the producer's identity, the
 * extension definition of its custom properties, indicators with their `based-on` link.
 *
 * What the OASIS validator (cti-stix-validator, best practices on) asks, and why each piece is so:
 * SCO ids are the spec's UUIDv5 (§2.9); every other id is name-based too — the same answer must
 * serialise to the same bytes — but carries the version-4 nibble, as best practice 103 wants v4 for
 * SDOs/SROs/bundles. Custom properties (`x_tip_zone`, `x_tip_threat_score`) are declared by a
 * `toplevel-property-extension` (best practice 401). Indicators have name and description (303) and
 * `created_by_ref` to the service's identity.
 */

import { createHash } from 'node:crypto';
import type { JsonObject } from './answers-common';

const SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
const MOCK_NAMESPACE = '6f1c3bde-7a39-4c56-9d7e-2b7c0e0f4a11';
/** The producer's own objects never change: one fixed date for them. */
const DEFINED_AT = '2023-01-01T00:00:00.000Z';

function nameUuid(namespace: string, name: string, version: 4 | 5): string {
  const bytes = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest();
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | (version << 4);
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `{"value":…}` and `{"hashes":{"MD5":…}}` have one key each, so JSON.stringify is already RFC 8785. */
export function scoId(type: string, contributing: JsonObject): string {
  return `${type}--${nameUuid(SCO_NAMESPACE, JSON.stringify(contributing), 5)}`;
}

export function mockId(type: string, name: string): string {
  return `${type}--${nameUuid(MOCK_NAMESPACE, `${type}|${name}`, 4)}`;
}

export const IDENTITY_ID = mockId('identity', 'Kaspersky Threat Intelligence Portal (demo)');
const EXTENSION_ID = mockId('extension-definition', 'tip-properties/1');
const USES_EXTENSION = { [EXTENSION_ID]: { extension_type: 'toplevel-property-extension' } };

export function identity(): JsonObject {
  return {
    type: 'identity', spec_version: '2.1', id: IDENTITY_ID, created: DEFINED_AT, modified: DEFINED_AT,
    name: 'Kaspersky Threat Intelligence Portal (demo)', identity_class: 'system',
    description: 'The demo TIP service of TIP Workbench: a seeded, made-up world.',
  };
}

export function extensionDefinition(): JsonObject {
  return {
    type: 'extension-definition', spec_version: '2.1', id: EXTENSION_ID, created_by_ref: IDENTITY_ID, created: DEFINED_AT, modified: DEFINED_AT,
    name: 'TIP verdict',
    description: 'The zone and threat score TIP gives the object an indicator detects.',
    schema: 'x_tip_zone (string): Red, Orange, Yellow, Grey or Green. x_tip_threat_score (integer 0-100): TIP threat score.',
    version: '1.0.0',
    extension_types: ['toplevel-property-extension'],
    extension_properties: ['x_tip_zone', 'x_tip_threat_score'],
  };
}

/** A STIX pattern string literal: only `\` and `'` are escaped (STIX 2.1 §9.2). */
export function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** What TIP holds about one object: the same in every answer that names it (so its indicator is too). */
export interface Verdict {
  zone: string;
  score: number | null;
  /** Epoch ms TIP first saw the object, or null. */
  firstSeen: number | null;
}

const MEANING: Record<string, string> = { Red: 'dangerous', Orange: 'not trusted', Yellow: 'adware and other' };

/** Red, Orange and Yellow objects are detection rules; Green and Grey ones are observables only. */
export function flagged(zone: string): boolean {
  return MEANING[zone] !== undefined;
}

export interface IndicatorParts {
  observableId: string;
  /** As the observable writes it. */
  value: string;
  noun: string;
  pattern: string;
  verdict: Verdict;
  /** `modified` of this answer: the end of the world's epoch. */
  modified: string;
}

/** The indicator and its `based-on` link to the observable; ids from the observable, content from the verdict. */
export function indicatorWithLink(parts: IndicatorParts): JsonObject[] {
  const { verdict } = parts;
  const modified = Date.parse(parts.modified);
  const seen = verdict.firstSeen ?? modified;
  const created = new Date(Math.min(seen, modified)).toISOString();
  const id = mockId('indicator', parts.observableId);
  const score = verdict.score === null ? '' : `, threat score ${verdict.score}`;
  const indicator: JsonObject = {
    type: 'indicator', spec_version: '2.1', id, created_by_ref: IDENTITY_ID, created, modified: parts.modified,
    name: parts.value,
    description: `TIP zone ${verdict.zone} (${MEANING[verdict.zone] ?? 'unknown'}) for the ${parts.noun} ${parts.value}${score}.`,
    indicator_types: verdict.zone === 'Red' ? ['malicious-activity'] : ['anomalous-activity'],
    pattern: parts.pattern, pattern_type: 'stix', valid_from: created,
    extensions: USES_EXTENSION, x_tip_zone: verdict.zone,
  };
  if (verdict.score !== null) indicator.x_tip_threat_score = verdict.score;
  const link: JsonObject = {
    type: 'relationship', spec_version: '2.1', id: mockId('relationship', `based-on|${id}|${parts.observableId}`),
    created_by_ref: IDENTITY_ID, created, modified: parts.modified,
    relationship_type: 'based-on', source_ref: id, target_ref: parts.observableId,
  };
  return [indicator, link];
}
