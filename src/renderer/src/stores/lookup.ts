/**
 * The lookup flow, store first: a fresh enough stored answer is shown at once (any stored answer
 * when offline); otherwise main asks TIP, and the answer is written to IndexedDB — with what it
 * teaches — before it is shown, so the result view always reads the store. When TIP cannot be
 * reached, the newest stored answer stands in, with a banner that says so and how old it is.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { LookupParams } from '@shared/case-file/types';
import { extractIndicators } from '@shared/indicators';
import { refangText } from '@shared/indicators/defang';
import { guessType } from '@shared/indicators/guess-type';
import { validateLookupValue } from '@shared/indicators/validate';
import type { LicenseInfo, LookupRequest, WorkbenchError } from '@shared/ipc/contract';
import type { LookupType } from '@shared/tip/types';
import { callBridge } from '@renderer/services/bridge';
import { db, strictDb } from '@renderer/db/database';
import { findCached, latestAnswer } from '@renderer/db/answers';
import { addWithNeighbours } from '@renderer/graph/expand';
import { guardStorage } from '@renderer/db/errors';
import { ingestLookups, toLookupRow } from '@renderer/db/ingest';
import type { LookupRow } from '@renderer/db/rows';
import { useLiveQuery } from '@renderer/composables/use-live-query';
import { useCasesStore } from './cases';
import { useSettingsStore } from './settings';
import { useToastsStore } from './toasts';

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

export interface ResolveOptions {
  /** Bypass the store (Refresh). */
  force?: boolean;
  /** Names the request to main, so it can be cancelled. */
  requestId?: string;
  /** Aborting it cancels the request in main. */
  signal?: AbortSignal;
  /** File the answer into the open case (default true); an expansion files it its own way. */
  file?: boolean;
}

export type Resolved =
  | { ok: true; row: LookupRow; source: AnswerSource }
  | { ok: false; request: LookupRequest; error: WorkbenchError };

export type LookupCost =
  | { kind: 'offline' }
  | { kind: 'known'; left: number; quota: number }
  /** The last LicenseInfo says today's requests reached the quota: TIP refuses until it resets. */
  | { kind: 'spent'; used: number; quota: number }
  | { kind: 'unknown' };

