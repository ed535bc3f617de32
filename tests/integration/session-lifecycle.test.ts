import { afterEach, describe, expect, it } from 'vitest';
import { exampleAssistants } from '../../server/src/features/assistants/examples.ts';
import { GREETING, replyFor } from '../fixtures/fake-provider/server.ts';
import { startWorld, type TestWorld } from '../support/server.ts';
import { openSession, ReplyView, sendText, startSession } from '../support/session-tab.ts';

let world: TestWorld;
afterEach(async () => {
  await world?.close();
});

const brainstorm = exampleAssistants.find((a) => a.id === 'example-brainstorm')!;

interface ChatBody {
  messages: Array<{ role: string; content: string }>;
}

/** The body of the newest chat completion request (moderation calls come in between). */
function lastChatBody(): Record<string, unknown> {
  return world.provider.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)?.body as Record<string, unknown>;
}

describe('a session with an assistant', () => {
  it('starts with the assistant speaking first, from its secret prompt', async () => {
    world = await startWorld();
    const tab = await world.connectTab();
    const view = new ReplyView(tab);
    const { replyId, session } = await startSession(tab);
    expect(session.assistant).toMatchObject({ id: 'example-brainstorm', name: 'Brainstorming Partner' });
    expect(await view.whenEnded(replyId)).toMatchObject({ status: 'complete' });
    expect(view.textOf(replyId)).toBe(GREETING);
    const body = world.provider.requests.at(-1)?.body as ChatBody;
    expect(body.messages).toEqual([{ role: 'system', content: brainstorm.prompt }]);
  });

  it("asks the provider with the assistant's sampling settings, and a plain chat with the provider's defaults", async () => {
    world = await startWorld();
    const tab = await world.connectTab();
    const view = new ReplyView(tab);
    const { replyId } = await startSession(tab);
    await view.whenEnded(replyId);
    const settings = (await world.app.store.getAssistant('example-brainstorm'))!.settings;
    expect(lastChatBody()).toMatchObject({
      temperature: settings.temperature, top_p: settings.topP, max_tokens: settings.maxTokens,
      frequency_penalty: settings.frequencyPenalty, presence_penalty: settings.presencePenalty,
    });

    const plain = await sendText(tab, crypto.randomUUID(), 'Hello');
    await view.whenEnded(plain.replyId);
    expect(Object.keys(lastChatBody())).not.toContain('temperature');
  });

  it("marks a reply the provider cut at the assistant's max tokens as truncated, live and when reopened", async () => {
    world = await startWorld({ provider: { tokenDelayMs: 0 } });
    const tab = await world.connectTab();
    const view = new ReplyView(tab);
    const { sessionId, replyId } = await startSession(tab);
    await view.whenEnded(replyId);
    const maxTokens = (await world.app.store.getAssistant('example-brainstorm'))!.settings.maxTokens;
    const long = await sendText(tab, sessionId, `Count [[tokens:${maxTokens + 50}]]`);
    expect(await view.whenEnded(long.replyId)).toMatchObject({ status: 'truncated' });
    const short = await sendText(tab, sessionId, 'Count [[tokens:5]]');
    expect(await view.whenEnded(short.replyId)).toMatchObject({ status: 'complete' });
    const opened = await openSession(tab, sessionId);
    expect(opened.messages.find((m) => m.id === long.replyId)?.status).toBe('truncated');
  });

  it('talks to a reasoning model in the parameters it takes: max completion tokens, no sampling settings', async () => {
    world = await startWorld();
    const tab = await world.connectTab();
    const view = new ReplyView(tab);
    const { sessionId, replyId } = await startSession(tab);
    await view.whenEnded(replyId);
    expect((await tab.emitWithAck('session:set-model', { sessionId, model: 'o3-mini' })).ok).toBe(true);
    const sent = await sendText(tab, sessionId, 'Think hard about this');
    expect(await view.whenEnded(sent.replyId)).toMatchObject({ status: 'complete' });
    const body = lastChatBody();
    expect(body).toMatchObject({ model: 'o3-mini', max_completion_tokens: expect.any(Number) });
    for (const refused of ['max_tokens', 'temperature', 'top_p', 'frequency_penalty', 'presence_penalty']) expect(Object.keys(body)).not.toContain(refused);
  });

  it('starts from a conversation starter as the first user message', async () => {
    world = await startWorld();
    const tab = await world.connectTab();
    const view = new ReplyView(tab);
    const { sessionId, replyId } = await startSession(tab, 'brainstorm', 'Names for my coffee shop');
    await view.whenEnded(replyId);
    const opened = await openSession(tab, sessionId);
    expect(opened.messages.map((m) => [m.role, m.text])).toEqual([
      ['user', 'Names for my coffee shop'],
      ['assistant', replyFor('Names for my coffee shop')],
    ]);
    expect(opened.session.preview).toBe('Names for my coffee shop');
  });

  it('refuses a starter the assistant does not offer, and leaves no session behind', async () => {
    world = await startWorld();
    const tab = await world.connectTab();
    const sessionId = crypto.randomUUID();
    const ack = await tab.emitWithAck('session:start', { sessionId, code: 'brainstorm', starter: 'Something I made up' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_payload', message: expect.stringContaining('conversation starters') } });
    expect(await tab.emitWithAck('session:list', {})).toEqual({ ok: true, sessions: [], next: null });
  });

  it('never sends the prompt to the user, in any event or ack', async () => {
    world = await startWorld();
    const tab = await world.connectTab();
    const seen: unknown[] = [];
    tab.onAny((event, payload) => seen.push([event, payload]));
    const view = new ReplyView(tab);
    const { sessionId, replyId } = await startSession(tab);
    await view.whenEnded(replyId);
    seen.push(await tab.emitWithAck('assistant:list', {}));
    seen.push(await tab.emitWithAck('assistant:find', { code: 'brainstorm' }));
    seen.push(await openSession(tab, sessionId));
    seen.push(await tab.emitWithAck('session:list', {}));
    expect(JSON.stringify(seen)).not.toContain(brainstorm.prompt.slice(0, 40));
  });

  it('keeps one conversation per session, stored once and in order, whoever sends', async () => {
    world = await startWorld();
    const first = await world.connectTab();
    const second = await world.connectTab();
    const view = new ReplyView(first);
    const { sessionId, replyId } = await startSession(first);
    await view.whenEnded(replyId);
    await openSession(second, sessionId);
    const secondSaw: string[] = [];
    second.on('session:message-added', (e) => secondSaw.push(e.message.text));
    const a = await sendText(first, sessionId, 'From the first tab');
    await view.whenEnded(a.replyId);
    const b = await sendText(second, sessionId, 'From the second tab');
    await view.whenEnded(b.replyId);
    expect(secondSaw).toEqual(['From the first tab', 'From the second tab']);
    const opened = await openSession(first, sessionId);
    expect(opened.messages.map((m) => m.text)).toEqual([GREETING, 'From the first tab', replyFor('From the first tab'), 'From the second tab', replyFor('From the second tab')]);
  });

  it('a message resent after a reconnect is stored once and answered once', async () => {
    world = await startWorld();
    const tab = await world.connectTab();
    const view = new ReplyView(tab);
    const { sessionId, replyId } = await startSession(tab);
    await view.whenEnded(replyId);
    const payload = { sessionId, clientMessageId: crypto.randomUUID(), text: 'Only once' };
    const first = await tab.emitWithAck('session:send', payload);
    const again = await tab.emitWithAck('session:send', payload);
    expect(again).toEqual(first);
    if (!first.ok) throw new Error('send refused');
    await view.whenEnded(first.replyId);
    const later = await tab.emitWithAck('session:send', payload);
    expect(later).toEqual(first);
    const opened = await openSession(tab, sessionId);
    expect(opened.messages.filter((m) => m.text === 'Only once')).toHaveLength(1);
    expect(world.provider.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(2);
  });

  it('ends with a recap that is streamed, stored and shown, after which the session takes no messages', async () => {
    world = await startWorld();
    const tab = await world.connectTab();
    const other = await world.connectTab();
    const view = new ReplyView(tab);
    const { sessionId, replyId } = await startSession(tab);
    await view.whenEnded(replyId);
    await openSession(other, sessionId);
    const updated = new Promise((resolve) => other.once('session:updated', resolve));
    await view.whenEnded((await sendText(tab, sessionId, 'Ideas for a picnic')).replyId);
    const ended = await tab.emitWithAck('session:end', { sessionId });
    if (!ended.ok) throw new Error(ended.error.message);
    expect(await view.whenEnded(ended.replyId)).toMatchObject({ kind: 'summary', status: 'complete' });
    expect(await updated).toMatchObject({ session: { summary: view.textOf(ended.replyId), endedAt: expect.any(String) } });
    const body = world.provider.requests.at(-1)?.body as ChatBody;
    expect(body.messages[1]?.content).toContain('Ideas for a picnic');
    expect(await tab.emitWithAck('session:send', { sessionId, clientMessageId: crypto.randomUUID(), text: 'More?' })).toMatchObject({ ok: false, error: { code: 'session_ended' } });
    const listed = await tab.emitWithAck('session:list', { assistantId: 'example-brainstorm' });
    expect(listed.ok && listed.sessions[0]).toMatchObject({ id: sessionId, preview: 'Ideas for a picnic', endedAt: expect.any(String) });
  });

  it('rating and switching the model reach every tab of the session', async () => {
    world = await startWorld();
    const tab = await world.connectTab();
    const other = await world.connectTab();
    const view = new ReplyView(tab);
    const { sessionId, replyId } = await startSession(tab);
    await view.whenEnded(replyId);
    await openSession(other, sessionId);
    const updates: unknown[] = [];
    other.on('session:updated', (e) => updates.push(e.session));
    expect(await tab.emitWithAck('session:rate', { sessionId, rating: 'up' })).toMatchObject({ ok: true, session: { rating: 'up' } });
    expect(await tab.emitWithAck('session:set-model', { sessionId, model: 'gpt-3.5-turbo-instruct' })).toMatchObject({ ok: true, session: { model: 'gpt-3.5-turbo-instruct' } });
    await expect.poll(() => updates).toMatchObject([{ rating: 'up' }, { model: 'gpt-3.5-turbo-instruct' }]);
    const sent = await sendText(tab, sessionId, 'Now as a completion model');
    expect(await view.whenEnded(sent.replyId)).toMatchObject({ status: 'complete' });
    expect(view.textOf(sent.replyId)).toBe(replyFor('Now as a completion model'));
    const request = world.provider.requests.at(-1);
    expect(request?.path).toBe('/v1/completions');
    expect((request?.body as { prompt: string; stop: string[] }).stop).toContain('\nUser:');
  });

  it('refuses a message the provider moderation flags, with the reason, and stores nothing', async () => {
    world = await startWorld();
    const tab = await world.connectTab();
    const view = new ReplyView(tab);
    const { sessionId, replyId } = await startSession(tab);
    await view.whenEnded(replyId);
    const ack = await tab.emitWithAck('session:send', { sessionId, clientMessageId: crypto.randomUUID(), text: 'Something nasty [[flag]]' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'moderation_flagged', message: expect.stringContaining('harassment') } });
    expect((await openSession(tab, sessionId)).messages.map((m) => m.text)).toEqual([GREETING]);
    expect((await sendText(tab, sessionId, 'Something nice')).messageId).toBeTruthy();
  });

  it('refuses a message with half an emoji in it, saying so, and keeps a whole emoji exactly', async () => {
    world = await startWorld();
    const tab = await world.connectTab();
    const view = new ReplyView(tab);
    const { sessionId, replyId } = await startSession(tab);
    await view.whenEnded(replyId);
    for (const broken of ['cut \uD83D here', 'tail \uDE00', '\uD800']) {
      const ack = await tab.emitWithAck('session:send', { sessionId, clientMessageId: crypto.randomUUID(), text: broken });
      expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_payload', message: expect.stringContaining('broken character') } });
    }
    await view.whenEnded((await sendText(tab, sessionId, 'Whole: \uD83D\uDE00 ✓')).replyId);
    expect((await openSession(tab, sessionId)).messages.map((m) => m.text)).toEqual([GREETING, 'Whole: 😀 ✓', expect.stringContaining('😀')]);
  });

  it('a failed reply keeps earlier messages intact, is stored as failed so a reload still shows it, and a retry works', async () => {
    world = await startWorld();
    const tab = await world.connectTab();
    const view = new ReplyView(tab);
    const { sessionId, replyId } = await startSession(tab);
    await view.whenEnded(replyId);
    const failed = await sendText(tab, sessionId, 'Break now [[500]]');
    expect(await view.whenEnded(failed.replyId)).toMatchObject({ status: 'failed', error: { code: 'provider_unavailable' } });
    expect((await openSession(tab, sessionId)).messages.at(-1)).toMatchObject({ id: failed.replyId, role: 'assistant', text: '', status: 'failed' });
    const retried = await sendText(tab, sessionId, 'Try again');
    expect(await view.whenEnded(retried.replyId)).toMatchObject({ status: 'complete' });
    const opened = await openSession(tab, sessionId);
    expect(opened.messages.map((m) => [m.text, m.status])).toEqual([
      [GREETING, 'complete'], ['Break now [[500]]', 'complete'], ['', 'failed'], ['Try again', 'complete'], [replyFor('Try again'), 'complete'],
    ]);
  });

  it('an unknown assistant or a stranger cannot start or read anything', async () => {
    world = await startWorld();
    const alice = await world.connectTab({ apiKey: 'sk-test-alice' });
    const mallory = await world.connectTab({ apiKey: 'sk-test-mallory' });
    const { sessionId } = await startSession(alice);
    expect(await mallory.emitWithAck('session:start', { sessionId: crypto.randomUUID(), assistantId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    for (const attempt of [
      mallory.emitWithAck('session:open', { sessionId }),
      mallory.emitWithAck('session:stop', { sessionId }),
      mallory.emitWithAck('session:end', { sessionId }),
      mallory.emitWithAck('session:rate', { sessionId, rating: 'down' }),
      mallory.emitWithAck('session:set-model', { sessionId, model: 'gpt-4o' }),
      mallory.emitWithAck('session:send', { sessionId, clientMessageId: crypto.randomUUID(), text: 'hi' }),
      mallory.emitWithAck('session:start', { sessionId, code: 'brainstorm' }),
    ]) {
      expect(await attempt).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
  });
});
