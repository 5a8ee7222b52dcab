/**
 * The queue's bookkeeping: one entry per row, an immutable public row replaced on every change (so
 * a snapshot is a cheap array of references a UI can keep), status counts kept in step, and the
 * waiting line.
 */
import type { WorkbenchError } from '../ipc/result';
import type { QueueAbortController } from './abort';
import type { QueueCounts, QueueRow, RowStatus } from './queue-types';

export interface Entry<Item, Value> {
  row: QueueRow<Item, Value>;
  /** Bumped at each start; an answer for an older ticket arrives too late and is dropped. */
  ticket: number;
  /** The rate governor's era when the current run started. */
  era: number;
  /** Rate limits since the row was last (re)queued by the analyst; past the limit it fails. */
  strikes: number;
  /** Present while running. */
  controller: QueueAbortController | undefined;
}

type Base<Item> = Pick<QueueRow<Item, unknown>, 'index' | 'item' | 'attempts' | 'rateLimited'>;

export function createRows<Item, Value>() {
  const entries: Entry<Item, Value>[] = [];
  const counts: Record<RowStatus, number> = {
    waiting: 0,
    running: 0,
    done: 0,
    cached: 0,
    failed: 0,
    skipped: 0,
    cancelled: 0,
  };

  const base = (e: Entry<Item, Value>, extra: Partial<Base<Item>> = {}): Base<Item> => ({
    index: e.row.index,
    item: e.row.item,
    attempts: e.row.attempts,
    rateLimited: e.row.rateLimited,
    ...extra,
  });

  function replace(e: Entry<Item, Value>, next: QueueRow<Item, Value>): void {
    counts[e.row.status] -= 1;
    counts[next.status] += 1;
    e.row = next;
  }

  return {
    entries,
    add(item: Item): Entry<Item, Value> {
      const entry: Entry<Item, Value> = {
        row: { index: entries.length, item, attempts: 0, rateLimited: 0, status: 'waiting' },
        ticket: 0,
        era: 0,
        strikes: 0,
        controller: undefined,
      };
      entries.push(entry);
      counts.waiting += 1;
      return entry;
    },
    waiting(e: Entry<Item, Value>): void {
      replace(e, { ...base(e), status: 'waiting' });
    },
    running(e: Entry<Item, Value>): void {
      replace(e, { ...base(e, { attempts: e.row.attempts + 1 }), status: 'running' });
    },
    answered(e: Entry<Item, Value>, status: 'done' | 'cached', value: Value): void {
      replace(e, { ...base(e), status, value });
    },
    refused(e: Entry<Item, Value>, status: 'failed' | 'skipped', error: WorkbenchError): void {
      replace(e, { ...base(e), status, error });
    },
    rateLimited(e: Entry<Item, Value>): void {
      e.row = { ...e.row, rateLimited: e.row.rateLimited + 1 };
    },
    cancelled(e: Entry<Item, Value>): void {
      replace(e, { ...base(e), status: 'cancelled' });
    },
    counts(): QueueCounts {
      return { total: entries.length, ...counts };
    },
    /** Nothing waiting (or being looked up in the store) and nothing running. */
    idle(): boolean {
      return counts.waiting === 0 && counts.running === 0;
    },
  };
}

/**
 * Waiting rows in row order, so a row put back after a rate limit goes ahead of every later row.
 * Taking from the front moves a head index instead of shifting the array: a paste of many
 * thousand indicators stays linear.
 */
export function createWaitingLine<T extends { row: { index: number } }>() {
  let items: T[] = [];
  let head = 0;
  return {
    get length(): number {
      return items.length - head;
    },
    insert(item: T): void {
      // Binary search for the first later row; new rows (the common case) land at the end.
      let low = head;
      let high = items.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        const at = items[mid];
        if (at !== undefined && at.row.index < item.row.index) low = mid + 1;
        else high = mid;
      }
      items.splice(low, 0, item);
    },
    shift(): T | undefined {
      const item = items[head];
      if (item === undefined) return undefined;
      head += 1;
      if (head >= 1024 && head * 2 >= items.length) {
        items = items.slice(head);
        head = 0;
      }
      return item;
    },
    /** Empties the line and returns what was in it, in order. */
    drain(): T[] {
      const rest = items.slice(head);
      items = [];
      head = 0;
      return rest;
    },
  };
}
