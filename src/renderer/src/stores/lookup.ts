/**
 * The lookup flow, store first: a fresh enough stored answer is shown at once (any stored answer
 * when offline); otherwise main asks TIP, and the answer is written to IndexedDB — with what it
 * teaches — before it is shown, so the result view always reads the store. When TIP cannot be
 * reached, the newest stored answer stands in, with a banner that says so and how old it is.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { LookupParams } from '@shared/case-file/types';
import { validateLookupValue } from '@shared/indicators/validate';
import type { LicenseInfo, LookupRequest, WorkbenchError } from '@shared/ipc/contract';
import type { LookupType } from '@shared/tip/types';
import { callBridge } from '@renderer/services/bridge';
import { db, strictDb } from '@renderer/db/database';
import { findCached, latestAnswer } from '@renderer/db/answers';
import { addNodes } from '@renderer/db/cases';
import { guardStorage } from '@renderer/db/errors';
import { ingestLookups, toLookupRow } from '@renderer/db/ingest';
import type { LookupRow } from '@renderer/db/rows';
import { useLiveQuery } from '@renderer/composables/use-live-query';
import { useCasesStore } from './cases';
import { useSettingsStore } from './settings';

export type TypeChoice = 'auto' | LookupType;

export interface LookupFailure {
  request: LookupRequest;
  error: WorkbenchError;
  /** The analyst asked to bypass the store; a retry does the same. */
  force: boolean;
}

export interface PendingLookup {
  requestId: string;
  request: LookupRequest;
}

/** Where the answer on screen came from. */
export type AnswerSource =
  | { kind: 'network' }
  | { kind: 'store'; reason: 'fresh' | 'offline' | 'picked' }
  /** TIP could not be reached; this stored answer stands in. */
  | { kind: 'fallback'; error: WorkbenchError }
  /** It arrived but could not be stored (a full disk): shown, not kept. */
  | { kind: 'unsaved'; error: WorkbenchError };

export type LookupCost =
  | { kind: 'offline' }
  | { kind: 'known'; left: number; quota: number }
  /** The last LicenseInfo says today's requests reached the quota: TIP refuses until it resets. */
  | { kind: 'spent'; used: number; quota: number }
  | { kind: 'unknown' };

/** Failures that mean TIP was not reached at all (not a refusal, not a bad certificate). */
const UNREACHABLE = new Set<WorkbenchError['code']>(['NETWORK', 'TIMEOUT']);

// Stop-gap until src/shared/indicators brings the full extractor: common defangs only.
export function refang(value: string): string {
  return value
    .trim()
    .replace(/^hxxp(s?)(?=:|\[:)/i, 'http$1')
    .replace(/\[:\]/g, ':')
    .replace(/\[\/\/\]/g, '//')
    .replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]/gi, '.');
}

// Loose on purpose: this guesses what the analyst meant; validation then refuses `999.1.1.1` as a
// bad IP with a reason, instead of it being looked up as a domain.
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const IPV6 = /^[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?:%\w+)?$|^[0-9a-f:]*:(?:\d{1,3}\.){3}\d{1,3}$/i;
const HASH = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** A bare IP is an ip lookup; with a scheme or a path it is a url (REFERENCE.md). */
export function detectType(value: string): LookupType {
  const v = refang(value);
  if (IPV4.test(v) || (v.includes(':') && IPV6.test(v))) return 'ip';
  if (HASH.test(v)) return 'hash';
  if (SCHEME.test(v) || v.includes('/')) return 'url';
  return 'domain';
}

function paramsOf(request: LookupRequest): LookupParams {
  const params: LookupParams = { format: request.format ?? 'json' };
  if (request.count !== undefined) params.count = request.count;
  if (request.sections?.length) params.sections = [...request.sections];
  return params;
}

