import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { replyFor } from '../fixtures/fake-provider/server.ts';
import { limits } from '@gptlab/common';
import { unlimited } from '../support/rate-limits.ts';
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

  it('a long session opens by pages: the newest first, bounded in size, then earlier pages going back with no gap and no repeat', async () => {
    world = await startWorld({ provider: { tokenDelayMs: 0 }, config: { rateLimits: unlimited } });
    const tab = await world.connectTab();
    const sessionId = randomUUID();
    const exchanges = 60;
    const long = (n: number) => `Message ${n} ${'x'.repeat(limits.messageMaxChars - 40)}`;
    for (let n = 0; n < exchanges; n++) await chat(tab, sessionId, long(n));

    const opened = await tab.emitWithAck('session:open', { sessionId });
    if (!opened.ok) throw new Error(opened.error.message);
    // 120 messages of ~2 MB in all; the first answer holds only what fits one page.
    expect(JSON.stringify(opened).length).toBeLessThan(limits.historyPageChars * 1.5);
    expect(opened.messages.length).toBeGreaterThan(0);
    expect(opened.messages.length).toBeLessThan(exchanges * 2);
    expect(opened.messages.at(-1)?.role).toBe('assistant');
    expect(opened.earlier).not.toBeNull();

    const all = [...opened.messages];
    let pages = 1;
    for (let before = opened.earlier; before !== null; pages++) {
      const page = await tab.emitWithAck('session:history', { sessionId, before });
      if (!page.ok) throw new Error(page.error.message);
      expect(JSON.stringify(page).length).toBeLessThan(limits.historyPageChars * 1.5);
      all.unshift(...page.messages);
      before = page.earlier;
    }
    expect(pages).toBeGreaterThan(2);
    const userTexts = all.filter((m) => m.role === 'user').map((m) => m.text);
    expect(userTexts).toEqual(Array.from({ length: exchanges }, (_, n) => long(n)));
    expect(new Set(all.map((m) => m.id)).size).toBe(exchanges * 2);
  }, 60_000);

  it('a short page on request, and history of a session that is not mine answers as if it did not exist', async () => {
    world = await startWorld({ config: { rateLimits: unlimited } });
    const tab = await world.connectTab({ apiKey: 'sk-test-alice' });
    const sessionId = randomUUID();
    for (const text of ['one', 'two', 'three']) await chat(tab, sessionId, text);
    const opened = await tab.emitWithAck('session:open', { sessionId, limit: 2 });
    expect(opened.ok && opened.messages.map((m) => m.text)).toEqual(['three', replyFor('three')]);
    const earlier = opened.ok ? opened.earlier : null;
    expect(earlier).not.toBeNull();
    const page = await tab.emitWithAck('session:history', { sessionId, before: earlier!, limit: 3 });
    expect(page.ok && page.messages.map((m) => m.text)).toEqual([replyFor('one'), 'two', replyFor('two')]);

    const bob = await world.connectTab({ apiKey: 'sk-test-bob' });
    const stolen = await bob.emitWithAck('session:history', { sessionId, before: earlier! });
    expect(stolen).toEqual(await bob.emitWithAck('session:history', { sessionId: randomUUID(), before: earlier! }));
    expect(stolen).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await tab.emitWithAck('session:history', { sessionId, before: 'soon' as unknown as number })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await tab.emitWithAck('session:open', { sessionId, limit: 10_000 })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });
});
