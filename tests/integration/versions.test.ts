import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '@gptlab/common';
import { type TestSocket, type TestWorld } from '../support/server.ts';
import { startWorldOnStore, storesUnderTest as stores, type StoreUnderTest } from '../support/stores.ts';
import { openSession, ReplyView, sendText, startSession } from '../support/session-tab.ts';

let world: TestWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const startWorldOn = (store: StoreUnderTest): Promise<TestWorld> => startWorldOnStore(store, 'versions');

/** Counts session:branched heard by a tab. */
function branchings(socket: TestSocket): { count: number } {
  const heard = { count: 0 };
  socket.on('session:branched', () => void heard.count++);
  return heard;
}

/** What the thread shows: who said what, with "(i/n)" where a message has versions. */
function shown(messages: ChatMessage[]): string[] {
  return messages.map((m) => {
    const versions = m.versions ? ` (${m.versions.indexOf(m.id) + 1}/${m.versions.length})` : '';
    return `${m.role}:${m.id}${versions}`;
  });
}

/** The conversation the model was sent for its latest reply, as role: text lines. */
function lastConversationSent(w: TestWorld): string[] {
  const chats = w.provider.requests.filter((r) => r.path.endsWith('/chat/completions'));
  const body = chats.at(-1)?.body as { messages: Array<{ role: string; content: string }> };
  return body.messages.filter((m) => m.role !== 'system').map((m) => `${m.role}: ${m.content}`);
}

