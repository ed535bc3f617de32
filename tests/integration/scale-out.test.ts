import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { numberedTokens, startFakeProvider, type FakeProvider } from '../fixtures/fake-provider/server.ts';
import { startInstance, type Instance } from '../support/instances.ts';
import { connectTab, type TestSocket } from '../support/server.ts';
import { DisposableRedis, hasRedisServer } from '../support/redis-server.ts';
import { serviceUrl } from '../support/services.ts';
import { openSession, ReplyView, sendText, startSession } from '../support/session-tab.ts';

const redisUrl = serviceUrl('REDIS_URL');
const mongodbUrl = process.env.MONGODB_URL;
const tokens = (n: number) => numberedTokens(n).join('');

interface Cluster {
  provider: FakeProvider;
  a: Instance;
  b: Instance;
  tabs: TestSocket[];
  tab(instance: Instance): Promise<TestSocket>;
}

let cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => {});
  cleanup = [];
});

/** Two real server processes sharing one Redis and one store, and a fake provider. */
async function startCluster(store: 'sqlite' | 'mongo', tokenDelayMs = 10, clusterRedisUrl = redisUrl): Promise<Cluster> {
  const provider = await startFakeProvider({ tokenDelayMs });
  cleanup.push(() => provider.close());
  const dataDir = await mkdtemp(path.join(tmpdir(), 'gptlab-cluster-'));
  cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
  const env: Record<string, string> = {
    REDIS_URL: clusterRedisUrl!,
    OPENAI_BASE_URL: provider.url,
    GPTLAB_SECRET: randomBytes(32).toString('base64'),
    DATA_DIR: dataDir,
    SHUTDOWN_GRACE_MS: '5000',
    LOG_LEVEL: 'error',
    MONGODB_URL: store === 'mongo' ? `${mongodbUrl!.replace(/\/?$/, '/')}gptlab_cluster_${randomUUID().slice(0, 8)}` : '',
  };
  const a = await startInstance(env);
  cleanup.push(() => a.stop('SIGKILL'));
  const b = await startInstance(env);
  cleanup.push(() => b.stop('SIGKILL'));
  // A failing test shows what the servers logged.
  cleanup.push(async () => {
    const logs = a.output() + b.output();
    if (/"level":(50|60)/.test(logs)) console.error(logs);
  });
  const tabs: TestSocket[] = [];
  cleanup.push(async () => tabs.forEach((t) => t.disconnect()));
  return {
    provider,
    a,
    b,
    tabs,
    async tab(instance) {
      const socket = await connectTab(instance.url);
      tabs.push(socket);
      return socket;
    },
  };
}

const stores = mongodbUrl ? (['sqlite', 'mongo'] as const) : (['sqlite'] as const);

describe.skipIf(!redisUrl).each(stores)('two instances over Redis (%s store)', (store) => {
  it('two tabs of one user on different instances share the stream, the messages and the stop button', async () => {
    const cluster = await startCluster(store, 15);
    const onA = await cluster.tab(cluster.a);
    const onB = await cluster.tab(cluster.b);
    const viewA = new ReplyView(onA);
    const viewB = new ReplyView(onB);
    const { sessionId, replyId } = await startSession(onA);
    await viewA.whenEnded(replyId);
    await openSession(onB, sessionId, viewB);

    const messagesOnB: string[] = [];
    onB.on('session:message-added', (e) => messagesOnB.push(e.message.text));
    const first = await sendText(onA, sessionId, 'Hello from A [[tokens:30]]');
    await viewB.whenEnded(first.replyId);
    expect(viewB.textOf(first.replyId)).toBe(tokens(30));
    expect(messagesOnB).toEqual(['Hello from A [[tokens:30]]']);

    const long = await sendText(onA, sessionId, 'Keep going [[tokens:400]]');
    await expect.poll(() => viewB.textOf(long.replyId).length).toBeGreaterThan(30);
    expect(await onB.emitWithAck('session:stop', { sessionId })).toEqual({ ok: true, stopped: true });
    expect(await viewA.whenEnded(long.replyId)).toMatchObject({ status: 'stopped' });
    expect(await viewB.whenEnded(long.replyId)).toMatchObject({ status: 'stopped' });
    await cluster.provider.waitForRequest((r) => r.aborted);
  });

  it('a tab that reconnects to the other instance mid-reply catches up with no gap and no repeat', async () => {
    const cluster = await startCluster(store, 10);
    const writer = await cluster.tab(cluster.a);
    const writerView = new ReplyView(writer);
    const { sessionId, replyId: opening } = await startSession(writer);
    await writerView.whenEnded(opening);
    const moving = await cluster.tab(cluster.a);
    const movingView = new ReplyView(moving);
    await openSession(moving, sessionId, movingView);
    const { replyId } = await sendText(writer, sessionId, 'Long [[tokens:200]]');
    await expect.poll(() => movingView.textOf(replyId).length).toBeGreaterThan(200);
    moving.disconnect();

    const moved = await cluster.tab(cluster.b);
    const movedView = new ReplyView(moved);
    const opened = await openSession(moved, sessionId, movedView);
    expect(opened.inFlight?.replyId).toBe(replyId);
    await movedView.whenEnded(replyId);
    expect(movedView.textOf(replyId)).toBe(tokens(200));
  });
});