export const useLookupStore = defineStore('lookup', () => {
  /** The stored answer on screen, read live from IndexedDB by id. */
  const currentId = ref<string | null>(null);
  /** An answer that could not be stored is shown from memory instead. */
  const unsaved = shallowRef<LookupRow | null>(null);
  const source = shallowRef<AnswerSource>({ kind: 'network' });
  const pending = shallowRef<PendingLookup | null>(null);
  const failure = shallowRef<LookupFailure | null>(null);
  /** The last LicenseInfo seen, from a lookup or a connection check: drives the quota line. */
  const license = ref<LicenseInfo | null>(null);

  const stored = useLiveQuery(
    async (id) => (id === null ? null : ((await db().lookups.get(id)) ?? null)),
    null as LookupRow | null,
    () => currentId.value,
  );
  /** The answer on screen: shallow and raw, never deep-reactive (thousands of records). */
  const current = computed<LookupRow | null>(() => unsaved.value ?? stored.value.value);

  const quotaLeft = computed<number | null>(() => {
    const quota = license.value?.DayQuota;
    const used = license.value?.DayRequests;
    if (typeof quota !== 'number' || typeof used !== 'number') return null;
    return Math.max(0, quota - used);
  });

  const cost = computed<LookupCost>(() => {
    if (useSettingsStore().offline) return { kind: 'offline' };
    const quota = license.value?.DayQuota;
    const used = license.value?.DayRequests;
    if (typeof quota !== 'number' || typeof used !== 'number') return { kind: 'unknown' };
    if (used >= quota) return { kind: 'spent', used, quota };
    return { kind: 'known', left: quota - used, quota };
  });

  function rememberLicense(info: LicenseInfo | undefined | null): void {
    if (info && (typeof info.DayQuota === 'number' || typeof info.DayRequests === 'number')) {
      license.value = { ...info };
    }
  }

  /** Builds the request from what the analyst typed and the default sections and count. */
  function buildRequest(text: string, choice: TypeChoice): LookupRequest {
    const value = refang(text);
    const type = choice === 'auto' ? detectType(value) : choice;
    const request: LookupRequest = { type, value };
    const settings = useSettingsStore().settings;
    if (settings) {
      request.count = settings.defaultCount;
      const sections = settings.defaultSections[type];
      if (sections.length > 0) request.sections = [...sections];
    }
    return request;
  }

  function show(row: LookupRow, from: AnswerSource): void {
    unsaved.value = null;
    currentId.value = row.id;
    source.value = from;
    failure.value = null;
  }

  /** Puts the answer's indicator into the open case (the default case when none is open). */
  async function file(row: LookupRow): Promise<void> {
    const cases = useCasesStore();
    const added = await guardStorage('The case', async () =>
      addNodes(strictDb(), await cases.ensureOpen(), [row.entityId], { source: 'lookup', lookupId: row.id }),
    );
    if (!added.ok) failure.value = { request: { type: row.type, value: row.value }, error: added.error, force: false };
  }

  /** A stored answer, or none when the store cannot be read (TIP is then asked as if none were kept). */
  async function storedAnswer(
    request: { type: LookupType; value: string; params: LookupParams },
    maxAgeMs: number,
  ): Promise<LookupRow | undefined> {
    const found = await guardStorage('Reading the store', () => findCached(db(), request, maxAgeMs));
    return found.ok ? found.value : undefined;
  }

  async function run(request: LookupRequest, options: { force?: boolean } = {}): Promise<void> {
    const force = options.force ?? false;
    if (pending.value) await cancel();
    failure.value = null;
    const checked = validateLookupValue(request.type, request.value);
    if (!checked.ok) {
      failure.value = { request, error: checked.error, force };
      return;
    }
    const normal: LookupRequest = { ...request, value: checked.value };
    const params = paramsOf(normal);
    const settings = useSettingsStore();
    const offline = settings.offline;

    if (offline || !force) {
      const ttlMs = offline ? Number.POSITIVE_INFINITY : (settings.settings?.cacheTtlHours ?? 24) * 3600 * 1000;
      const cached = ttlMs > 0 ? await storedAnswer({ type: normal.type, value: normal.value, params }, ttlMs) : undefined;
      if (cached) {
        show(cached, { kind: 'store', reason: offline ? 'offline' : 'fresh' });
        await file(cached);
        return;
      }
      if (offline) {
        failure.value = {
          request: normal,
          force,
          error: {
            code: 'OFFLINE',
            message: `Offline mode is on and nothing is stored for ${normal.value}. Turn offline mode off to ask TIP.`,
            retryable: false,
          },
        };
        return;
      }
    }

    const requestId = crypto.randomUUID();
    pending.value = { requestId, request: normal };
    const result = await callBridge((api) => api.tip.lookup({ ...normal, requestId }));
    // A newer lookup or a cancel took over while this one was in flight.
    if (pending.value?.requestId !== requestId) return;
    pending.value = null;
    if (!result.ok) {
      if (UNREACHABLE.has(result.error.code)) {
        const standIn = await storedAnswer({ type: normal.type, value: normal.value, params }, Number.POSITIVE_INFINITY);
        if (standIn) {
          show(standIn, { kind: 'fallback', error: result.error });
          return;
        }
      }
      failure.value = { request: normal, error: result.error, force };
      return;
    }
    rememberLicense(result.value.license);
    const row = toLookupRow({ type: normal.type, value: normal.value, params }, result.value, new Date().toISOString());
    const written = await guardStorage(`The answer for ${normal.value}`, () => ingestLookups(db(), [row]));
    if (!written.ok) {
      currentId.value = null;
      unsaved.value = row;
      source.value = { kind: 'unsaved', error: written.error };
      return;
    }
    show(row, { kind: 'network' });
    await file(row);
  }

  /** Main validates the value again; the renderer refangs it and picks the type for "auto". */
  function lookup(text: string, choice: TypeChoice, options: { force?: boolean } = {}): Promise<void> {
    return run(buildRequest(text, choice), options);
  }

  /** Asks TIP again for the answer on screen, whatever the store holds. */
  async function refresh(): Promise<void> {
    const row = current.value;
    if (!row) return;
    const request: LookupRequest = { type: row.type, value: row.value };
    if (row.params.count !== undefined) request.count = row.params.count;
    if (row.params.sections?.length) request.sections = [...row.params.sections];
    if (row.params.format !== 'json') request.format = row.params.format;
    await run(request, { force: true });
  }

  /** Shows a stored answer (from search, history or a case) without asking TIP. */
  function showStored(row: LookupRow): void {
    show(row, { kind: 'store', reason: 'picked' });
  }

  /** Shows the newest stored answer about an entity; false when none is stored. */
  async function showLatest(entityId: string): Promise<boolean> {
    const found = await guardStorage('Reading the store', () => latestAnswer(db(), entityId));
    const row = found.ok ? found.value : undefined;
    if (!row) return false;
    showStored(row);
    return true;
  }

  async function retry(): Promise<void> {
    if (failure.value) await run(failure.value.request, { force: failure.value.force });
  }

  async function cancel(): Promise<void> {
    const inFlight = pending.value;
    if (!inFlight) return;
    pending.value = null;
    failure.value = {
      request: inFlight.request,
      force: false,
      error: { code: 'CANCELLED', message: 'The lookup was cancelled.', retryable: true },
    };
    await callBridge((api) => api.tip.cancel({ requestId: inFlight.requestId }));
  }

  function dismissFailure(): void {
    failure.value = null;
  }

  return {
    currentId,
    current,
    source,
    pending,
    failure,
    license,
    quotaLeft,
    cost,
    rememberLicense,
    buildRequest,
    lookup,
    refresh,
    showStored,
    showLatest,
    retry,
    cancel,
    dismissFailure,
  };
});
