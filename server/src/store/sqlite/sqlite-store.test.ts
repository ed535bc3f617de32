import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeStoreContract } from '../../../../tests/store-contract/store.contract.ts';
import { SqliteStore } from './sqlite-store.ts';

describeStoreContract('embedded SQLite (file)', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'gptlab-store-'));
  const file = path.join(dir, 'gptlab.sqlite');
  const store = new SqliteStore(file);
  return {
    store,
    reopen: async () => new SqliteStore(file),
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describeStoreContract('embedded SQLite (:memory:)', async () => {
  const store = new SqliteStore(':memory:');
  return { store, cleanup: () => store.close() };
});
