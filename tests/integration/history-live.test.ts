import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { MongoClient } from 'mongodb';
import { afterEach, describe, expect, it } from 'vitest';
import { limits, type ServerToClientEvents } from '@gptlab/common';
import { startFakeProvider } from '../fixtures/fake-provider/server.ts';
import { startInstance, type Instance } from '../support/instances.ts';
import { unlimited } from '../support/rate-limits.ts';
import { connectTab, startWorld, type TestSocket, type TestWorld } from '../support/server.ts';
import { serviceUrl } from '../support/services.ts';
import { ReplyView, sendText, startSession } from '../support/session-tab.ts';

const mongodbUrl = serviceUrl('MONGODB_URL');
const stores = mongodbUrl ? (['sqlite', 'mongo'] as const) : (['sqlite'] as const);

let world: TestWorld;
/** The MongoDB database of the world, when it runs on one; dropped after the test. */
let mongoDbName: string | undefined;
afterEach(async () => {
  await world?.close();
  const dbName = mongoDbName;
  mongoDbName = undefined;
  if (dbName) await withMongo((client) => client.db(dbName).dropDatabase());
});

/** A world on the embedded store or on its own fresh MongoDB database. */
async function startWorldOn(store: 'sqlite' | 'mongo', tokenDelayMs = 0): Promise<TestWorld> {
  mongoDbName = store === 'mongo' ? `gptlab_history_${randomUUID().replaceAll('-', '').slice(0, 12)}` : undefined;
  const config = mongoDbName ? { mongodbUrl, mongoDbName, rateLimits: unlimited } : { rateLimits: unlimited };
  return startWorld({ provider: { tokenDelayMs }, config });
}

async function withMongo<T>(use: (client: MongoClient) => Promise<T>): Promise<T> {
  const client = await new MongoClient(mongodbUrl!).connect();
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

/** Counts the rows (documents) held for a session, read straight from the database, past the Store interface. */
async function storedRowsOf(store: 'sqlite' | 'mongo', sessionId: string): Promise<{ sessions: number; messages: number }> {
  if (store === 'sqlite') {
    const db = new DatabaseSync(path.join(world.dataDir, 'gptlab.sqlite'), { readOnly: true });
    try {
      const count = (sql: string) => Number(db.prepare(sql).get(sessionId)?.n);
      return { sessions: count('SELECT COUNT(*) AS n FROM sessions WHERE id = ?'), messages: count('SELECT COUNT(*) AS n FROM messages WHERE session_id = ?') };
    } finally {
      db.close();
    }
  }
  return withMongo(async (client) => {
    const db = client.db(mongoDbName);
    return {
      sessions: await db.collection<{ _id: string }>('sessions').countDocuments({ _id: sessionId }),
      messages: await db.collection('messages').countDocuments({ sessionId }),
    };
  });
}

/** Resolves with the next payload of a broadcast on this tab. */
function next<E extends 'session:renamed' | 'session:deleted'>(tab: TestSocket, event: E): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve) => tab.once(event, resolve as never));
}

/** Collects every payload of a broadcast on this tab. */
function heard<E extends 'session:renamed' | 'session:deleted'>(tab: TestSocket, event: E): Array<Parameters<ServerToClientEvents[E]>[0]> {
  const payloads: Array<Parameters<ServerToClientEvents[E]>[0]> = [];
  tab.on(event, ((payload: Parameters<ServerToClientEvents[E]>[0]) => payloads.push(payload)) as never);
  return payloads;
}

async function chat(tab: TestSocket, sessionId: string, text: string): Promise<void> {
  const view = new ReplyView(tab);
  await view.whenEnded((await sendText(tab, sessionId, text)).replyId);
}

async function list(tab: TestSocket, payload: Record<string, unknown> = {}) {
  const ack = await tab.emitWithAck('session:list', payload);
  if (!ack.ok) throw new Error(`list refused: ${ack.error.code} ${ack.error.message}`);
  return ack;
}

