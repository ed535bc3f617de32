import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeProvider } from '../fixtures/fake-provider/server.ts';
import { Redis } from 'ioredis';
import { placeSelection } from '@gptlab/common/protocol';
import { DraftTab, shareWith, sleep } from '../support/draft-tab.ts';
import { startInstance, type Instance } from '../support/instances.ts';
import { DisposableRedis, hasRedisServer } from '../support/redis-server.ts';
import { connectTab, type TestSocket } from '../support/server.ts';
import { serviceUrl } from '../support/services.ts';

const redisUrl = serviceUrl('REDIS_URL');
const mongodbUrl = process.env.MONGODB_URL;
const stores = mongodbUrl ? (['sqlite', 'mongo'] as const) : (['sqlite'] as const);

let cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => {});
  cleanup = [];
});

/** Two real server processes sharing one Redis and one store. */
async function twoInstances(store: 'sqlite' | 'mongo', redis = redisUrl!): Promise<{ a: Instance; b: Instance; tab: (instance: Instance, apiKey: string) => Promise<TestSocket> }> {
  const provider = await startFakeProvider();
  cleanup.push(() => provider.close());
  const dataDir = await mkdtemp(path.join(tmpdir(), 'gptlab-lab-cluster-'));
  cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
  const env = { REDIS_URL: redis, OPENAI_BASE_URL: provider.url, GPTLAB_SECRET: randomBytes(32).toString('base64'), DATA_DIR: dataDir, LOG_LEVEL: 'error',
    MONGODB_URL: store === 'mongo' ? `${mongodbUrl!.replace(/\/?$/, '/')}gptlab_lab_${randomUUID().slice(0, 8)}` : '' };
  const a = await startInstance(env);
  cleanup.push(() => a.stop('SIGKILL'));
  const b = await startInstance(env);
  cleanup.push(() => b.stop('SIGKILL'));
  const sockets: TestSocket[] = [];
  cleanup.push(async () => sockets.forEach((s) => s.disconnect()));
  return {
    a,
    b,
    async tab(instance, apiKey) {
      const socket = await connectTab(instance.url, { apiKey });
      sockets.push(socket);
      return socket;
    },
  };
}

