/**
 * The STIX domain, relationship and meta objects of an export: the workbench's identity, the
 * extension definition of our custom properties, indicators, relationships and the grouping.
 *
 * Custom properties: the OASIS validator's best practice 401 (`extensions-use`) wants every custom
 * property declared by an extension definition of type `toplevel-property-extension`, named in the
 * object's `extensions`; best practice 101 (`custom-prefix`, run when 401 is turned off) wants
 * `x_<source>_<name>`. These names satisfy both, and are the ones the demo TIP service uses and
 * `relationsFromLookup` reads back from a STIX answer.
 */
import type { RelationKind } from '../graph/index';
import { timeOf, type Verdict } from './evidence';
import type { StixObject, TipZone } from './types';
import { workbenchId } from './uuid';

export const ZONE_PROPERTY = 'x_tip_zone';
export const SCORE_PROPERTY = 'x_tip_threat_score';
export const KIND_PROPERTY = 'x_tip_kind';
export const HITS_PROPERTY = 'x_tip_hits';
const CUSTOM_PROPERTIES = [ZONE_PROPERTY, SCORE_PROPERTY, KIND_PROPERTY, HITS_PROPERTY];

/** Fixed, so the identity and the extension definition are byte-identical in every export. */
const DEFINED_AT = '2025-01-01T00:00:00.000Z';
export const IDENTITY_ID = workbenchId('identity', 'TIP Workbench');
export const EXTENSION_ID = workbenchId('extension-definition', 'TIP Workbench properties 1.0');
const USES_EXTENSION = { [EXTENSION_ID]: { extension_type: 'toplevel-property-extension' } };

/** STIX timestamps: UTC, `Z`, millisecond precision (required for `created`/`modified`). */
export function stamp(ms: number): string {
  return new Date(ms).toISOString();
}

/** A date as TIP wrote it (`2024-05-01T08:00Z`) as a STIX timestamp, or undefined. */
export function tipTime(value: string | undefined): string | undefined {
  const ms = timeOf(value);
  return ms === undefined ? undefined : stamp(ms);
}

export function identityObject(): StixObject {
  return {
    type: 'identity',
    spec_version: '2.1',
    id: IDENTITY_ID,
    created: DEFINED_AT,
    modified: DEFINED_AT,
    name: 'TIP Workbench',
    description: 'Desktop workbench that looks indicators up in the Kaspersky Threat Intelligence Portal and keeps every answer.',
    identity_class: 'system',
  };
}

export function extensionDefinitionObject(): StixObject {
  return {
    type: 'extension-definition',
    spec_version: '2.1',
    id: EXTENSION_ID,
    created_by_ref: IDENTITY_ID,
    created: DEFINED_AT,
    modified: DEFINED_AT,
    name: 'TIP Workbench properties',
    description: 'Kaspersky TIP facts the STIX vocabulary has no place for: the zone and threat score behind an indicator, and the kind and hit count of a relationship.',
    schema:
      `${ZONE_PROPERTY} (string): TIP's zone, one of Red (dangerous), Orange (not trusted), Yellow (adware and other), Grey (not categorized), Green (clean). ` +
      `${SCORE_PROPERTY} (integer 0-100): TIP's threat score. ` +
      `${KIND_PROPERTY} (string): the workbench's relation kind, one of resolves_to, downloaded_from, contacted, on_host. ` +
      `${HITS_PROPERTY} (number): how many hits TIP counted for the relation.`,
    version: '1.0.0',
    extension_types: ['toplevel-property-extension'],
    extension_properties: CUSTOM_PROPERTIES,
  };
}

const ZONE_MEANING: Record<TipZone, string> = {
  Red: 'dangerous: malware or other malicious activity',
  Orange: 'not trusted: suspicious activity',
  Yellow: 'adware or other unwanted software',
  Grey: 'not categorized',
  Green: 'clean',
};

/**
 * indicator-type-ov: Red is malicious-activity. Orange ("not trusted", TIP's "suspicious") and Yellow
 * (adware, riskware: unwanted rather than malicious) are anomalous-activity — "unexpected or unusual
 * activity that may not necessarily be malicious". `compromised` would claim more than TIP says.
 */
const INDICATOR_TYPES: Partial<Record<TipZone, string[]>> = {
  Red: ['malicious-activity'],
  Orange: ['anomalous-activity'],
  Yellow: ['anomalous-activity'],
};

const NOUNS = { ip: 'IP address', domain: 'domain', url: 'web address', file: 'file' } as const;

export interface IndicatorInput {
  kind: keyof typeof NOUNS;
  /** The value as the observable writes it (a URL with its scheme, a file's MD5 or other hash). */
  value: string;
  pattern: string;
  verdict: Verdict;
  /** Epoch ms: first and last `fetchedAt` that showed the object, and the start of its flagged run. */
  first: number;
  last: number;
  validFrom: number;
}