describe('one history of all my sessions', () => {
  it('lists every session of mine, with any assistant or none, newest first, each named by its first words until renamed', async () => {
    world = await startWorld({ provider: { tokenDelayMs: 0 }, config: { rateLimits: unlimited } });
    const tab = await world.connectTab();
    const plain = randomUUID();
    await chat(tab, plain, 'Plan a trip to Lisbon');
    const opening = new ReplyView(tab);
    const withAssistant = await startSession(tab, 'brainstorm');
    await opening.whenEnded(withAssistant.replyId);
    await chat(tab, withAssistant.sessionId, 'Names for a bakery');

    const { sessions, next: more } = await list(tab);
    expect(more).toBeNull();
    expect(sessions.map((s) => [s.id, s.title, s.preview])).toEqual([
      [withAssistant.sessionId, 'Names for a bakery', 'Names for a bakery'],
      [plain, 'Plan a trip to Lisbon', 'Plan a trip to Lisbon'],
    ]);
    expect(sessions[0]?.assistant).toMatchObject({ code: 'brainstorm', avatarUrl: expect.stringMatching(/^\/avatars\/.+\.svg$/) });
    expect(sessions[1]?.assistant).toBeNull();
  });

  it('a rename reaches every tab of mine at once, whether or not it shows the session, and an empty title brings the first words back', async () => {
    world = await startWorld({ provider: { tokenDelayMs: 0 }, config: { rateLimits: unlimited } });
    const renaming = await world.connectTab();
    const showing = await world.connectTab();
    const listing = await world.connectTab();
    const sessionId = randomUUID();
    await chat(renaming, sessionId, 'Explain monads simply');
    expect((await showing.emitWithAck('session:open', { sessionId })).ok).toBe(true);

    const seenByShowing = next(showing, 'session:renamed');
    const seenByListing = next(listing, 'session:renamed');
    const seenByRenaming = next(renaming, 'session:renamed');
    const ack = await renaming.emitWithAck('session:rename', { sessionId, title: '  Monads,\n  gently  ' });
    expect(ack).toMatchObject({ ok: true, session: { id: sessionId, title: 'Monads, gently', preview: 'Explain monads simply' } });
    for (const seen of [seenByShowing, seenByListing, seenByRenaming]) expect((await seen).session).toMatchObject({ id: sessionId, title: 'Monads, gently' });
    expect((await list(listing)).sessions[0]?.title).toBe('Monads, gently');
    expect((await search(listing, 'GENTLY')).map((s) => s.id)).toEqual([sessionId]);

    const cleared = next(listing, 'session:renamed');
    expect(await renaming.emitWithAck('session:rename', { sessionId, title: '   ' })).toMatchObject({ ok: true, session: { title: 'Explain monads simply' } });
    expect((await cleared).session.title).toBe('Explain monads simply');
    expect((await world.app.store.getSession(sessionId))?.sealedTitle).toBeNull();
  });

  it('search finds sessions by title or first words in any case, and pages on with the cursor', async () => {
    world = await startWorld({ provider: { tokenDelayMs: 0 }, config: { rateLimits: unlimited } });
    const tab = await world.connectTab();
    const ids: string[] = [];
    for (const text of ['Café recipes for winter', 'Tax questions', 'A CAFÉ business plan', 'Garden ideas']) {
      const sessionId = randomUUID();
      ids.push(sessionId);
      await chat(tab, sessionId, text);
    }
    await tab.emitWithAck('session:rename', { sessionId: ids[3]!, title: 'Plants for the café terrace' });

    expect((await search(tab, 'café')).map((s) => s.title)).toEqual(['Plants for the café terrace', 'A CAFÉ business plan', 'Café recipes for winter']);
    const first = await list(tab, { search: 'café', limit: 2 });
    expect(first.sessions.map((s) => s.id)).toEqual([ids[3], ids[2]]);
    const second = await list(tab, { search: 'café', limit: 2, cursor: first.next });
    expect(second.sessions.map((s) => s.id)).toEqual([ids[0]]);
    expect(second.next).toBeNull();
    expect(await search(tab, 'nothing like this')).toEqual([]);
  });

  it.each(stores)('a delete stops the reply being written, removes the session and every sealed message from the %s store, and tells every tab', async (store) => {
    world = await startWorldOn(store, 20);
    const deleting = await world.connectTab();
    const showing = await world.connectTab();
    const sessionId = randomUUID();
    await chat(deleting, sessionId, 'Keep this short');
    expect((await showing.emitWithAck('session:open', { sessionId })).ok).toBe(true);
    const streaming = new Promise((resolve) => showing.once('session:delta', resolve));
    await sendText(deleting, sessionId, 'A long one [[tokens:400]]');
    await streaming;
    const stored = await storedRowsOf(store, sessionId);
    expect(stored.sessions).toBe(1);
    expect(stored.messages).toBeGreaterThanOrEqual(3);

    const told = [next(showing, 'session:deleted'), next(deleting, 'session:deleted')];
    expect(await deleting.emitWithAck('session:delete', { sessionId })).toEqual({ ok: true });
    for (const event of await Promise.all(told)) expect(event).toEqual({ sessionId });
    expect(await storedRowsOf(store, sessionId)).toEqual({ sessions: 0, messages: 0 });
    expect(await world.app.store.listMessages(sessionId)).toEqual([]);
    expect((await list(showing)).sessions).toEqual([]);
    expect(await showing.emitWithAck('session:open', { sessionId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // A tab that missed it (a message queued offline) cannot bring the session back.
    const late = await deleting.emitWithAck('session:send', { sessionId, clientMessageId: randomUUID(), text: 'Still there?' });
    expect(late).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await storedRowsOf(store, sessionId)).toEqual({ sessions: 0, messages: 0 });
  });

  it('someone else renaming or deleting my session is answered exactly as for an unknown one, and nothing changes or is heard', async () => {
    world = await startWorld({ provider: { tokenDelayMs: 0 }, config: { rateLimits: unlimited } });
    const alice = await world.connectTab({ apiKey: 'sk-test-alice' });
    const sessionId = randomUUID();
    await chat(alice, sessionId, 'Private thoughts');
    const before = await world.app.store.getSession(sessionId);
    const bob = await world.connectTab({ apiKey: 'sk-test-bob' });
    const renames = heard(alice, 'session:renamed');
    const deletes = heard(alice, 'session:deleted');
    const bobRenames = heard(bob, 'session:renamed');

    const stolenRename = await bob.emitWithAck('session:rename', { sessionId, title: 'Mine now' });
    expect(stolenRename).toEqual(await bob.emitWithAck('session:rename', { sessionId: randomUUID(), title: 'Mine now' }));
    expect(stolenRename).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const stolenDelete = await bob.emitWithAck('session:delete', { sessionId });
    expect(stolenDelete).toEqual(await bob.emitWithAck('session:delete', { sessionId: randomUUID() }));
    expect(stolenDelete).toMatchObject({ ok: false, error: { code: 'not_found' } });

    // A request of Alice's own, broadcast after Bob's: had Bob's been heard, it would have come first.
    const own = next(alice, 'session:renamed');
    await alice.emitWithAck('session:rename', { sessionId, title: 'Still mine' });
    await own;
    expect(renames.map((e) => e.session.title)).toEqual(['Still mine']);
    expect(deletes).toEqual([]);
    expect(bobRenames).toEqual([]);
    expect({ ...(await world.app.store.getSession(sessionId)), sealedTitle: null }).toStrictEqual(before);
  });

  it('malformed renames, deletes and searches are refused as invalid_payload, and change nothing', async () => {
    world = await startWorld({ provider: { tokenDelayMs: 0 }, config: { rateLimits: unlimited } });
    const tab = await world.connectTab();
    const sessionId = randomUUID();
    await chat(tab, sessionId, 'Leave me as I am');
    const before = JSON.stringify({ session: await world.app.store.getSession(sessionId), messages: await world.app.store.listMessages(sessionId) });
    const renames = heard(tab, 'session:renamed');
    const deletes = heard(tab, 'session:deleted');

    const refused = [
      tab.emitWithAck('session:rename', { sessionId, title: 'x'.repeat(limits.sessionTitleMaxChars + 1) }),
      tab.emitWithAck('session:rename', { sessionId, title: 42 as unknown as string }),
      tab.emitWithAck('session:rename', { sessionId, title: 'half an emoji \uD83D' }),
      tab.emitWithAck('session:rename', { sessionId } as never),
      tab.emitWithAck('session:rename', { sessionId: 'not-a-uuid', title: 'Fine' }),
      tab.emitWithAck('session:delete', { sessionId: 'not-a-uuid' }),
      tab.emitWithAck('session:delete', {} as never),
      tab.emitWithAck('session:list', { search: 's'.repeat(101) }),
      tab.emitWithAck('session:list', { search: ['café'] as unknown as string }),
    ];
    for (const ack of await Promise.all(refused)) expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(JSON.stringify({ session: await world.app.store.getSession(sessionId), messages: await world.app.store.listMessages(sessionId) })).toBe(before);
    expect([...renames, ...deletes]).toEqual([]);
  });
});

async function search(tab: TestSocket, text: string) {
  return (await list(tab, { search: text })).sessions;
}

const redisUrl = serviceUrl('REDIS_URL');

/** Two real server processes sharing one Redis and one store, as behind a load balancer. */
async function twoInstances(store: 'sqlite' | 'mongo') {
  const provider = await startFakeProvider({ tokenDelayMs: 20 });
  cleanup.push(() => provider.close());
  const dataDir = await mkdtemp(path.join(tmpdir(), 'gptlab-history-cluster-'));
  cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
  const dbName = `gptlab_history_cluster_${randomUUID().slice(0, 8)}`;
  const env = {
    REDIS_URL: redisUrl!, OPENAI_BASE_URL: provider.url, GPTLAB_SECRET: randomBytes(32).toString('base64'), DATA_DIR: dataDir, LOG_LEVEL: 'error',
    MONGODB_URL: store === 'mongo' ? `${mongodbUrl!.replace(/\/?$/, '/')}${dbName}` : '',
  };
  if (store === 'mongo') cleanup.push(() => withMongo((client) => client.db(dbName).dropDatabase()));
  const a = await startInstance(env);
  cleanup.push(() => a.stop('SIGKILL'));
  const b = await startInstance(env);
  cleanup.push(() => b.stop('SIGKILL'));
  const tabs: TestSocket[] = [];
  cleanup.push(async () => tabs.forEach((tab) => tab.disconnect()));
  const tab = async (instance: Instance) => {
    const socket = await connectTab(instance.url);
    tabs.push(socket);
    return socket;
  };
  /** Read straight from the shared database, past the Store interface. */
  const storedRowsOf = async (sessionId: string) => {
    if (store === 'mongo') {
      return withMongo(async (client) => ({
        sessions: await client.db(dbName).collection<{ _id: string }>('sessions').countDocuments({ _id: sessionId }),
        messages: await client.db(dbName).collection('messages').countDocuments({ sessionId }),
      }));
    }
    const db = new DatabaseSync(path.join(dataDir, 'gptlab.sqlite'), { readOnly: true });
    try {
      const count = (sql: string) => Number(db.prepare(sql).get(sessionId)?.n);
      return { sessions: count('SELECT COUNT(*) AS n FROM sessions WHERE id = ?'), messages: count('SELECT COUNT(*) AS n FROM messages WHERE session_id = ?') };
    } finally {
      db.close();
    }
  };
  return { a, b, tab, storedRowsOf };
}

let cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => {});
  cleanup = [];
});

