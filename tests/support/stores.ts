import { randomUUID } from 'node:crypto';
import { unlimited } from './rate-limits.ts';
import { startWorld, type TestWorld, type WorldOptions } from './server.ts';
import { serviceUrl } from './services.ts';

export const mongodbUrl = serviceUrl('MONGODB_URL');

/** Both stores when a MongoDB-wire server is configured (CI always has one), else the embedded one. */
export const storesUnderTest = mongodbUrl ? (['sqlite', 'mongo'] as const) : (['sqlite'] as const);
export type StoreUnderTest = (typeof storesUnderTest)[number];

/**
 * A world on `store`, without request limits (a test sends faster than a person). Each MongoDB
 * world gets a database of its own, named after `label`, so runs never read each other's data.
 */
export function startWorldOnStore(store: StoreUnderTest, label: string, options: Pick<WorldOptions, 'provider'> = {}): Promise<TestWorld> {
  const mongo = store === 'mongo' ? { mongodbUrl, mongoDbName: `gptlab_${label}_${randomUUID().replaceAll('-', '').slice(0, 12)}` } : {};
  return startWorld({ ...options, config: { rateLimits: unlimited, ...mongo } });
}
