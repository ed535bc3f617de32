import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatMessage, ServerToClientEvents } from '@gptlab/common';
import { startFakeProvider } from '../fixtures/fake-provider/server.ts';
import { startInstance, type Instance } from '../support/instances.ts';
import { connectTab, type TestSocket } from '../support/server.ts';
import { serviceUrl } from '../support/services.ts';
import { openSession, ReplyView, sendText, startSession } from '../support/session-tab.ts';

// Every rewrite of a session (regenerate, edit, show another version, rename, delete) made by a tab
// on one instance must reach the same user's tab on another through Redis, as replies do.
const redisUrl = serviceUrl('REDIS_URL');

let cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => {});
  cleanup = [];
});

/** Two real server processes sharing one Redis and one embedded store, as behind a load balancer. */
async function twoInstances(): Promise<{ a: Instance; b: Instance; tab: (instance: Instance) => Promise<TestSocket> }> {
  const provider = await startFakeProvider({ tokenDelayMs: 5 });
  cleanup.push(() => provider.close());
  const dataDir = await mkdtemp(path.join(tmpdir(), 'gptlab-versions-cluster-'));
  cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
  const env = { REDIS_URL: redisUrl!, OPENAI_BASE_URL: provider.url, GPTLAB_SECRET: randomBytes(32).toString('base64'), DATA_DIR: dataDir, MONGODB_URL: '', LOG_LEVEL: 'error' };
  const a = await startInstance(env);
  cleanup.push(() => a.stop('SIGKILL'));
  const b = await startInstance(env);
  cleanup.push(() => b.stop('SIGKILL'));
  const tab = async (instance: Instance) => {
    const socket = await connectTab(instance.url);
    cleanup.push(async () => socket.disconnect());
    return socket;
  };
  return { a, b, tab };
}

type Heard = { [E in keyof ServerToClientEvents]?: Array<Parameters<ServerToClientEvents[E]>[0]> };

/** Records, in order, the names of the session events a tab receives, and their payloads by name. */
function listen(tab: TestSocket) {
  const order: string[] = [];
  const payloads: Heard = {};
  const events = ['session:branched', 'session:reply-started', 'session:reply-ended', 'session:renamed', 'session:deleted'] as const;
  for (const event of events) {
    tab.on(event, ((payload: never) => {
      order.push(event);
      ((payloads[event] ??= []) as unknown[]).push(payload);
    }) as never);
  }
  return { order, payloads, count: (event: (typeof events)[number]) => order.filter((e) => e === event).length };
}

/** What the thread shows: who said what, with "(i/n)" where a message has versions. */
function shown(messages: ChatMessage[]): string[] {
  return messages.map((m) => `${m.role}:${m.id}${m.versions ? ` (${m.versions.indexOf(m.id) + 1}/${m.versions.length})` : ''}`);
}

