import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { replyFor } from '../fixtures/fake-provider/server.ts';
import { startWorld, type TestSocket, type TestWorld } from '../support/server.ts';

let world: TestWorld;
afterEach(async () => {
  await world?.close();
});

async function chat(tab: TestSocket, sessionId: string, text: string): Promise<void> {
  const ended = new Promise((resolve) => tab.once('session:reply-ended', resolve));
  await tab.emitWithAck('session:send', { sessionId, clientMessageId: randomUUID(), text });
  await ended;
}

describe('past sessions', () => {
  it('lists my sessions newest first with their first words, and reopens one with its history', async () => {
    world = await startWorld();
    const tab = await world.connectTab({ apiKey: 'sk-test-alice' });
    const first = randomUUID();
    const second = randomUUID();
    await chat(tab, first, 'Plan a trip to Lisbon');
    await chat(tab, first, 'Make it three days');
    await chat(tab, second, 'Explain monads simply');

    const list = await tab.emitWithAck('session:list', {});
    expect(list.ok && list.sessions.map((s) => [s.id, s.preview])).toEqual([
      [second, 'Explain monads simply'],
      [first, 'Plan a trip to Lisbon'],
    ]);

    const opened = await tab.emitWithAck('session:open', { sessionId: first });
    expect(opened.ok && opened.messages.map((m) => [m.role, m.text])).toEqual([
      ['user', 'Plan a trip to Lisbon'],
      ['assistant', replyFor('Plan a trip to Lisbon')],
      ['user', 'Make it three days'],
      ['assistant', replyFor('Make it three days')],
    ]);
  });

  it('survives a server restart: the same key reads the same sessions back', async () => {
    world = await startWorld();
    const sessionId = randomUUID();
    await chat(await world.connectTab({ apiKey: 'sk-test-alice' }), sessionId, 'Remember the word pelican');
    await world.restartServer();
    const tab = await world.connectTab({ apiKey: 'sk-test-alice' });
    const opened = await tab.emitWithAck('session:open', { sessionId });
    expect(opened.ok && opened.messages[0]?.text).toBe('Remember the word pelican');
  });

  it('shows another key nothing of mine, and answers as if my session did not exist', async () => {
    world = await startWorld();
    const sessionId = randomUUID();
    await chat(await world.connectTab({ apiKey: 'sk-test-alice' }), sessionId, 'Private thoughts');
    const bob = await world.connectTab({ apiKey: 'sk-test-bob' });
    expect(await bob.emitWithAck('session:list', {})).toEqual({ ok: true, sessions: [], next: null });
    const stolen = await bob.emitWithAck('session:open', { sessionId });
    const unknown = await bob.emitWithAck('session:open', { sessionId: randomUUID() });
    expect(stolen).toEqual(unknown);
    expect(stolen).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('a second tab that opens the session sees the next reply stream live', async () => {
    world = await startWorld();
    const sessionId = randomUUID();
    const first = await world.connectTab();
    await chat(first, sessionId, 'Hello');
    const second = await world.connectTab();
    expect((await second.emitWithAck('session:open', { sessionId })).ok).toBe(true);
    const seenBySecond = new Promise((resolve) => second.once('session:reply-ended', resolve));
    const texts: string[] = [];
    second.on('session:delta', (d) => texts.push(d.text));
    await chat(first, sessionId, 'Again');
    await seenBySecond;
    expect(texts.join('')).toBe(replyFor('Again'));
  });
});
