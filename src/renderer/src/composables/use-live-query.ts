import { liveQuery } from 'dexie';
import { getCurrentScope, onScopeDispose, shallowRef, watch, type Ref, type ShallowRef, type WatchSource } from 'vue';

export interface LiveQuery<T> {
  /** The latest result; `initial` until the first one arrives. */
  value: ShallowRef<T>;
  /** The last error the query threw, cleared by the next result. */
  error: Ref<unknown>;
  /** False until the first result (or error) for the current inputs arrives. */
  ready: Ref<boolean>;
}

/**
 * A Dexie `liveQuery` as a Vue ref: re-runs whenever a table it read changes — whoever wrote it —
 * and, with `source`, whenever that input changes. Unsubscribes when the calling scope is disposed.
 * Results are held shallowly: answers can hold thousands of records and are never made reactive.
 */
export function useLiveQuery<T, S = undefined>(
  querier: (input: S) => T | Promise<T>,
  initial: T,
  source?: WatchSource<S>,
): LiveQuery<T> {
  const value = shallowRef(initial) as ShallowRef<T>;
  const error = shallowRef<unknown>(null);
  const ready = shallowRef(false);
  let subscription: { unsubscribe(): void } | null = null;

  function subscribe(input: S): void {
    subscription?.unsubscribe();
    ready.value = false;
    subscription = liveQuery(() => querier(input)).subscribe({
      next: (result) => {
        value.value = result;
        error.value = null;
        ready.value = true;
      },
      error: (cause: unknown) => {
        error.value = cause;
        ready.value = true;
      },
    });
  }

  if (source === undefined) subscribe(undefined as S);
  else watch(source, (input) => subscribe(input), { immediate: true });

  if (getCurrentScope()) {
    onScopeDispose(() => {
      subscription?.unsubscribe();
      subscription = null;
    });
  }
  return { value, error, ready };
}
