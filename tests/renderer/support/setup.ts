// Every renderer test gets IndexedDB (fake-indexeddb, in memory) and starts from an empty store.
import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { resetDatabase } from '@renderer/db/database';

beforeEach(async () => {
  await resetDatabase();
  localStorage.clear();
});
