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
  /**
   * How TIP is reached: `system` follows HTTPS_PROXY / NO_PROXY from the environment, `manual`
   * uses `proxyUrl` and `noProxy`, `off` always connects directly.
   */
  proxyMode: ProxyMode;
  /** `http://host:port` of the manual proxy; never holds credentials (they live in the keychain). */
  proxyUrl: string;
  /** Hosts the manual proxy is not used for, comma-separated (NO_PROXY syntax). */
  noProxy: string;
}

export const PROXY_MODES = ['system', 'manual', 'off'] as const;
export type ProxyMode = (typeof PROXY_MODES)[number];
export const MAX_PROXY_URL_LENGTH = 2048;
export const MAX_NO_PROXY_LENGTH = 4096;

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
    proxyMode: 'system',
    proxyUrl: '',
    noProxy: '',
  };
}
