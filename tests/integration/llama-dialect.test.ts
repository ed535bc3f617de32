import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReplyEnded } from '@gptlab/common';
import { startWorld, type TestSocket, type TestWorld } from '../support/server.ts';
import { numberedTokens } from '../fixtures/fake-provider/server.ts';
import { createOwnedAssistant, userIdOf } from '../support/owned-assistant.ts';
import { ReplyView, sendText, startSession } from '../support/session-tab.ts';

/**
 * The app against the fake provider speaking as llama.cpp's server does (see the fake's
 * `dialect`): what the interop suite found against the real one, kept in the fast suite.
 */
let world: TestWorld;
afterEach(async () => {
  await world?.close();
});

async function send(tab: TestSocket, text: string, model?: string): Promise<{ sessionId: string; ended: ReplyEnded; deltas: string }> {
  const sessionId = randomUUID();
  let deltas = '';
  tab.on('session:delta', (event) => {
    if (event.sessionId === sessionId) deltas += event.text;
  });
  const ended = new Promise<ReplyEnded>((resolve) => tab.on('session:reply-ended', (event) => event.sessionId === sessionId && resolve(event)));
  const ack = await tab.emitWithAck('session:send', { sessionId, clientMessageId: randomUUID(), text, ...(model ? { model } : {}) });
  if (!ack.ok) throw new Error(`send refused: ${ack.error.message}`);
  return { sessionId, ended: await ended, deltas };
}

describe('a provider that answers as llama.cpp does', () => {
  it('reads its \\r\\n-separated stream whole, and estimates the usage it never reports', async () => {
    world = await startWorld({ provider: { tokenDelayMs: 0, dialect: 'llama.cpp' } });
    const tab = await world.connectTab();
    const { sessionId, ended, deltas } = await send(tab, 'Count [[tokens:30]]');
    expect(ended).toMatchObject({ status: 'complete', usage: { estimated: true } });
    expect(deltas).toBe(numberedTokens(30).join(''));
    expect(ended.usage!.promptTokens).toBeGreaterThan(0);
    expect(ended.usage!.completionTokens).toBeGreaterThanOrEqual(30);
    expect((await world.app.store.getSession(sessionId))?.usage.completionTokens).toBe(ended.usage!.completionTokens);
  });

  it('a conversation over its window, answered with an empty stream, fails with words the user can act on', async () => {
    world = await startWorld({ provider: { tokenDelayMs: 0, dialect: 'llama.cpp' } });
    const tab = await world.connectTab();
    const { ended } = await send(tab, 'word '.repeat(2_100));
    expect(ended).toMatchObject({ status: 'failed', deltaCount: 0, error: { code: 'provider_unavailable', message: expect.stringContaining('longer than the model can read') } });
  });

  it('a legacy completion is sent a max_tokens, so it is not cut at 16 tokens', async () => {
    world = await startWorld({ provider: { tokenDelayMs: 0, dialect: 'llama.cpp' } });
    const tab = await world.connectTab();
    const { ended, deltas } = await send(tab, 'Count [[tokens:40]]', 'gpt-3.5-turbo-instruct');
    expect(ended.status).toBe('complete');
    expect(deltas).toContain('t0040');
    const request = world.provider.requests.find((r) => r.path === '/v1/completions');
    expect(request?.body).toMatchObject({ max_tokens: expect.any(Number) });
  });
});

describe('a model no table knows', () => {
  it('learns its window from the provider’s context error, so the retry fits max tokens to it and succeeds', async () => {
    world = await startWorld({ provider: { tokenDelayMs: 0 } });
    const tab = await world.connectTab();
    const { userId } = await userIdOf(world, tab);
    const assistant = await createOwnedAssistant(world, userId, 'Local', 'You are brief.');
    await world.app.store.updateAssistant(assistant.id, { settings: { model: 'local-llama-3k', temperature: 0.5, maxTokens: 2_000, topP: 1, frequencyPenalty: 0, presencePenalty: 0 }, updatedAt: new Date() });
    const view = new ReplyView(tab);
    const { sessionId, replyId } = await startSession(tab, assistant.code);
    await view.whenEnded(replyId);
    const long = `${'word '.repeat(1_400)}[[tokens:5]]`;
    // The app guesses a 4,096-token window; prompt + max tokens overflow the real 3,000.
    const first = await view.whenEnded((await sendText(tab, sessionId, long)).replyId);
    expect(first).toMatchObject({ status: 'failed', error: { code: 'context_too_long' } });
    const second = await view.whenEnded((await sendText(tab, sessionId, 'Again [[tokens:5]]')).replyId);
    expect(second.status).toBe('complete');
    const sent = world.provider.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)?.body as { max_tokens: number };
    expect(sent.max_tokens).toBeLessThan(2_000);
  });
});
