import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseNameIn } from './mongo/mongo-store.ts';
import { openStore } from './open-store.ts';
import type { Store } from './store.ts';

describe('choosing the store', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('a fresh machine without MONGODB_URL gets the embedded store, its data folder created on first start', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gptlab-open-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const sqlitePath = path.join(dir, 'data', 'test', 'gptlab.sqlite');
    const store: Store = await openStore({ mongodbUrl: undefined, mongoDbName: 'gptlab_test', sqlitePath });
    cleanups.push(() => store.close());
    expect(store.kind).toBe('sqlite');
    expect(existsSync(sqlitePath)).toBe(true);
  });

  it('the MongoDB database is the one the URL names, else the configured one', () => {
    expect(databaseNameIn('mongodb://127.0.0.1:27017/')).toBeUndefined();
    expect(databaseNameIn('mongodb://127.0.0.1:27017')).toBeUndefined();
    expect(databaseNameIn('mongodb://127.0.0.1:27017/?directConnection=true')).toBeUndefined();
    expect(databaseNameIn('mongodb://user:p%40ss@db1:27017,db2:27017/gptlab_production?replicaSet=rs0')).toBe('gptlab_production');
    expect(databaseNameIn('mongodb+srv://user:pass@cluster0.example.net/gptlab_staging')).toBe('gptlab_staging');
  });
});
