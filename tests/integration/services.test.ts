import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import { afterEach, describe, expect, it } from 'vitest';
import { serviceUrl } from '../support/services.ts';

const redisUrl = serviceUrl('REDIS_URL');
const mongodbUrl = serviceUrl('MONGODB_URL');

describe.skipIf(!redisUrl)('Redis the tests run against', () => {
  const clients: Redis[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.quit()));
  });

  it('delivers a PUBLISH to a subscriber', async () => {
    const subscriber = new Redis(redisUrl!);
    const publisher = new Redis(redisUrl!);
    clients.push(subscriber, publisher);
    const channel = `smoke:${randomUUID()}`;
    await subscriber.subscribe(channel);
    const received = new Promise<string>((resolve) => subscriber.on('message', (_ch, message) => resolve(message)));
    await publisher.publish(channel, 'hello from the test');
    expect(await received).toBe('hello from the test');
  });
});

describe.skipIf(!mongodbUrl)('MongoDB-wire server the tests run against', () => {
  let client: MongoClient | undefined;
  afterEach(async () => {
    await client?.close();
  });

  it('stores a document and reads it back through the official driver', async () => {
    client = await new MongoClient(mongodbUrl!).connect();
    const db = client.db(`gptlab_smoke_${randomUUID().slice(0, 8)}`);
    try {
      const things = db.collection<{ _id: string; text: string }>('things');
      await things.insertOne({ _id: 'one', text: 'round trip' });
      expect(await things.findOne({ _id: 'one' })).toEqual({ _id: 'one', text: 'round trip' });
    } finally {
      await db.dropDatabase();
    }
  });
});
