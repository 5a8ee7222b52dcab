import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import type { LicenseInfo, LookupAnswer, LookupRequest, WorkbenchError } from '@shared/ipc/contract';
import type { LookupType } from '@shared/tip/types';
import { callBridge } from '@renderer/services/bridge';
import { useSettingsStore } from './settings';

export type TypeChoice = 'auto' | LookupType;

/** One answer on screen, with what was asked and when it arrived. */
export interface LookupRecord {
  requestId: string;
  request: LookupRequest;
  answer: LookupAnswer;
  fetchedAt: string;
}

export interface LookupFailure {
  request: LookupRequest;
  error: WorkbenchError;
}

export interface PendingLookup {
  requestId: string;
  request: LookupRequest;
}

export type LookupCost =
  | { kind: 'offline' }
  | { kind: 'known'; left: number; quota: number }
  /** The last LicenseInfo says today's requests reached the quota: TIP refuses until it resets. */
  | { kind: 'spent'; used: number; quota: number }
  | { kind: 'unknown' };

// Stop-gap until src/shared/indicators brings the full extractor: common defangs only.
export function refang(value: string): string {
  return value
    .trim()
    .replace(/^hxxp(s?)(?=:|\[:)/i, 'http$1')
    .replace(/\[:\]/g, ':')
    .replace(/\[\/\/\]/g, '//')
    .replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]/gi, '.');
}

// Loose on purpose: this guesses what the analyst meant; main's validation (shared/indicators)
// then refuses `999.1.1.1` as a bad IP with a reason, instead of it being looked up as a domain.
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

function newRequestId(): string {
  return crypto.randomUUID();
}

export const useLookupStore = defineStore('lookup', () => {
  // Answers can hold thousands of records: kept shallow and raw, never deep-reactive.
  const current = shallowRef<LookupRecord | null>(null);
  const pending = shallowRef<PendingLookup | null>(null);
  const failure = shallowRef<LookupFailure | null>(null);
  /** The last LicenseInfo seen, from a lookup or a connection check: drives the quota line. */
  const license = ref<LicenseInfo | null>(null);

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

  async function run(request: LookupRequest): Promise<void> {
    if (pending.value) await cancel();
    const requestId = newRequestId();
    pending.value = { requestId, request };
    failure.value = null;
    const result = await callBridge((api) => api.tip.lookup({ ...request, requestId }));
    // A newer lookup or a cancel took over while this one was in flight.
    if (pending.value?.requestId !== requestId) return;
    pending.value = null;
    if (result.ok) {
      current.value = markRaw({
        requestId,
        request,
        answer: result.value,
        fetchedAt: new Date().toISOString(),
      });
      rememberLicense(result.value.license);
    } else {
      failure.value = { request, error: result.error };
    }
  }

  /** Main validates the value; the renderer only refangs it and picks the type for "auto". */
  function lookup(text: string, choice: TypeChoice): Promise<void> {
    return run(buildRequest(text, choice));
  }

  async function retry(): Promise<void> {
    if (failure.value) await run(failure.value.request);
  }

  async function cancel(): Promise<void> {
    const inFlight = pending.value;
    if (!inFlight) return;
    pending.value = null;
    failure.value = {
      request: inFlight.request,
      error: { code: 'CANCELLED', message: 'The lookup was cancelled.', retryable: true },
    };
    await callBridge((api) => api.tip.cancel({ requestId: inFlight.requestId }));
  }

  function dismissFailure(): void {
    failure.value = null;
  }

  return {
    current,
    pending,
    failure,
    license,
    quotaLeft,
    cost,
    rememberLicense,
    buildRequest,
    lookup,
    retry,
    cancel,
    dismissFailure,
  };
});