describe.skipIf(!redisUrl).each(stores)('one history across two instances over Redis (%s store)', (store) => {
  it('a rename on one instance reaches my tabs on the other at once, the one showing the session and the one listing them', async () => {
    const cluster = await twoInstances(store);
    const onA = await cluster.tab(cluster.a);
    const showingOnB = await cluster.tab(cluster.b);
    const listingOnB = await cluster.tab(cluster.b);
    const sessionId = randomUUID();
    await chat(onA, sessionId, 'Plan a trip to Lisbon');
    expect((await showingOnB.emitWithAck('session:open', { sessionId })).ok).toBe(true);

    const told = [next(showingOnB, 'session:renamed'), next(listingOnB, 'session:renamed')];
    expect(await onA.emitWithAck('session:rename', { sessionId, title: 'Lisbon in three days' })).toMatchObject({ ok: true });
    for (const event of await Promise.all(told)) expect(event.session).toMatchObject({ id: sessionId, title: 'Lisbon in three days' });
    expect((await list(listingOnB)).sessions.map((s) => s.title)).toEqual(['Lisbon in three days']);
  });

  it('a delete on one instance stops the reply the other is writing, tells my tabs there, and leaves nothing of the session in the store', async () => {
    const cluster = await twoInstances(store);
    const onA = await cluster.tab(cluster.a);
    const onB = await cluster.tab(cluster.b);
    const listingOnB = await cluster.tab(cluster.b);
    const sessionId = randomUUID();
    await chat(onB, sessionId, 'Keep this short');
    const streaming = new Promise((resolve) => onB.once('session:delta', resolve));
    await sendText(onB, sessionId, 'A long one [[tokens:400]]');
    await streaming;
    expect((await cluster.storedRowsOf(sessionId)).messages).toBeGreaterThanOrEqual(3);

    const told = [next(onB, 'session:deleted'), next(listingOnB, 'session:deleted')];
    expect(await onA.emitWithAck('session:delete', { sessionId })).toEqual({ ok: true });
    for (const event of await Promise.all(told)) expect(event).toEqual({ sessionId });
    expect(await cluster.storedRowsOf(sessionId)).toEqual({ sessions: 0, messages: 0 });
    expect((await list(listingOnB)).sessions).toEqual([]);
    expect(await onB.emitWithAck('session:open', { sessionId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