/**
 * One user's tab on each instance of the cluster, one session open on both, and a reply started
 * from A that B has begun to receive.
 */
async function midReplyOnTwoInstances(cluster: Cluster, text: string, seenWithinMs?: number) {
  const onA = await cluster.tab(cluster.a);
  const onB = await cluster.tab(cluster.b);
  const viewA = new ReplyView(onA);
  const viewB = new ReplyView(onB);
  const { sessionId, replyId: opening } = await startSession(onA);
  await viewA.whenEnded(opening);
  await openSession(onB, sessionId, viewB);
  const { replyId } = await sendText(onA, sessionId, text);
  await expect.poll(() => viewB.textOf(replyId).length, seenWithinMs ? { timeout: seenWithinMs } : {}).toBeGreaterThan(20);
  return { onA, onB, viewA, viewB, sessionId, replyId };
}

describe.skipIf(!redisUrl)('instance faults', () => {
  it('an instance killed mid-reply: tabs elsewhere see it interrupted, stored messages stay, the session stays usable', async () => {
    const cluster = await startCluster('sqlite', 20);
    const { onA, onB, viewA, viewB, sessionId, replyId } = await midReplyOnTwoInstances(cluster, 'Doomed [[tokens:500]]');

    // Read for over two checkpoint periods: what a kill may lose is at most about one.
    await expect.poll(() => viewB.textOf(replyId).length, { timeout: 10_000 }).toBeGreaterThan(tokens(120).length);
    await cluster.a.stop('SIGKILL');
    expect(await viewB.whenEnded(replyId, 15_000)).toMatchObject({ status: 'interrupted', error: { code: 'reply_interrupted' } });
    const opened = await openSession(onB, sessionId);
    expect(opened.messages.map((m) => m.text)).toContain('Doomed [[tokens:500]]');
    expect(opened.inFlight).toBeNull();
    // The text the tab was reading survives the instance, checkpointed while it streamed.
    const kept = opened.messages.find((m) => m.id === replyId);
    expect(kept).toMatchObject({ role: 'assistant', status: 'interrupted' });
    expect(tokens(500).startsWith(kept!.text)).toBe(true);
    expect(kept!.text.length).toBeGreaterThan(tokens(20).length);
    const retry = await sendText(onB, sessionId, 'Again please');
    expect(await viewB.whenEnded(retry.replyId)).toMatchObject({ status: 'complete' });
  });

  it('SIGTERM lets the reply in flight finish and be stored, then exits; the tab carries on at the other instance', async () => {
    const cluster = await startCluster('sqlite', 10);
    const onA = await cluster.tab(cluster.a);
    const viewA = new ReplyView(onA);
    const { sessionId, replyId: opening } = await startSession(onA);
    await viewA.whenEnded(opening);
    const { replyId } = await sendText(onA, sessionId, 'Finish me [[tokens:100]]');
    await expect.poll(() => viewA.textOf(replyId).length).toBeGreaterThan(10);

    const exitCode = cluster.a.stop('SIGTERM');
    expect(await viewA.whenEnded(replyId)).toMatchObject({ status: 'complete' });
    expect(await exitCode).toBe(0);

    const onB = await cluster.tab(cluster.b);
    const opened = await openSession(onB, sessionId);
    expect(opened.messages.at(-1)).toMatchObject({ id: replyId, text: tokens(100), status: 'complete' });
  });
});