function indicatorDescription(input: IndicatorInput): string {
  const { verdict } = input;
  const parts = [`Kaspersky TIP rates the ${NOUNS[input.kind]} ${input.value} ${verdict.zone} (${ZONE_MEANING[verdict.zone]})`];
  if (verdict.threatScore !== undefined) parts[0] += `, threat score ${verdict.threatScore} of 100`;
  parts[0] += '.';
  if (verdict.summary !== undefined) parts.push(`${verdict.summary}.`);
  if (verdict.firstSeen !== undefined || verdict.lastSeen !== undefined) {
    parts.push(`TIP saw it ${[verdict.firstSeen && `first ${verdict.firstSeen}`, verdict.lastSeen && `last ${verdict.lastSeen}`].filter(Boolean).join(', ')}.`);
  }
  parts.push(`Verdict of the TIP answer received ${stamp(verdict.at)}.`);
  return parts.join(' ');
}

export function indicatorObject(id: string, input: IndicatorInput): StixObject {
  const indicator: StixObject = {
    type: 'indicator',
    spec_version: '2.1',
    id,
    created_by_ref: IDENTITY_ID,
    created: stamp(input.first),
    modified: stamp(input.last),
    name: input.value,
    description: indicatorDescription(input),
    indicator_types: INDICATOR_TYPES[input.verdict.zone] ?? ['unknown'],
    pattern: input.pattern,
    pattern_type: 'stix',
    pattern_version: '2.1',
    valid_from: stamp(input.validFrom),
  };
  const score = input.verdict.threatScore;
  // STIX confidence is 0–100 like TIP's threat score: the score is how sure TIP is that the object is bad.
  if (score !== undefined) indicator.confidence = Math.min(100, Math.max(0, Math.round(score)));
  indicator.extensions = USES_EXTENSION;
  indicator[ZONE_PROPERTY] = input.verdict.zone;
  if (score !== undefined) indicator[SCORE_PROPERTY] = score;
  return indicator;
}

export function basedOnObject(indicator: StixObject, observableId: string): StixObject {
  return {
    type: 'relationship',
    spec_version: '2.1',
    id: workbenchId('relationship', `based-on\n${indicator.id}\n${observableId}`),
    created_by_ref: IDENTITY_ID,
    created: indicator.created,
    modified: indicator.modified,
    relationship_type: 'based-on',
    description: `The indicator's pattern detects this observable.`,
    source_ref: indicator.id,
    target_ref: observableId,
  };
}

const KIND_WORDS: Record<RelationKind, string> = {
  resolves_to: 'resolves to',
  downloaded_from: 'was downloaded from',
  contacted: 'contacted',
  on_host: 'is on host',
};

export interface EdgeInput {
  kind: RelationKind;
  source: { id: string; label: string };
  target: { id: string; label: string };
  hits?: number;
  firstSeen?: string;
  lastSeen?: string;
  urls?: string[];
  first: number;
  last: number;
}

/** resolves-to is the spec's own (domain-name → ipv4-addr/ipv6-addr); the other kinds have none: related-to. */
export function edgeObject(input: EdgeInput): StixObject {
  const evidence: string[] = [];
  if (input.urls !== undefined && input.urls.length > 0) evidence.push(`via ${input.urls.slice(0, 5).join(', ')}`);
  if (input.hits !== undefined) evidence.push(`${input.hits} hits`);
  if (input.firstSeen !== undefined) evidence.push(`first seen ${input.firstSeen}`);
  if (input.lastSeen !== undefined) evidence.push(`last seen ${input.lastSeen}`);
  const sentence = `${input.source.label} ${KIND_WORDS[input.kind]} ${input.target.label}`;
  const relationship: StixObject = {
    type: 'relationship',
    spec_version: '2.1',
    id: workbenchId('relationship', `${input.kind}\n${input.source.id}\n${input.target.id}`),
    created_by_ref: IDENTITY_ID,
    created: stamp(input.first),
    modified: stamp(input.last),
    relationship_type: input.kind === 'resolves_to' ? 'resolves-to' : 'related-to',
    description: evidence.length > 0 ? `${sentence} (TIP: ${evidence.join('; ')}).` : `${sentence}.`,
    source_ref: input.source.id,
    target_ref: input.target.id,
  };
  const start = tipTime(input.firstSeen);
  const stop = tipTime(input.lastSeen);
  if (start !== undefined) relationship.start_time = start;
  // The validator requires stop_time later than start_time (strictly): a one-moment edge gets only a start.
  if (stop !== undefined && (start === undefined || Date.parse(stop) > Date.parse(start))) relationship.stop_time = stop;
  relationship.extensions = USES_EXTENSION;
  relationship[KIND_PROPERTY] = input.kind;
  if (input.hits !== undefined) relationship[HITS_PROPERTY] = input.hits;
  return relationship;
}

export interface GroupingInput {
  name: string;
  description?: string;
  /** A stable key for the set, so a re-export updates the grouping rather than adding one. */
  key: string;
  flagged: boolean;
  created: string;
  modified: string;
  objectRefs: string[];
}

export function groupingObject(input: GroupingInput): StixObject {
  const grouping: StixObject = {
    type: 'grouping',
    spec_version: '2.1',
    id: workbenchId('grouping', input.key),
    created_by_ref: IDENTITY_ID,
    created: input.created,
    modified: input.modified,
    name: input.name,
  };
  if (input.description !== undefined) grouping.description = input.description;
  // grouping-context-ov: lookups that flagged something are suspicious activity; otherwise unspecified.
  grouping.context = input.flagged ? 'suspicious-activity' : 'unspecified';
  grouping.object_refs = input.objectRefs;
  return grouping;
}
