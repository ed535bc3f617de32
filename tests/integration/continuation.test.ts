import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestSocket, type TestWorld } from '../support/server.ts';
import { startWorldOnStore, storesUnderTest as stores, type StoreUnderTest } from '../support/stores.ts';
import { openSession, ReplyView, sendText, startSession } from '../support/session-tab.ts';

let world: TestWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const startWorldOn = (store: StoreUnderTest): Promise<TestWorld> => startWorldOnStore(store, 'continue', { provider: { tokenDelayMs: 0 } });

type Body = { messages: Array<{ role: string; content: string }> };
const carriedOnNote = 'This conversation carries on from an earlier session.';
const unanswered = 'Now review my whole novel [[context]]';

/** The system messages the model was sent with the latest chat request. */
function lastSystemMessages(w: TestWorld): string[] {
  const body = w.provider.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)?.body as Body;
  return body.messages.filter((m) => m.role === 'system').map((m) => m.content);
}

/** A session with Brainstorming Partner that talked a while, then grew too long for its model. */
async function tooLongSession(tab: TestSocket): Promise<{ sessionId: string; failedReplyId: string }> {
  const view = new ReplyView(tab);
  const { sessionId, replyId } = await startSession(tab, 'brainstorm');
  await view.whenEnded(replyId);
  await view.whenEnded((await sendText(tab, sessionId, 'Plan a bakery called Crumb & Co in Porto')).replyId);
  expect(await tab.emitWithAck('session:rename', { sessionId, title: 'Bakery plans' })).toMatchObject({ ok: true });
  const failed = await sendText(tab, sessionId, unanswered);
  expect(await view.whenEnded(failed.replyId)).toMatchObject({ status: 'failed', error: { code: 'context_too_long' } });
  return { sessionId, failedReplyId: failed.replyId };
}

describe.each(stores)('a new session with a summary of one grown too long (%s store)', (store) => {
  it('carries a sealed summary the model reads and no tab is sent, and tells the user where it came from', async () => {
    world = await startWorldOn(store);
    const tab = await world.connectTab();
    const { sessionId: oldId } = await tooLongSession(tab);
    const heard: string[] = [];
    tab.onAny((event, payload) => heard.push(`${event} ${JSON.stringify(payload)}`));

    const view = new ReplyView(tab);
    const newId = randomUUID();
    const started = await tab.emitWithAck('session:start', { sessionId: newId, code: 'brainstorm', continueFrom: oldId });
    if (!started.ok) throw new Error(started.error.message);
    expect(started.session.continuedFrom).toEqual({ sessionId: oldId, title: 'Bakery plans' });
    await view.whenEnded(started.replyId);

    // The greeting was written knowing the earlier conversation, but not the question it could not answer.
    const [prompt, note, ...others] = lastSystemMessages(world);
    expect(prompt).not.toContain(carriedOnNote);
    expect(note).toContain(carriedOnNote);
    expect(note).toContain('Crumb & Co in Porto');
    expect(note).not.toContain('review my whole novel');
    expect(others).toEqual([]);
    // The summary stays with the model: nothing the tab was sent holds it.
    expect(heard.join('\n')).not.toContain('Crumb & Co');

    const stored = await world.app.store.getSession(newId);
    expect(stored?.continuedFrom).toMatchObject({ sessionId: oldId, sealedSummary: expect.stringMatching(/^v1\./), sealedTitle: expect.stringMatching(/^v1\./) });
    expect(JSON.stringify(stored)).not.toContain('Crumb');

    // Talking on, the model still has it; a reload still says where the session came from.
    await view.whenEnded((await sendText(tab, newId, 'Which pastries first?')).replyId);
    expect(lastSystemMessages(world)[1]).toContain('Crumb & Co in Porto');
    const reopened = await openSession(tab, newId);
    expect(reopened.session.continuedFrom).toEqual({ sessionId: oldId, title: 'Bakery plans' });
    expect(reopened.messages.map((m) => m.role)).toEqual(['assistant', 'user', 'assistant']);
    // The old session is left as it was, and listed as before.
    expect((await openSession(tab, oldId)).messages.filter((m) => m.role === 'user').map((m) => m.text)).toEqual(['Plan a bakery called Crumb & Co in Porto', unanswered]);
    const listed = await tab.emitWithAck('session:list', {});
    expect(listed.ok && listed.sessions.map((s) => [s.id, s.continuedFrom?.sessionId ?? null])).toEqual([[newId, oldId], [oldId, null]]);
  });

  it('refuses to carry on from a session that is not mine, with another assistant, or named wrongly, and starts nothing', async () => {
    world = await startWorldOn(store);
    const tab = await world.connectTab();
    const stranger = await world.connectTab({ apiKey: 'sk-test-mallory' });
    const { sessionId: oldId } = await tooLongSession(tab);
    const tries = {
      strangers: await stranger.emitWithAck('session:start', { sessionId: randomUUID(), code: 'brainstorm', continueFrom: oldId }),
      unknown: await tab.emitWithAck('session:start', { sessionId: randomUUID(), code: 'brainstorm', continueFrom: randomUUID() }),
      otherAssistant: await tab.emitWithAck('session:start', { sessionId: randomUUID(), code: 'lifecoach', continueFrom: oldId }),
      malformed: await tab.emitWithAck('session:start', { sessionId: randomUUID(), code: 'brainstorm', continueFrom: 'not-a-session' }),
      notText: await tab.emitWithAck('session:start', { sessionId: randomUUID(), code: 'brainstorm', continueFrom: 42 as unknown as string }),
    };
    expect(tries.strangers).toEqual(tries.unknown);
    expect(tries.strangers).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(tries.otherAssistant).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(tries.malformed).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(tries.notText).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    for (const socket of [tab, stranger]) {
      const listed = await socket.emitWithAck('session:list', {});
      expect(listed.ok && listed.sessions.map((s) => s.id)).toEqual(socket === tab ? [oldId] : []);
    }
  });
});