const redisServerMissing = !hasRedisServer();
if (redisServerMissing && process.env.CI === 'true') throw new Error('redis-server is not installed, but CI=true: the Redis fault test needs it.');

describe.skipIf(redisServerMissing)('Redis faults', () => {
  it('Redis restarted mid-reply: the reply completes and is stored once, the other instance resumes, nothing crashes', async () => {
    const redis = await DisposableRedis.start();
    cleanup.push(() => redis.kill());
    const cluster = await startCluster('sqlite', 20, redis.url);
    const { onA, onB, viewA, viewB, sessionId, replyId } = await midReplyOnTwoInstances(cluster, 'Weather the outage [[tokens:250]]');

    await redis.kill();
    await expect.poll(() => viewA.textOf(replyId).length, { timeout: 10_000 }).toBeGreaterThan(tokens(120).length);
    await redis.restart();

    expect(await viewA.whenEnded(replyId)).toMatchObject({ status: 'complete' });
    expect(viewA.textOf(replyId)).toBe(tokens(250));
    expect(await viewB.whenEnded(replyId)).toMatchObject({ status: 'complete' });
    const opened = await openSession(onB, sessionId);
    expect(opened.messages.filter((m) => m.id === replyId)).toEqual([expect.objectContaining({ text: tokens(250), status: 'complete' })]);
    expect([cluster.a.process.exitCode, cluster.b.process.exitCode]).toEqual([null, null]);
    const next = await sendText(onB, sessionId, 'All good again?');
    expect(await viewA.whenEnded(next.replyId)).toMatchObject({ status: 'complete' });
  });

  it('after Redis restarts empty, an instance killed mid-reply is still noticed and its tabs elsewhere told', async () => {
    const redis = await DisposableRedis.start();
    cleanup.push(() => redis.kill());
    const cluster = await startCluster('sqlite', 20, redis.url);
    await redis.kill();
    await redis.restart();
    const { onA, onB, viewA, viewB, sessionId, replyId } = await midReplyOnTwoInstances(cluster, 'Doomed after the restart [[tokens:500]]', 10_000);

    await cluster.a.stop('SIGKILL');
    expect(await viewB.whenEnded(replyId, 15_000)).toMatchObject({ status: 'interrupted', error: { code: 'reply_interrupted' } });
    const retry = await sendText(onB, sessionId, 'Again please');
    expect(await viewB.whenEnded(retry.replyId)).toMatchObject({ status: 'complete' });
  });

  it('while Redis is down, sending and opening answer at once: the send is refused with words to retry, the history opens, and both work again after', async () => {
    const redis = await DisposableRedis.start();
    cleanup.push(() => redis.kill());
    const cluster = await startCluster('sqlite', 20, redis.url);
    const tab = await cluster.tab(cluster.a);
    const view = new ReplyView(tab);
    const { sessionId, replyId: opening } = await startSession(tab);
    await view.whenEnded(opening);

    await redis.kill();
    const refused = await tab.emitWithAck('session:send', { sessionId, clientMessageId: randomUUID(), text: 'During the outage' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'store_unavailable', message: expect.stringContaining('Try again') } });
    const opened = await openSession(tab, sessionId);
    expect(opened.messages.map((m) => m.text)).not.toContain('During the outage');
    expect(opened.messages).toHaveLength(1);
    // Signing in counts the user's tabs in Redis: it goes ahead uncounted rather than wait for Redis.
    const signedIn = await Promise.race([cluster.tab(cluster.b).then(() => 'signed in'), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 10_000))]);
    expect(signedIn).toBe('signed in');

    await redis.restart();
    await expect.poll(async () => (await tab.emitWithAck('session:send', { sessionId, clientMessageId: randomUUID(), text: 'After the outage' })).ok, { timeout: 15_000 }).toBe(true);
    await expect.poll(async () => (await openSession(tab, sessionId)).messages.map((m) => m.text)).toContain('After the outage');
  });
});
