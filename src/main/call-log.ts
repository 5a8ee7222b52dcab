/**
 * A small operations log in the data folder (`logs/workbench.log`, JSON lines): which operation ran,
 * how it ended (ok or an error code) and how long it took. Arguments and answers are never written,
 * so nothing secret — and nothing an analyst looked up — can end up in it.
 */
import { appendFile, mkdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { OperationName } from '../shared/ipc/contract';
import type { Result } from '../shared/ipc/result';
import type { Handler, HandlerTable } from './ipc/register';

export const LOG_FILE = join('logs', 'workbench.log');
const MAX_LOG_BYTES = 2 * 1024 * 1024;

export interface CallLog {
  record(entry: { op: OperationName; outcome: string; ms: number }): void;
  /** Resolves when everything recorded so far is on disk. */
  flush(): Promise<void>;
}

export function createCallLog(dataDir: string, now: () => Date = () => new Date()): CallLog {
  const path = join(dataDir, LOG_FILE);
  // The size is read once, then counted as lines are appended: no stat per call.
  let size = 0;
  let queue: Promise<void> = mkdir(join(dataDir, 'logs'), { recursive: true })
    .then(() => stat(path))
    .then((s) => {
      size = s.size;
    })
    .catch(() => undefined);

  return {
    record(entry) {
      const line = `${JSON.stringify({ at: now().toISOString(), ...entry })}\n`;
      // Logging must never break an operation: a full disk loses log lines, not lookups.
      queue = queue
        .then(async () => {
          if (size > MAX_LOG_BYTES) {
            await rename(path, `${path}.1`);
            size = 0;
          }
          await appendFile(path, line, { mode: 0o600 });
          size += Buffer.byteLength(line);
        })
        .catch(() => undefined);
    },
    flush: () => queue,
  };
}

/** Wraps every handler so each call is logged by name and outcome. */
export function withCallLog(table: HandlerTable, log: CallLog): HandlerTable {
  const wrapped: Partial<Record<OperationName, unknown>> = {};
  for (const op of Object.keys(table) as OperationName[]) {
    const handler = table[op] as Handler<typeof op>;
    wrapped[op] = async (request: never, context: never) => {
      const started = performance.now();
      const result: Result<unknown> = await handler(request, context);
      log.record({ op, outcome: result.ok ? 'ok' : result.error.code, ms: Math.round(performance.now() - started) });
      return result;
    };
  }
  return wrapped as HandlerTable;
}
