/**
 * The only module that touches `window.workbench`. Stores reach main through `callBridge`; tests
 * swap the implementation with `setBridge(fake)`.
 */
import type { Result, WorkbenchApi, WorkbenchError } from '@shared/ipc/contract';

const BRIDGE_MISSING: WorkbenchError = {
  code: 'INTERNAL',
  message: 'The workbench bridge is not available',
  retryable: false,
};

function unavailable<T>(): Promise<Result<T>> {
  return Promise.resolve({ ok: false, error: { ...BRIDGE_MISSING } });
}

/** Answers every operation with the same error, so a page opened outside the app still renders. */
export const missingBridge: WorkbenchApi = {
  app: { info: unavailable, openExternal: unavailable },
  settings: { get: unavailable, set: unavailable },
  tip: { lookup: unavailable, cancel: unavailable },
  credentials: {
    status: unavailable,
    importCertificate: unavailable,
    setBasic: unavailable,
    setToken: unavailable,
    setAuthMode: unavailable,
    delete: unavailable,
    check: unavailable,
  },
  network: {
    status: unavailable,
    chooseCa: unavailable,
    removeCa: unavailable,
    setProxyCredentials: unavailable,
    deleteProxyCredentials: unavailable,
  },
  cases: { saveFile: unavailable, openFile: unavailable },
};

let override: WorkbenchApi | null = null;

/** Replace the bridge (tests); `null` goes back to `window.workbench`. */
export function setBridge(api: WorkbenchApi | null): void {
  override = api;
}

/** Looked up on every call: the preload (or a test harness) may define it after this module loads. */
export function getBridge(): WorkbenchApi {
  return override ?? window.workbench ?? missingBridge;
}

/**
 * Calls one operation. Main answers with values, but the IPC transport itself can still reject
 * (a handler not registered yet): that becomes an INTERNAL result so callers handle one shape.
 */
export async function callBridge<T>(
  call: (api: WorkbenchApi) => Promise<Result<T>>,
): Promise<Result<T>> {
  try {
    return await call(getBridge());
  } catch (cause) {
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: 'The request to the workbench failed unexpectedly.',
        retryable: false,
        detail: cause instanceof Error ? cause.message : String(cause),
      },
    };
  }
}
