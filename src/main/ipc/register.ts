/**
 * The one place that talks to `ipcMain`. Every contract operation is registered through
 * `registerHandlers`, which refuses senders other than the app's own main frame and validates the
 * argument (it arrives as `unknown`) before the handler runs. A lint rule forbids
 * `ipcMain.handle`/`ipcMain.on` anywhere else.
 */
import {
  OPERATIONS,
  channelOf,
  type OperationName,
  type RequestOf,
  type ResponseOf,
} from '../../shared/ipc/contract';
import { fail, type Result } from '../../shared/ipc/result';
import { CASE_FILE_LIMITS } from '../../shared/case-file/limits';
import { requestSchemas } from './schemas';

/** What a handler learns about the call besides its argument. */
export interface HandlerContext {
  /** Id of the sending webContents (lets a handler scope state to one window). */
  senderId: number;
}

export type Handler<K extends OperationName> = (
  request: RequestOf<K>,
  context: HandlerContext,
) => Promise<Result<ResponseOf<K>>>;

export type HandlerTable = { [K in OperationName]: Handler<K> };

/** The slice of Electron's IpcMainInvokeEvent the wrapper reads. */
export interface InvokeEventLike {
  sender: { id: number; mainFrame?: unknown };
  senderFrame?: { url: string; parent?: unknown } | null;
}

/** The slice of Electron's `ipcMain` the wrapper needs (tests pass a fake). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface SenderPolicy {
  /** True when the event comes from the app's own top-level frame at the app's own URL. */
  isTrustedSender(event: InvokeEventLike): boolean;
}

/** Arguments larger than this (as JSON) are refused before validation: nothing we accept is big… */
export const MAX_ARGUMENT_BYTES = 64 * 1024;

/**
 * …except a case file or STIX bundle on its way to disk: that channel alone takes up to the case
 * file limit (128 MiB), plus room for the JSON string's escaping.
 */
export const ARGUMENT_CAPS: Partial<Record<OperationName, number>> = {
  'cases.saveFile': CASE_FILE_LIMITS.bytes * 2 + 64 * 1024,
};

export function argumentCap(op: OperationName): number {
  return ARGUMENT_CAPS[op] ?? MAX_ARGUMENT_BYTES;
}

/**
 * Checks sender, size and shape, then runs the handler. Exported on its own so the test harness
 * (which has no Electron IPC) can call exactly what `ipcMain` would.
 */
export async function dispatch<K extends OperationName>(
  op: K,
  table: HandlerTable,
  policy: SenderPolicy,
  event: InvokeEventLike,
  args: readonly unknown[],
): Promise<Result<ResponseOf<K>>> {
  if (!policy.isTrustedSender(event)) {
    return fail('FORBIDDEN_SENDER', `Refused ${op}: the request did not come from the workbench window.`);
  }
  if (args.length > 1) {
    return fail('INVALID_INPUT', `Refused ${op}: expected one argument, got ${args.length}.`);
  }
  const raw = args[0];
  const size = measureJson(raw);
  if (size === null) {
    return fail('INVALID_INPUT', `Refused ${op}: the argument is not plain data.`);
  }
  const cap = argumentCap(op);
  if (size > cap) {
    return fail('INVALID_INPUT', `Refused ${op}: the argument is ${size} bytes, over the ${cap}-byte limit.`);
  }
  const parsed = requestSchemas[op].safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at "${issue.path.join('.')}"` : '';
    return fail('INVALID_INPUT', `Refused ${op}: invalid argument${where}: ${issue?.message ?? 'unknown problem'}.`);
  }
  const handler = table[op] as Handler<K>;
  try {
    return await handler(parsed.data as RequestOf<K>, { senderId: event.sender.id });
  } catch (error) {
    // A handler should answer with a value; reaching here is a bug. Say so without leaking
    // whatever the exception held (it could include request data).
    const name = error instanceof Error ? error.name : typeof error;
    return fail('INTERNAL', `The ${op} operation failed unexpectedly (${name}).`);
  }
}

export function registerHandlers(ipc: IpcMainLike, table: HandlerTable, policy: SenderPolicy): () => void {
  for (const op of OPERATIONS) {
    ipc.handle(channelOf(op), (event, ...args) => dispatch(op, table, policy, event, args));
  }
  return () => {
    for (const op of OPERATIONS) ipc.removeHandler(channelOf(op));
  };
}

function measureJson(value: unknown): number | null {
  if (value === undefined) return 0;
  try {
    const text = JSON.stringify(value);
    return text === undefined ? null : new TextEncoder().encode(text).length;
  } catch {
    return null;
  }
}

/**
 * The production sender policy: the event's frame must be the sender's top-level frame and its URL
 * must start with the URL the app loaded (file://…/index.html, or the dev server in development).
 */
export function createSenderPolicy(isAppUrl: (url: string) => boolean): SenderPolicy {
  return {
    isTrustedSender(event) {
      const frame = event.senderFrame;
      if (!frame) return false;
      if (event.sender.mainFrame !== undefined && frame !== event.sender.mainFrame) return false;
      if (frame.parent !== undefined && frame.parent !== null) return false;
      return isAppUrl(frame.url);
    },
  };
}
