import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openMongoStore } from './mongo/mongo-store.ts';
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
  if (options.mongodbUrl) return openMongoStore(options.mongodbUrl, options.mongoDbName);
  if (options.sqlitePath !== ':memory:') mkdirSync(path.dirname(options.sqlitePath), { recursive: true });
  return new SqliteStore(options.sqlitePath);
}
