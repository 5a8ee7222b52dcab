/** Bounds on a case file: checked on import, and the IPC cap of the channel that saves one. */
export const CASE_FILE_LIMITS = {
  /** The file as text; also the IPC cap for the channels that carry it. */
  bytes: 128 * 1024 * 1024,
  lookups: 20_000,
  nodes: 100_000,
  ops: 500_000,
  name: 200,
  notes: 100_000,
  tags: 64,
  tag: 100,
  id: 128,
} as const;
