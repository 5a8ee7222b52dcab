import type { LookupType } from '../tip/types';

export type IndicatorType = LookupType;

export interface Indicator {
  type: IndicatorType;
  /** Normalised and refanged: what a lookup sends. */
  value: string;
  /** The text as written where it was first found (defanged, any case, Unicode host). */
  raw: string;
}
