import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { SqliteStore } from './sqlite/sqlite-store.ts';
import type { Store } from './store.ts';

export interface StoreOptions {
  /** Set: MongoDB (or a MongoDB-wire server). Unset: the embedded SQLite file. */
  mongodbUrl?: string | undefined;
  /** Used when the URL names no database; one per environment so they never share data. */
  mongoDbName: string;
  sqlitePath: string;
}

export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.mongodbUrl) {
    // The driver (and BSON's 17 MB serialising buffer) only for a server that uses it.
    const { openMongoStore } = await import('./mongo/mongo-store.ts');
    return openMongoStore(options.mongodbUrl, options.mongoDbName);
  }
  if (options.sqlitePath !== ':memory:') mkdirSync(path.dirname(options.sqlitePath), { recursive: true });
  return new SqliteStore(options.sqlitePath);
}
