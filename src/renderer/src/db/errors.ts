/**
 * Storage failures as workbench errors. IndexedDB aborts the whole transaction on any failure, so
 * "nothing was saved" is true of every write here: a full disk never leaves half an answer or half
 * a case behind.
 */
import type { WorkbenchError } from '@shared/ipc/contract';

function errorName(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const record = error as { name?: unknown; inner?: unknown };
  const inner = errorName(record.inner);
  // Dexie wraps the DOMException (AbortError with an inner QuotaExceededError): the inner one says why.
  if (inner === 'QuotaExceededError') return inner;
  return typeof record.name === 'string' ? record.name : inner;
}

export function isQuotaExceeded(error: unknown): boolean {
  return errorName(error) === 'QuotaExceededError';
}

/** `doing` completes "… could not be saved": e.g. "The answer for bad.example.com". */
export function storageError(error: unknown, doing: string): WorkbenchError {
  if (isQuotaExceeded(error)) {
    return {
      code: 'STORAGE',
      message: `${doing} could not be saved: the disk is full. Nothing was written and everything stored before is intact — free some space, or forget old answers in Settings.`,
      retryable: true,
    };
  }
  const name = errorName(error) || 'unknown error';
  return {
    code: 'STORAGE',
    message: `${doing} could not be saved (${name}). Nothing was written and everything stored before is intact.`,
    retryable: true,
  };
}

/** Runs a store operation and turns a thrown storage error into a value. */
export async function guardStorage<T>(
  doing: string,
  run: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: WorkbenchError }> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error: storageError(error, doing) };
  }
}
