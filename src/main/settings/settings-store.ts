/**
 * Settings live as JSON in the user-data folder. Writes are atomic (temp file + rename) so a crash
 * mid-write leaves the old file intact; a file that cannot be read is moved aside, replaced by
 * defaults, and reported as a notice — never a crash. Settings never hold secrets.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AppNotice, SettingsPatch } from '../../shared/ipc/contract';
import { fail, ok, type Result } from '../../shared/ipc/result';
import {
  defaultSettings,
  GRAPH_RENDERERS,
  MAX_CACHE_TTL_HOURS,
  MAX_CONCURRENCY,
  MAX_CONFIRM_ABOVE,
  MAX_COUNT,
  MAX_GROUP_THRESHOLD,
  PROXY_MODES,
  THEMES,
  type Settings,
} from '../../shared/settings';
import { checkNoProxy, checkProxyUrl } from '../../shared/settings/proxy';
import { LOOKUP_TYPES, SECTIONS } from '../../shared/tip/types';

export const SETTINGS_FILE = 'settings.json';

export interface SettingsStore {
  get(): Settings;
  update(patch: SettingsPatch): Promise<Result<Settings>>;
  /** Messages produced while loading (e.g. a corrupt file kept aside). */
  readonly notices: readonly AppNotice[];
  readonly path: string;
}

export async function openSettingsStore(dir: string, now: () => Date = () => new Date()): Promise<SettingsStore> {
  const path = join(dir, SETTINGS_FILE);
  const notices: AppNotice[] = [];
  await fs.mkdir(dir, { recursive: true }).catch((error: unknown) => {
    notices.push({ level: 'error', message: `The data folder ${dir} could not be created (${describeFsError(error)}).` });
  });
  let current = await load(path, dir, notices, now);

  return {
    path,
    notices,
    get: () => structuredClone(current),
    async update(patch) {
      const merged = applyPatch(current, patch);
      if (!merged.ok) return merged;
      try {
        await writeAtomically(path, JSON.stringify({ version: 1, settings: merged.value }, null, 2));
      } catch (error) {
        return fail('STORAGE', `Settings could not be saved: ${describeFsError(error)}. Nothing was changed.`, {
          retryable: true,
        });
      }
      current = merged.value;
      return ok(structuredClone(current));
    },
  };
}

async function load(path: string, dir: string, notices: AppNotice[], now: () => Date): Promise<Settings> {
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return defaultSettings();
    notices.push({ level: 'error', message: `Settings could not be read (${describeFsError(error)}); defaults are in use.` });
    return defaultSettings();
  }
  const parsed = parseSettingsFile(text);
  if (parsed) return parsed;

  const stamp = now().toISOString().replace(/[:.]/g, '-');
  const aside = join(dir, `settings.corrupt-${stamp}.json`);
  try {
    await fs.rename(path, aside);
    notices.push({
      level: 'warning',
      message: `The settings file was damaged and has been kept aside as ${aside}; defaults are in use.`,
    });
  } catch (error) {
    notices.push({
      level: 'warning',
      message: `The settings file was damaged and could not be moved aside (${describeFsError(error)}); defaults are in use.`,
    });
  }
  return defaultSettings();
}

/** Accepts the stored file tolerantly: unknown keys dropped, bad values replaced by defaults. */
export function parseSettingsFile(text: string): Settings | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(data) || !isRecord(data.settings)) return null;
  const stored = data.settings;
  const result = defaultSettings();
  const patch: SettingsPatch = {};
  if (typeof stored.tipBaseUrl === 'string') patch.tipBaseUrl = stored.tipBaseUrl;
  if (typeof stored.defaultCount === 'number') patch.defaultCount = stored.defaultCount;
  if (typeof stored.offline === 'boolean') patch.offline = stored.offline;
  if (typeof stored.cacheTtlHours === 'number') patch.cacheTtlHours = stored.cacheTtlHours;
  if (typeof stored.bulkConcurrency === 'number') patch.bulkConcurrency = stored.bulkConcurrency;
  if (typeof stored.confirmAbove === 'number') patch.confirmAbove = stored.confirmAbove;
  if (typeof stored.groupThreshold === 'number') patch.groupThreshold = stored.groupThreshold;
  if (typeof stored.graphRenderer === 'string' && (GRAPH_RENDERERS as readonly string[]).includes(stored.graphRenderer)) {
    patch.graphRenderer = stored.graphRenderer as Settings['graphRenderer'];
  }
  if (typeof stored.theme === 'string' && (THEMES as readonly string[]).includes(stored.theme)) {
    patch.theme = stored.theme as Settings['theme'];
  }
  // The address before the mode: a manual mode needs its address in place to be accepted.
  if (typeof stored.proxyUrl === 'string') patch.proxyUrl = stored.proxyUrl;
  if (typeof stored.noProxy === 'string') patch.noProxy = stored.noProxy;
  if (typeof stored.proxyMode === 'string' && (PROXY_MODES as readonly string[]).includes(stored.proxyMode)) {
    patch.proxyMode = stored.proxyMode as Settings['proxyMode'];
  }
  if (isRecord(stored.defaultSections)) {
    const sections: SettingsPatch['defaultSections'] = {};
    for (const type of LOOKUP_TYPES) {
      const list = stored.defaultSections[type];
      if (Array.isArray(list) && list.every((s) => typeof s === 'string')) sections[type] = list as string[];
    }
    patch.defaultSections = sections;
  }
  // Apply field by field so one bad value does not discard the rest.
  let settings = result;
  for (const [key, value] of Object.entries(patch)) {
    const next = applyPatch(settings, { [key]: value } as SettingsPatch);
    if (next.ok) settings = next.value;
  }
  return settings;
}