describe.skipIf(!redisUrl)('versions and history across two instances over Redis', () => {
  it('a regenerate, an edit and a switch of version on instance A reach my tab on instance B, which reopens on the version shown', async () => {
    const cluster = await twoInstances();
    const onA = await cluster.tab(cluster.a);
    const onB = await cluster.tab(cluster.b);
    const view = new ReplyView(onA);
    const { sessionId, replyId: opening } = await startSession(onA);
    await view.whenEnded(opening);
    const sent = await sendText(onA, sessionId, 'Give me one idea [[tokens:4]]');
    await view.whenEnded(sent.replyId);
    const viewOnB = new ReplyView(onB);
    await openSession(onB, sessionId, viewOnB);
    const heardOnB = listen(onB);

    const again = await onA.emitWithAck('session:regenerate', { sessionId, replyId: sent.replyId, clientMessageId: randomUUID() });
    if (!again.ok) throw new Error(again.error.message);
    await viewOnB.whenEnded(again.replyId);
    // B was told the thread branched before the new version began to stream, so it could drop the old one.
    expect(heardOnB.order.indexOf('session:branched')).toBeGreaterThanOrEqual(0);
    expect(heardOnB.order.indexOf('session:branched')).toBeLessThan(heardOnB.order.indexOf('session:reply-started'));
    expect(heardOnB.payloads['session:branched']?.[0]).toEqual({ sessionId });
    // The new version streamed to B live, as any reply does.
    expect(viewOnB.textOf(again.replyId)).toBe('t0001 t0002 t0003 t0004');
    expect(shown((await openSession(onB, sessionId)).messages)).toEqual([`assistant:${opening}`, `user:${sent.messageId}`, `assistant:${again.replyId} (2/2)`]);

    const branchesBeforeEdit = heardOnB.count('session:branched');
    const editedId = randomUUID();
    const edited = await onA.emitWithAck('session:edit', { sessionId, messageId: sent.messageId, clientMessageId: editedId, text: 'Give me two ideas' });
    if (!edited.ok) throw new Error(edited.error.message);
    await viewOnB.whenEnded(edited.replyId);
    expect(heardOnB.count('session:branched')).toBeGreaterThan(branchesBeforeEdit);
    expect(viewOnB.textOf(edited.replyId)).toContain('Give me two ideas');
    const afterEdit = await openSession(onB, sessionId);
    expect(shown(afterEdit.messages)).toEqual([`assistant:${opening}`, `user:${editedId} (2/2)`, `assistant:${edited.replyId}`]);
    expect(afterEdit.messages[1]?.text).toBe('Give me two ideas');

    const branchesBeforeSwitch = heardOnB.count('session:branched');
    expect(await onA.emitWithAck('session:show-version', { sessionId, messageId: sent.messageId })).toEqual({ ok: true });
    await expect.poll(() => heardOnB.count('session:branched')).toBe(branchesBeforeSwitch + 1);
    const original = await openSession(onB, sessionId);
    expect(shown(original.messages)).toEqual([`assistant:${opening}`, `user:${sent.messageId} (1/2)`, `assistant:${again.replyId} (2/2)`]);
    expect(original.messages[1]?.text).toBe('Give me one idea [[tokens:4]]');
  });

  it('a rename and then a delete on instance A reach my tabs on instance B, the one showing the session and the one listing them', async () => {
    const cluster = await twoInstances();
    const onA = await cluster.tab(cluster.a);
    const showingOnB = await cluster.tab(cluster.b);
    const listingOnB = await cluster.tab(cluster.b);
    const view = new ReplyView(onA);
    const sessionId = randomUUID();
    await view.whenEnded((await sendText(onA, sessionId, 'Plan a trip to Lisbon')).replyId);
    await openSession(showingOnB, sessionId);
    const heardShowing = listen(showingOnB);
    const heardListing = listen(listingOnB);

    expect(await onA.emitWithAck('session:rename', { sessionId, title: 'Lisbon in three days' })).toMatchObject({ ok: true });
    await expect.poll(() => heardShowing.count('session:renamed') + heardListing.count('session:renamed')).toBe(2);
    for (const heard of [heardShowing, heardListing]) expect(heard.payloads['session:renamed']?.[0]?.session).toMatchObject({ id: sessionId, title: 'Lisbon in three days' });
    const listed = await listingOnB.emitWithAck('session:list', {});
    expect(listed.ok && listed.sessions.map((s) => s.title)).toEqual(['Lisbon in three days']);

    expect(await onA.emitWithAck('session:delete', { sessionId })).toEqual({ ok: true });
    await expect.poll(() => heardShowing.count('session:deleted') + heardListing.count('session:deleted')).toBe(2);
    for (const heard of [heardShowing, heardListing]) expect(heard.payloads['session:deleted']).toEqual([{ sessionId }]);
    const afterDelete = await listingOnB.emitWithAck('session:list', {});
    expect(afterDelete.ok && afterDelete.sessions).toEqual([]);
    expect(await showingOnB.emitWithAck('session:open', { sessionId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
