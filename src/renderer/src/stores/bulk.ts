/**
 * A pasted list becomes a queue: each row store first (a stored answer takes no request and no
 * slot), a bounded number in flight, rate limits slowing the whole run rather than failing rows.
 * The rows are the queue's snapshots, observed shallowly (a run can hold thousands).
 */
import { defineStore } from 'pinia';
import { computed, markRaw, shallowRef } from 'vue';
import type { Indicator } from '@shared/indicators';
import type { LookupRequest } from '@shared/ipc/contract';
import { createLookupQueue } from '@shared/lookups/queue';
import type { LookupQueue, QueueSnapshot } from '@shared/lookups/queue-types';
import type { LookupRow } from '@renderer/db/rows';
import { useLookupStore, type AnswerSource } from './lookup';
import { useSettingsStore } from './settings';

export interface BulkItem {
  indicator: Indicator;
  request: LookupRequest;
}

export interface BulkValue {
  row: LookupRow;
  source: AnswerSource;
}

export type BulkSnapshot = QueueSnapshot<BulkItem, BulkValue>;

export const useBulkStore = defineStore('bulk', () => {
  const snapshot = shallowRef<BulkSnapshot | null>(null);
  const startedAt = shallowRef<number | null>(null);
  let queue: LookupQueue<BulkItem, BulkValue> | null = null;

  const running = computed(() => snapshot.value !== null && !snapshot.value.finished);

  function start(indicators: readonly Indicator[]): void {
    queue?.cancel();
    const lookup = useLookupStore();
    const settings = useSettingsStore();
    const items = indicators.map((indicator) => ({ indicator, request: lookup.buildRequest(indicator.value, indicator.type) }));
    startedAt.value = Date.now();
    queue = markRaw(
      createLookupQueue<BulkItem, BulkValue>({
        concurrency: settings.settings?.bulkConcurrency ?? 8,
        // Store first: a fresh stored answer (any, offline) takes no slot and sends nothing.
        lookupStored: async (item) => {
          const stored = await lookup.fromStore(item.request);
          return stored ?? undefined;
        },
        run: async (item, signal) => {
          // `lookupStored` just found nothing usable: skip the store (offline, resolve still looks,
          // to say that nothing is stored).
          const outcome = await lookup.resolve(item.request, { signal: signal as AbortSignal, force: true });
          return outcome.ok ? { ok: true, value: { row: outcome.row, source: outcome.source } } : { ok: false, error: outcome.error };
        },
        onChange: (next) => {
          snapshot.value = next;
        },
      }),
    );
    queue.add(items);
    snapshot.value = queue.snapshot();
  }

  function cancel(): void {
    queue?.cancel();
  }

  function retryFailed(): number {
    return queue?.retryFailed() ?? 0;
  }

  /** Clears a finished run from the screen. */
  function dismiss(): void {
    if (running.value) return;
    queue = null;
    snapshot.value = null;
    startedAt.value = null;
  }

  return { snapshot, startedAt, running, start, cancel, retryFailed, dismiss };
});