export function applyPatch(base: Settings, patch: SettingsPatch): Result<Settings> {
  const next: Settings = structuredClone(base);
  if (patch.tipBaseUrl !== undefined) {
    const url = normaliseBaseUrl(patch.tipBaseUrl);
    if (!url.ok) return url;
    next.tipBaseUrl = url.value;
  }
  if (patch.defaultCount !== undefined) {
    if (!Number.isInteger(patch.defaultCount) || patch.defaultCount < 1 || patch.defaultCount > MAX_COUNT) {
      return fail('INVALID_INPUT', `The default count must be a whole number from 1 to ${MAX_COUNT}.`);
    }
    next.defaultCount = patch.defaultCount;
  }
  if (patch.offline !== undefined) next.offline = patch.offline;
  if (patch.cacheTtlHours !== undefined) {
    if (!Number.isFinite(patch.cacheTtlHours) || patch.cacheTtlHours < 0 || patch.cacheTtlHours > MAX_CACHE_TTL_HOURS) {
      return fail('INVALID_INPUT', `Answers can be reused for 0 to ${MAX_CACHE_TTL_HOURS} hours (a year).`);
    }
    next.cacheTtlHours = patch.cacheTtlHours;
  }
  if (patch.bulkConcurrency !== undefined) {
    if (!Number.isInteger(patch.bulkConcurrency) || patch.bulkConcurrency < 1 || patch.bulkConcurrency > MAX_CONCURRENCY) {
      return fail('INVALID_INPUT', `Lookups in flight must be a whole number from 1 to ${MAX_CONCURRENCY}.`);
    }
    next.bulkConcurrency = patch.bulkConcurrency;
  }
  if (patch.confirmAbove !== undefined) {
    if (!Number.isInteger(patch.confirmAbove) || patch.confirmAbove < 0 || patch.confirmAbove > MAX_CONFIRM_ABOVE) {
      return fail('INVALID_INPUT', `The confirmation threshold must be a whole number from 0 to ${MAX_CONFIRM_ABOVE}.`);
    }
    next.confirmAbove = patch.confirmAbove;
  }
  if (patch.groupThreshold !== undefined) {
    if (!Number.isInteger(patch.groupThreshold) || patch.groupThreshold < 1 || patch.groupThreshold > MAX_GROUP_THRESHOLD) {
      return fail('INVALID_INPUT', `The group threshold must be a whole number from 1 to ${MAX_GROUP_THRESHOLD}.`);
    }
    next.groupThreshold = patch.groupThreshold;
  }
  if (patch.graphRenderer !== undefined) next.graphRenderer = patch.graphRenderer;
  if (patch.theme !== undefined) next.theme = patch.theme;
  if (patch.proxyUrl !== undefined) {
    const url = checkProxyUrl(patch.proxyUrl);
    if (!url.ok) return fail('INVALID_INPUT', url.message);
    next.proxyUrl = url.value;
  }
  if (patch.noProxy !== undefined) {
    const list = checkNoProxy(patch.noProxy);
    if (!list.ok) return fail('INVALID_INPUT', list.message);
    next.noProxy = list.value;
  }
  if (patch.proxyMode !== undefined) {
    if (!(PROXY_MODES as readonly string[]).includes(patch.proxyMode)) {
      return fail('INVALID_INPUT', 'The proxy mode is "system", "manual" or "off".');
    }
    next.proxyMode = patch.proxyMode;
  }
  if (next.proxyMode === 'manual' && next.proxyUrl === '') {
    return fail('INVALID_INPUT', 'A manual proxy needs its address (http://host:port), or choose another proxy option.');
  }
  if (patch.defaultSections !== undefined) {
    for (const type of LOOKUP_TYPES) {
      const list = patch.defaultSections[type];
      if (list === undefined) continue;
      const unknown = list.filter((s) => !SECTIONS[type].includes(s));
      if (unknown.length > 0) {
        return fail('INVALID_INPUT', `Unknown ${type} section${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}.`);
      }
      next.defaultSections[type] = [...new Set(list)];
    }
  }
  return ok(next);
}

function normaliseBaseUrl(input: string): Result<string> {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return fail('INVALID_INPUT', 'The TIP base URL is not a valid web address.');
  }
  if (url.protocol !== 'https:') {
    return fail('INVALID_INPUT', 'The TIP base URL must start with https:// — credentials are never sent in clear.');
  }
  if (url.username || url.password) {
    return fail('INVALID_INPUT', 'The TIP base URL must not contain a user name or password.');
  }
  if (url.search || url.hash) {
    return fail('INVALID_INPUT', 'The TIP base URL must not contain a query or fragment.');
  }
  return ok(url.origin + url.pathname.replace(/\/+$/, ''));
}

export async function writeAtomically(path: string, text: string | Uint8Array): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await fs.open(temp, 'w', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, path);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNotFound(error: unknown): boolean {
  return isRecord(error) && error.code === 'ENOENT';
}

export function describeFsError(error: unknown): string {
  const code = isRecord(error) && typeof error.code === 'string' ? error.code : '';
  switch (code) {
    case 'ENOSPC':
      return 'the disk is full';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the disk is read-only';
    case 'ENOENT':
      return 'the folder does not exist';
    default:
      return code ? `file system error ${code}` : 'unknown file system error';
  }
}