describe.each(stores)('versions of messages (%s store)', (store) => {
  it('a regenerated reply is a new version in every tab, the old one a click away, and the model saw the same question', async () => {
    world = await startWorldOn(store);
    const tab = await world.connectTab();
    const other = await world.connectTab();
    const view = new ReplyView(tab);
    const { sessionId, replyId: opening } = await startSession(tab);
    await view.whenEnded(opening);
    const sent = await sendText(tab, sessionId, 'Give me one idea [[tokens:4]]');
    await view.whenEnded(sent.replyId);
    await openSession(other, sessionId);
    const heard = branchings(other);

    const again = await tab.emitWithAck('session:regenerate', { sessionId, replyId: sent.replyId, clientMessageId: randomUUID() });
    if (!again.ok) throw new Error(again.error.message);
    await view.whenEnded(again.replyId);
    expect(lastConversationSent(world).at(-1)).toBe('user: Give me one idea [[tokens:4]]');
    // Told once when the old reply went, once when the new one was stored.
    await expect.poll(() => heard.count).toBe(2);

    const opened = await openSession(other, sessionId);
    expect(shown(opened.messages)).toEqual([`assistant:${opening}`, `user:${sent.messageId}`, `assistant:${again.replyId} (2/2)`]);
    expect(opened.messages.at(-1)?.versions).toEqual([sent.replyId, again.replyId]);

    expect(await other.emitWithAck('session:show-version', { sessionId, messageId: sent.replyId })).toEqual({ ok: true });
    await expect.poll(() => heard.count).toBe(3);
    expect(shown((await openSession(tab, sessionId)).messages).at(-1)).toBe(`assistant:${sent.replyId} (1/2)`);
    expect(view.textOf(sent.replyId)).not.toBe('');
  });

  it('an edited message is answered afresh; the old message and what followed it come back with its version', async () => {
    world = await startWorldOn(store);
    const tab = await world.connectTab();
    const view = new ReplyView(tab);
    const { sessionId, replyId: opening } = await startSession(tab);
    await view.whenEnded(opening);
    const first = await sendText(tab, sessionId, 'First question');
    await view.whenEnded(first.replyId);
    const second = await sendText(tab, sessionId, 'Second question');
    await view.whenEnded(second.replyId);

    const editedId = randomUUID();
    const edited = await tab.emitWithAck('session:edit', { sessionId, messageId: first.messageId, clientMessageId: editedId, text: 'First question, put better' });
    if (!edited.ok) throw new Error(edited.error.message);
    await view.whenEnded(edited.replyId);
    // The model answers the edited question with nothing of the branch it replaced.
    expect(lastConversationSent(world).slice(-1)).toEqual(['user: First question, put better']);
    expect(lastConversationSent(world).join('\n')).not.toContain('Second question');

    const afterEdit = await openSession(tab, sessionId);
    expect(shown(afterEdit.messages)).toEqual([`assistant:${opening}`, `user:${editedId} (2/2)`, `assistant:${edited.replyId}`]);
    expect(afterEdit.messages[1]?.text).toBe('First question, put better');

    expect(await tab.emitWithAck('session:show-version', { sessionId, messageId: first.messageId })).toEqual({ ok: true });
    const original = await openSession(tab, sessionId);
    expect(shown(original.messages)).toEqual([`assistant:${opening}`, `user:${first.messageId} (1/2)`, `assistant:${first.replyId}`, `user:${second.messageId}`, `assistant:${second.replyId}`]);

    // Talking on from the version shown follows it, not the message stored last.
    const third = await sendText(tab, sessionId, 'Third question');
    await view.whenEnded(third.replyId);
    expect(lastConversationSent(world).join('\n')).toContain('Second question');
    expect(lastConversationSent(world).join('\n')).not.toContain('put better');
    expect(shown((await openSession(tab, sessionId)).messages).slice(-2)).toEqual([`user:${third.messageId}`, `assistant:${third.replyId}`]);

    // And back to the edit: its own reply, nothing of the other branch.
    await tab.emitWithAck('session:show-version', { sessionId, messageId: editedId });
    expect(shown((await openSession(tab, sessionId)).messages)).toEqual([`assistant:${opening}`, `user:${editedId} (2/2)`, `assistant:${edited.replyId}`]);
  });

  it('refuses what cannot be rewritten, with a clear error, and changes nothing', async () => {
    world = await startWorldOn(store);
    const tab = await world.connectTab();
    const stranger = await world.connectTab({ apiKey: 'sk-test-mallory' });
    const view = new ReplyView(tab);
    const { sessionId, replyId: opening } = await startSession(tab);
    await view.whenEnded(opening);
    const sent = await sendText(tab, sessionId, 'A question');
    await view.whenEnded(sent.replyId);
    const before = await openSession(tab, sessionId);

    // Only the last reply can be written again.
    expect(await tab.emitWithAck('session:regenerate', { sessionId, replyId: opening, clientMessageId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    // A reply is not the user's message to edit.
    expect(await tab.emitWithAck('session:edit', { sessionId, messageId: randomUUID(), clientMessageId: randomUUID(), text: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await tab.emitWithAck('session:show-version', { sessionId, messageId: 'no-such-message' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // Someone else's session answers as an unknown one.
    expect(await stranger.emitWithAck('session:regenerate', { sessionId, replyId: sent.replyId, clientMessageId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await stranger.emitWithAck('session:edit', { sessionId, messageId: sent.messageId, clientMessageId: randomUUID(), text: 'mine now' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await stranger.emitWithAck('session:show-version', { sessionId, messageId: sent.replyId })).toMatchObject({ ok: false, error: { code: 'not_found' } });

    expect((await openSession(tab, sessionId)).messages).toEqual(before.messages);
  });

  it('a resent regenerate writes one new version, and a regenerate while a reply streams is busy', async () => {
    world = await startWorldOn(store);
    const tab = await world.connectTab();
    const view = new ReplyView(tab);
    const { sessionId, replyId: opening } = await startSession(tab);
    await view.whenEnded(opening);
    const sent = await sendText(tab, sessionId, 'A question [[tokens:200]]');
    expect(await tab.emitWithAck('session:regenerate', { sessionId, replyId: opening, clientMessageId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'busy' } });
    await view.whenEnded(sent.replyId);

    const request = { sessionId, replyId: sent.replyId, clientMessageId: randomUUID() };
    const [one, two] = await Promise.all([tab.emitWithAck('session:regenerate', request), tab.emitWithAck('session:regenerate', request)]);
    expect(one).toEqual(two);
    if (!one.ok) throw new Error(one.error.message);
    await view.whenEnded(one.replyId);
    expect(await tab.emitWithAck('session:regenerate', request)).toEqual(one);
    const opened = await openSession(tab, sessionId);
    expect(opened.messages.at(-1)?.versions).toEqual([sent.replyId, one.replyId]);
  });
});
