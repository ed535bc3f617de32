import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { describe, it } from 'vitest';
import { openMongoStore } from '../../server/src/store/mongo/mongo-store.ts';
import { describeStoreContract } from '../store-contract/store.contract.ts';
import { serviceUrl } from '../support/services.ts';

const mongodbUrl = serviceUrl('MONGODB_URL');

if (mongodbUrl) {
  // A fresh database per test, so no rule sees another's records; dropped afterwards.
  describeStoreContract('MongoDB', async () => {
    const dbName = `gptlab_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const store = await openMongoStore(mongodbUrl, dbName);
    return {
      store,
      reopen: () => openMongoStore(mongodbUrl, dbName),
      cleanup: async () => {
        await store.close();
        const client = await new MongoClient(mongodbUrl).connect();
        try {
          await client.db(dbName).dropDatabase();
        } finally {
          await client.close();
        }
      },
    };
  });
} else {
  describe.skip('the MongoDB store keeps the Store contract (MONGODB_URL is not set)', () => {
    it('needs a MongoDB-wire server', () => {});
  });
}