/** Failures that mean TIP was not reached at all (not a refusal, not a bad certificate). */
const UNREACHABLE = new Set<WorkbenchError['code']>(['NETWORK', 'TIMEOUT']);

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

  /**
   * Builds the request from what the analyst typed and the default sections and count. The
   * extractor decides what the text is; text it finds nothing in is sent as written (refanged), as
   * the kind it most looks like, so validation says what is wrong with it.
   */
  function buildRequest(text: string, choice: TypeChoice): LookupRequest {
    const found = extractIndicators(text)[0];
    const value = found?.value ?? refangText(text.trim());
    const type = choice !== 'auto' ? choice : (found?.type ?? guessType(text));
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

  /**
   * Puts the answer's indicator into the open case (the default case when none is open), with the
   * neighbours its answers name — a large fan as one group node.
   */
  async function file(row: LookupRow): Promise<void> {
    const cases = useCasesStore();
    const threshold = useSettingsStore().settings?.groupThreshold ?? 25;
    const added = await guardStorage('The case', async () =>
      addWithNeighbours(strictDb(), await cases.ensureOpen(), row.entityId, { source: 'lookup', lookupId: row.id, entityId: row.entityId }, threshold),
    );
    if (!added.ok) useToastsStore().show({ level: 'error', message: added.error.message });
  }

  /** A stored answer, or none when the store cannot be read (TIP is then asked as if none were kept). */
  async function storedAnswer(
    request: { type: LookupType; value: string; params: LookupParams },
    maxAgeMs: number,
  ): Promise<LookupRow | undefined> {
    const found = await guardStorage('Reading the store', () => findCached(db(), request, maxAgeMs));
    return found.ok ? found.value : undefined;
  }

  /**
   * The stored answer the cache rule allows for this request right now: one no older than the
   * reuse setting, or any when offline; undefined when TIP would have to be asked (or the value is
   * not valid, which the caller reports).
   */
  async function allowedStored(request: LookupRequest): Promise<LookupRow | undefined> {
    const checked = validateLookupValue(request.type, request.value);
    if (!checked.ok) return undefined;
    const settings = useSettingsStore();
    const maxAgeMs = settings.offline ? Number.POSITIVE_INFINITY : (settings.settings?.cacheTtlHours ?? 24) * 3600 * 1000;
    if (maxAgeMs <= 0) return undefined;
    const normal = { ...request, value: checked.value };
    return storedAnswer({ type: normal.type, value: normal.value, params: paramsOf(normal) }, maxAgeMs);
  }

  /**
   * One lookup, store first, with no screen state: validation, the cache rule, offline, asking TIP,
   * the stand-in when TIP is unreachable, storing the answer and filing it in the open case. The
   * single lookup and every row of a bulk run go through here.
   */
  async function resolve(request: LookupRequest, options: ResolveOptions = {}): Promise<Resolved> {
    const force = options.force ?? false;
    const checked = validateLookupValue(request.type, request.value);
    if (!checked.ok) return { ok: false, request, error: checked.error };
    const normal: LookupRequest = { ...request, value: checked.value };
    const params = paramsOf(normal);
    const settings = useSettingsStore();
    const offline = settings.offline;
    const key = { type: normal.type, value: normal.value, params };

    if (offline || !force) {
      const cached = await allowedStored(normal);
      if (cached) {
        if (options.file !== false) await file(cached);
        return { ok: true, row: cached, source: { kind: 'store', reason: offline ? 'offline' : 'fresh' } };
      }
      if (offline) {
        return {
          ok: false,
          request: normal,
          error: {
            code: 'OFFLINE',
            message: `Offline mode is on and nothing is stored for ${normal.value}. Turn offline mode off to ask TIP.`,
            retryable: false,
          },
        };
      }
    }

    const requestId = options.requestId ?? crypto.randomUUID();
    const onAbort = (): void => void callBridge((api) => api.tip.cancel({ requestId }));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const result = await callBridge((api) => api.tip.lookup({ ...normal, requestId }));
    options.signal?.removeEventListener('abort', onAbort);
    if (!result.ok) {
      if (UNREACHABLE.has(result.error.code)) {
        const standIn = await storedAnswer(key, Number.POSITIVE_INFINITY);
        if (standIn) return { ok: true, row: standIn, source: { kind: 'fallback', error: result.error } };
      }
      return { ok: false, request: normal, error: result.error };
    }
    rememberLicense(result.value.license);
    const row = toLookupRow(key, result.value, new Date().toISOString());
    const written = await guardStorage(`The answer for ${normal.value}`, () => ingestLookups(db(), [row]));
    if (!written.ok) return { ok: true, row, source: { kind: 'unsaved', error: written.error } };
    if (options.file !== false) await file(row);
    return { ok: true, row, source: { kind: 'network' } };
  }

  /**
   * The stored answer a lookup would be answered with right now (fresh enough, or any when
   * offline), filed into the open case; null when TIP would have to be asked.
   */
  async function fromStore(request: LookupRequest): Promise<{ row: LookupRow; source: AnswerSource } | null> {
    const cached = await allowedStored(request);
    if (!cached) return null;
    await file(cached);
    return { row: cached, source: { kind: 'store', reason: useSettingsStore().offline ? 'offline' : 'fresh' } };
  }

  /** How many of these requests the store would answer now, without filing anything. */
  async function countStored(requests: readonly LookupRequest[]): Promise<number> {
    let stored = 0;
    for (const request of requests) if (await allowedStored(request)) stored += 1;
    return stored;
  }

  async function run(request: LookupRequest, options: { force?: boolean } = {}): Promise<void> {
    const force = options.force ?? false;
    if (pending.value) await cancel();
    failure.value = null;
    const requestId = crypto.randomUUID();
    pending.value = { requestId, request };
    const outcome = await resolve(request, { force, requestId });
    // A newer lookup or a cancel took over while this one was in flight.
    if (pending.value?.requestId !== requestId) return;
    pending.value = null;
    if (!outcome.ok) {
      failure.value = { request: outcome.request, error: outcome.error, force };
      return;
    }
    if (outcome.source.kind === 'unsaved') {
      failure.value = null;
      currentId.value = null;
      unsaved.value = outcome.row;
      source.value = outcome.source;
      return;
    }
    show(outcome.row, outcome.source);
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
    resolve,
    fromStore,
    countStored,
    lookup,
    refresh,
    showStored,
    showLatest,
    retry,
    cancel,
    dismissFailure,
  };
});
