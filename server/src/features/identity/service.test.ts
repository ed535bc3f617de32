import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { LlmProvider } from '../../llm/provider.ts';
import { createLogger } from '../../logger.ts';
import { SqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { IdentityCache } from './identity-cache.ts';
import { IdentityService } from './service.ts';

const provider: LlmProvider = {
  listModels: () => Promise.resolve([{ id: 'gpt-4o-mini', kind: 'chat' }]),
  moderate: () => Promise.resolve(null),
  contextWindow: () => null,
  streamReply: () => (async function* () {})(),
};

describe('signing in', () => {
  it('records "last seen" once per user per ten minutes, however often their tabs reconnect', async () => {
    const store = new SqliteStore(':memory:');
    let writes = 0;
    const touchUser = store.touchUser.bind(store);
    store.touchUser = (id, now) => {
      writes++;
      return touchUser(id, now);
    };
    const identity = new IdentityService({ store, provider, cache: new IdentityCache(), serverSecret: randomBytes(32), defaultBaseUrl: 'https://api.example/v1', logger: createLogger('silent'), iterations: 1 });
    const credentials = { apiKey: 'sk-test-often', baseUrl: 'https://api.example/v1' };
    for (let i = 0; i < 50; i++) expect((await identity.signIn(credentials)).ok).toBe(true);
    await identity.signIn({ ...credentials, apiKey: 'sk-test-someone-else' });
    expect(writes).toBe(2);
    const signedIn = await identity.signIn(credentials);
    expect(signedIn.ok && (await store.getUser(signedIn.identity.userId))?.lastSeenAt).toBeInstanceOf(Date);
  });

  it('signs a known key in even while the store cannot write', async () => {
    const store = new SqliteStore(':memory:');
    store.touchUser = () => Promise.reject(Object.assign(new Error('disk I/O error'), { errcode: 778 }));
    const identity = new IdentityService({ store, provider, cache: new IdentityCache(), serverSecret: randomBytes(32), defaultBaseUrl: 'https://api.example/v1', logger: createLogger('silent'), iterations: 1 });
    expect((await identity.signIn({ apiKey: 'sk-test-full-disk', baseUrl: 'https://api.example/v1' })).ok).toBe(true);
  });
});
