/**
 * Builds `window.workbench` from the contract: one typed method per operation, each bound to its
 * own channel. The page never gets `ipcRenderer` or a generic `invoke(channel)`.
 */
import {
  OPERATIONS,
  channelOf,
  splitOperation,
  type WorkbenchApi,
} from '../shared/ipc/contract';

export type Invoke = (channel: string, ...args: unknown[]) => Promise<unknown>;

export function buildWorkbenchApi(invoke: Invoke): WorkbenchApi {
  const areas: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {};
  for (const op of OPERATIONS) {
    const [area, action] = splitOperation(op);
    const channel = channelOf(op);
    const methods = (areas[area] ??= {});
    // Send no argument at all for operations without a request, so main's size and shape checks
    // see exactly what the contract says.
    methods[action] = (request?: unknown) =>
      request === undefined ? invoke(channel) : invoke(channel, request);
  }
  for (const methods of Object.values(areas)) Object.freeze(methods);
  // The cast is checked in tests/main/preload-api.test.ts: every contract operation is present.
  return Object.freeze(areas) as unknown as WorkbenchApi;
}
