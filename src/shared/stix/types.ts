/** Shapes of `lookupsToStixBundle`'s input and output (a public seam: ARCHITECTURE.md). */
import type { LookupType } from '../tip/types';

export interface StixLookup {
  type: LookupType;
  value: string;
  /** The raw answer as TIP gave it: JSON, a STIX bundle (format=stix), null for a 404, or junk. */
  body: unknown;
  /** When the answer arrived, ISO-8601. */
  fetchedAt: string;
}

export interface StixBundleOptions {
  /** The grouping's name (e.g. the case name). */
  name?: string;
  /** The grouping's description (e.g. the case notes). */
  description?: string;
}

/** Any STIX 2.1 object; the builders in this folder fill the properties their type needs. */
export interface StixObject {
  type: string;
  id: string;
  spec_version?: string;
  [property: string]: unknown;
}

export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

/** TIP's zones, as REFERENCE.md spells them. */
export type TipZone = 'Red' | 'Orange' | 'Yellow' | 'Grey' | 'Green';

/** The zones that make a detection rule: dangerous, not trusted, adware and other. */
export const FLAGGED_ZONES: readonly TipZone[] = ['Red', 'Orange', 'Yellow'];