describe.skipIf(!redisUrl).each(stores)('the Lab across two instances over Redis (%s store)', (store) => {
  it('co-editors on different instances see each other’s presence and converge on every keystroke', async () => {
    const cluster = await twoInstances(store);
    const ownerSocket = await cluster.tab(cluster.a, 'sk-test-alice');
    const owner = await DraftTab.create(ownerSocket);
    const bobSocket = await cluster.tab(cluster.b, 'sk-test-bob');
    await shareWith(ownerSocket, owner.draftId, bobSocket);
    const bob = await DraftTab.open(bobSocket, owner.draftId);
    const ownerTabId = owner.joined!.you.tabId;
    await expect.poll(() => bob.presence.has(ownerTabId)).toBe(true);
    await expect.poll(() => owner.presence.has(bob.joined!.you.tabId)).toBe(true);
    owner.setCursor({ field: 'starters', index: 1 });
    await expect.poll(() => bob.presence.get(ownerTabId)?.cursor).toEqual({ field: 'starters', index: 1 });

    await Promise.all(
      [owner, bob].map(async (tab, n) => {
        for (let i = 0; i < 25; i++) {
          tab.text('prompt').insert(0, `[${n}:${i}]`);
          await sleep(Math.random() * 20);
        }
        await tab.settled();
      }),
    );
    await expect.poll(() => owner.text('prompt').toString() === bob.text('prompt').toString(), { timeout: 10_000 }).toBe(true);
    for (let n = 0; n < 2; n++) for (let i = 0; i < 25; i++) expect(owner.text('prompt').toString()).toContain(`[${n}:${i}]`);

    const late = await DraftTab.open(await cluster.tab(cluster.b, 'sk-test-alice'), owner.draftId);
    expect(late.text('prompt').toString()).toBe(owner.text('prompt').toString());
  });

  it('an editor removed on one instance stops receiving updates on the other at once', async () => {
    const cluster = await twoInstances(store);
    const ownerSocket = await cluster.tab(cluster.a, 'sk-test-alice');
    const owner = await DraftTab.create(ownerSocket);
    const [bobSocket, carolSocket] = [await cluster.tab(cluster.b, 'sk-test-bob'), await cluster.tab(cluster.b, 'sk-test-carol')];
    await shareWith(ownerSocket, owner.draftId, bobSocket);
    await shareWith(ownerSocket, owner.draftId, carolSocket);
    const bob = await DraftTab.open(bobSocket, owner.draftId);
    const carol = await DraftTab.open(carolSocket, owner.draftId);
    const revoked = new Promise((resolve) => bobSocket.once('draft:access-revoked', resolve));
    const bobUpdates: unknown[] = [];
    bobSocket.on('draft:updated', (event) => bobUpdates.push(event));
    expect(await ownerSocket.emitWithAck('draft:revoke', { draftId: owner.draftId, memberId: bob.joined!.you.memberId })).toMatchObject({ ok: true });
    await revoked;
    owner.text('prompt').insert(0, 'Only for Carol.');
    await owner.settled();
    await expect.poll(() => carol.text('prompt').toString()).toBe('Only for Carol.');
    expect(bobUpdates).toEqual([]);
    await expect.poll(() => owner.presence.has(bob.joined!.you.tabId)).toBe(false);
  });

  it('a caret set on one instance shows on the other where it belongs, and goes when its tab disconnects', async () => {
    const cluster = await twoInstances(store);
    const ownerSocket = await cluster.tab(cluster.a, 'sk-test-alice');
    const owner = await DraftTab.create(ownerSocket);
    owner.text('prompt').insert(0, 'You are a patient tutor.');
    await owner.settled();
    const bobSocket = await cluster.tab(cluster.b, 'sk-test-bob');
    await shareWith(ownerSocket, owner.draftId, bobSocket);
    const bob = await DraftTab.open(bobSocket, owner.draftId);
    bob.setCursor({ field: 'prompt', anchor: 17, head: 17 });
    const bobTab = bob.joined!.you.tabId;
    const placed = () => {
      const cursor = owner.presence.get(bobTab)?.cursor;
      return cursor ? placeSelection(owner.doc, cursor) : null;
    };
    await expect.poll(placed).toEqual({ anchor: 17, head: 17 });
    owner.text('prompt').insert(0, 'Oh, ');
    expect(placed()).toEqual({ anchor: 21, head: 21 });
    // A tab joining on the other instance is sent the caret by the instance its tab is on.
    const late = await DraftTab.open(await cluster.tab(cluster.a, 'sk-test-alice'), owner.draftId);
    await expect.poll(() => late.presence.get(bobTab)?.cursor?.field).toBe('prompt');
    bobSocket.disconnect();
    await expect.poll(() => owner.presence.has(bobTab)).toBe(false);
    await expect.poll(() => late.presence.has(bobTab)).toBe(false);
    for (const tab of [owner, bob, late]) tab.close();
  });

  it.skipIf(!hasRedisServer())('a stored edit costs one Redis message, with co-editors on both instances', async () => {
    const redis = await DisposableRedis.start();
    cleanup.push(() => redis.kill());
    const cluster = await twoInstances(store, redis.url);
    const ownerSocket = await cluster.tab(cluster.a, 'sk-test-alice');
    const owner = await DraftTab.create(ownerSocket);
    const bobSocket = await cluster.tab(cluster.b, 'sk-test-bob');
    await shareWith(ownerSocket, owner.draftId, bobSocket);
    const bob = await DraftTab.open(bobSocket, owner.draftId);
    const neighbour = await DraftTab.open(await cluster.tab(cluster.a, 'sk-test-alice'), owner.draftId);
    await expect.poll(() => owner.presence.size).toBe(3);

    const listener = new Redis(redis.url);
    cleanup.push(() => listener.quit());
    const draftMessages: string[] = [];
    let markerSeen = false;
    listener.on('pmessageBuffer', (_pattern: Buffer, channel: Buffer, message: Buffer) => {
      if (!message.includes(owner.draftId)) return;
      if (message.includes('draft:awareness')) markerSeen = true;
      else if (!markerSeen) draftMessages.push(channel.toString());
    });
    await listener.psubscribe('*');

    const reached = [bob, neighbour].map((tab) => new Promise((resolve) => tab.socket.once('draft:updated', resolve)));
    owner.text('prompt').insert(0, 'One edit.');
    await owner.settled();
    await Promise.all(reached);
    // Published on instance A's connection after the edit's messages, so it arrives after all of them.
    owner.setCursor({ field: 'name' });
    await expect.poll(() => markerSeen).toBe(true);
    expect(draftMessages).toHaveLength(1);
    expect(bob.text('prompt').toString()).toBe('One edit.');
    expect(neighbour.text('prompt').toString()).toBe('One edit.');
    for (const tab of [owner, bob, neighbour]) tab.close();
  });
});
