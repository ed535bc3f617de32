import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { draftText } from '@gptlab/common/draft-doc';
import { DraftTab } from '../support/draft-tab.ts';
import { connectTab, startWorld, type TestSocket, type TestWorld } from '../support/server.ts';
import { rateLimits } from '../support/rate-limits.ts';
import { serviceUrl } from '../support/services.ts';

const redisUrl = serviceUrl('REDIS_URL');
const retryHint = /Try again in \d+ (seconds?|minutes)\./;

let worlds: TestWorld[] = [];
afterEach(async () => {
  for (const world of worlds.splice(0)) await world.close();
});

async function world(options: Parameters<typeof startWorld>[0] = {}): Promise<TestWorld> {
  const started = await startWorld(options);
  worlds.push(started);
  return started;
}

const send = (tab: TestSocket, text = 'hello') => tab.emitWithAck('session:send', { sessionId: randomUUID(), clientMessageId: randomUUID(), text });

describe('rate limits', () => {
  it('refuses messages past the per-user rate with rate_limited and says when to retry, on every tab of the user', async () => {
    const w = await world({ config: { rateLimits: rateLimits({ messagesPerUser: { points: 3, windowSec: 60 } }) } });
    const tab = await w.connectTab();
    const otherTab = await w.connectTab();
    for (let i = 0; i < 3; i++) expect((await send(i % 2 ? otherTab : tab)).ok).toBe(true);
    const refused = await send(otherTab);
    expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited', message: expect.stringMatching(retryHint) } });
    expect((await send(await w.connectTab({ apiKey: 'sk-test-bob' }))).ok).toBe(true);
  });

  it('counts messages per address too, so fresh keys from one address do not get fresh budgets', async () => {
    const w = await world({ config: { rateLimits: rateLimits({ messagesPerIp: { points: 2, windowSec: 60 } }) } });
    expect((await send(await w.connectTab({ apiKey: 'sk-test-one' }))).ok).toBe(true);
    expect((await send(await w.connectTab({ apiKey: 'sk-test-two' }))).ok).toBe(true);
    expect(await send(await w.connectTab({ apiKey: 'sk-test-three' }))).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });

  it('limits sessions started, but a retried start of the same session costs nothing', async () => {
    const w = await world({ config: { rateLimits: rateLimits({ sessionsPerUser: { points: 2, windowSec: 3600 } }) } });
    const tab = await w.connectTab();
    const start = (sessionId: string) => tab.emitWithAck('session:start', { sessionId, code: 'brainstorm' });
    const first = randomUUID();
    expect((await start(first)).ok).toBe(true);
    expect((await start(first)).ok).toBe(true);
    expect((await start(randomUUID())).ok).toBe(true);
    expect(await start(randomUUID())).toMatchObject({ ok: false, error: { code: 'rate_limited', message: expect.stringContaining('sessions') } });
    // A plain chat opened by its first message is a new session as well.
    expect(await send(tab)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });

  it('answers a tab that floods requests with rate_limited, and leaves its other tabs alone', async () => {
    const w = await world({ config: { rateLimits: rateLimits({ socketEvents: { points: 5, windowSec: 10 } }) } });
    const flooding = await w.connectTab();
    const calm = await w.connectTab();
    const acks = await Promise.all(Array.from({ length: 8 }, () => flooding.emitWithAck('session:list', {})));
    expect(acks.filter((ack) => ack.ok)).toHaveLength(5);
    expect(acks.filter((ack) => !ack.ok && ack.error.code === 'rate_limited')).toHaveLength(3);
    expect((await calm.emitWithAck('session:list', {})).ok).toBe(true);
    expect(flooding.connected).toBe(true);
  });
});

describe('sign-in limits', () => {
  it('refuses handshakes past the per-address rate with a typed refusal', async () => {
    const w = await world({ config: { rateLimits: rateLimits({ signInsPerIp: { points: 3, windowSec: 60 } }) } });
    for (let i = 0; i < 3; i++) await w.connectTab();
    await expect(w.connectTab()).rejects.toMatchObject({ message: 'rate_limited', data: { code: 'rate_limited', message: expect.stringMatching(retryHint) } });
  });

  it('counts connections that never sign in, and refuses them past the per-address rate before they can hold anything', async () => {
    const w = await world({ config: { rateLimits: rateLimits({ connectionsPerIp: { points: 5, windowSec: 60 } }) } });
    const bare = () => new Promise<'open' | 'refused'>((resolve) => {
      const ws = new WebSocket(`${w.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
      ws.addEventListener('message', () => resolve('open'), { once: true });
      ws.addEventListener('error', () => resolve('refused'), { once: true });
      ws.addEventListener('close', () => resolve('refused'), { once: true });
    });
    const outcomes = [];
    for (let i = 0; i < 8; i++) outcomes.push(await bare());
    expect(outcomes).toEqual(['open', 'open', 'open', 'open', 'open', 'refused', 'refused', 'refused']);
    // The sign-in of a real tab from there is refused too, until the window passes.
    await expect(w.connectTab()).rejects.toBeTruthy();
  });

  it('after a few wrong keys from one address, refuses even a good key from there for a while', async () => {
    const w = await world({ config: { rateLimits: rateLimits({ failedSignInsPerIp: { points: 2, windowSec: 900, blockSec: 900 } }) } });
    await expect(w.connectTab({ apiKey: 'sk-wrong-1' })).rejects.toMatchObject({ message: 'provider_auth' });
    await expect(w.connectTab({ apiKey: 'sk-wrong-2' })).rejects.toMatchObject({ message: 'provider_auth' });
    const refusal = { message: 'rate_limited', data: { code: 'rate_limited', message: expect.stringContaining('wrong key') } };
    await expect(w.connectTab({ apiKey: 'sk-wrong-3' })).rejects.toMatchObject(refusal);
    await expect(w.connectTab()).rejects.toMatchObject(refusal);
    const failedCalls = w.provider.requests.filter((r) => r.path.endsWith('/models')).length;
    expect(failedCalls).toBe(2);
  });

  it('counts the address a trusted proxy saw, and ignores X-Forwarded-For when no proxy is trusted', async () => {
    const signIns = rateLimits({ signInsPerIp: { points: 1, windowSec: 60 } });
    const viaHeader = (url: string, address: string) =>
      connectTab(url, {}, { extraHeaders: { 'x-forwarded-for': address } });
    const direct = await world({ config: { rateLimits: signIns } });
    (await viaHeader(direct.url, '203.0.113.1')).disconnect();
    await expect(viaHeader(direct.url, '203.0.113.2')).rejects.toMatchObject({ message: 'rate_limited' });

    const proxied = await world({ config: { rateLimits: signIns, trustedProxies: 1 } });
    (await viaHeader(proxied.url, '203.0.113.1')).disconnect();
    (await viaHeader(proxied.url, '198.51.100.7, 203.0.113.2')).disconnect();
    await expect(viaHeader(proxied.url, '203.0.113.1')).rejects.toMatchObject({ message: 'rate_limited' });
  });
});

describe('Lab edit limits', () => {
  it('refuses draft edits past the per-user rate with rate_limited, keeps what was stored, and leaves other users alone', async () => {
    const w = await world({ config: { rateLimits: rateLimits({ draftEditsPerUser: { points: 3, windowSec: 60 } }) } });
    const owner = await w.connectTab();
    const draft = await DraftTab.create(owner);
    const edit = (letter: string) => {
      const local = new Y.Doc();
      Y.applyUpdate(local, Y.encodeStateAsUpdate(draft.doc));
      draftText(local, 'prompt').insert(draftText(local, 'prompt').length, letter);
      Y.applyUpdate(draft.doc, Y.encodeStateAsUpdate(local), 'server');
      return owner.emitWithAck('draft:update', { draftId: draft.draftId, update: Y.encodeStateAsUpdate(local) });
    };
    for (const letter of ['a', 'b', 'c']) expect((await edit(letter)).ok).toBe(true);
    expect(await edit('d')).toMatchObject({ ok: false, error: { code: 'rate_limited', message: expect.stringMatching(/saved automatically in about \d+ (seconds?|minutes)\./) } });
    // The same budget covers the user's other tabs and the sync a reconnecting tab sends.
    const secondTab = await w.connectTab();
    const sync = await secondTab.emitWithAck('draft:sync', { draftId: draft.draftId, stateVector: Y.encodeStateVector(new Y.Doc()), update: Y.encodeStateAsUpdate(new Y.Doc()) });
    expect(sync).toMatchObject({ ok: false, error: { code: 'rate_limited' } });

    const reopened = await DraftTab.open(await w.connectTab(), draft.draftId);
    expect(reopened.text('prompt').toString()).toBe('abc');
    const someoneElse = await DraftTab.create(await w.connectTab({ apiKey: 'sk-test-bob' }));
    someoneElse.text('prompt').insert(0, 'mine');
    await someoneElse.settled();
  });
});

describe('tabs per user', () => {
  it('refuses the 21st tab of one key clearly, and admits a new one once a tab closes', async () => {
    const w = await world();
    const tabs = await Promise.all(Array.from({ length: 20 }, () => w.connectTab()));
    await expect(w.connectTab()).rejects.toMatchObject({
      message: 'rate_limited',
      data: { code: 'rate_limited', message: expect.stringContaining('20 tabs') },
    });
    expect((await w.connectTab({ apiKey: 'sk-test-bob' })).connected).toBe(true);
    tabs[0]!.disconnect();
    await expect.poll(async () => (await w.connectTab().then(() => true, () => false))).toBe(true);
  });
});

describe.skipIf(!redisUrl)('limits shared by instances through Redis', () => {
  async function twoInstances(config: NonNullable<Parameters<typeof startWorld>[0]>['config']) {
    // One server secret: the same key is the same user on both instances.
    const shared = { redisUrl, serverSecret: randomBytes(32).toString('base64'), ...config };
    return [await world({ config: shared }), await world({ config: shared })] as const;
  }

  it('a user gets one message budget across instances', async () => {
    const [a, b] = await twoInstances({ rateLimits: rateLimits({ messagesPerUser: { points: 2, windowSec: 60 }, messagesPerIp: { points: 1000, windowSec: 60 } }) });
    const apiKey = `sk-test-${randomUUID()}`;
    const onA = await a.connectTab({ apiKey });
    const onB = await b.connectTab({ apiKey });
    expect((await send(onA)).ok).toBe(true);
    expect((await send(onB)).ok).toBe(true);
    expect(await send(onA)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });

  it('counts tabs across instances, and frees the tabs of an instance that closed', async () => {
    const [a, b] = await twoInstances({ rateLimits: rateLimits({ tabsPerUser: 2 }) });
    const apiKey = `sk-test-${randomUUID()}`;
    await a.connectTab({ apiKey });
    await b.connectTab({ apiKey });
    await expect(b.connectTab({ apiKey })).rejects.toMatchObject({ message: 'rate_limited' });
    await a.close();
    worlds = worlds.filter((w) => w !== a);
    expect((await b.connectTab({ apiKey })).connected).toBe(true);
  });
});
