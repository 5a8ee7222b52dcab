import type { LookupType } from '../tip/types';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** What the analyst configures. Never holds a secret: credentials live in the OS keychain. */
export interface Settings {
  /** Base URL of the Threat Lookup API host, https only. */
  tipBaseUrl: string;
  /** Sections asked for by default, per lookup type; an empty list asks for every section. */
  defaultSections: Record<LookupType, string[]>;
  /** Records per list section asked for by default (1..1000). */
  defaultCount: number;
  /** When on, main refuses every network call: offline is a guarantee. */
  offline: boolean;
  theme: Theme;
  /**
   * How long a stored answer is reused instead of asking TIP again, in hours; 0 always asks.
   * Offline, any stored answer is used whatever its age.
   */
  cacheTtlHours: number;
  /** Lookups in flight at once in a bulk run (1..MAX_CONCURRENCY). */
  bulkConcurrency: number;
  /** A run that would send more requests than this asks first (0 always asks). */
  confirmAbove: number;
  /** Neighbours of one kind above this count become one group node in the graph. */
  groupThreshold: number;
  /** cytoscape's canvas renderer, or its WebGL one (faster on a real GPU for large graphs). */
  graphRenderer: GraphRenderer;
}

export const GRAPH_RENDERERS = ['canvas', 'webgl'] as const;
export type GraphRenderer = (typeof GRAPH_RENDERERS)[number];

export const DEFAULT_TIP_BASE_URL = 'https://tip.kaspersky.com';
export const MAX_COUNT = 1000;
/** A year: answers older than that are history, not a cache. */
export const MAX_CACHE_TTL_HOURS = 24 * 365;
export const MAX_CONCURRENCY = 16;
export const MAX_CONFIRM_ABOVE = 100_000;
export const MAX_GROUP_THRESHOLD = 1000;

export function defaultSettings(): Settings {
  return {
    tipBaseUrl: DEFAULT_TIP_BASE_URL,
    defaultSections: { ip: [], domain: [], url: [], hash: [] },
    defaultCount: 100,
    offline: false,
    theme: 'system',
    cacheTtlHours: 24,
    bulkConcurrency: 8,
    confirmAbove: 50,
    groupThreshold: 25,
    graphRenderer: 'canvas',
  };
}
