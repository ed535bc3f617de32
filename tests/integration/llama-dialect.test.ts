import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReplyEnded } from '@gptlab/common';
import { startWorld, type TestSocket, type TestWorld } from '../support/server.ts';
import { numberedTokens } from '../fixtures/fake-provider/server.ts';

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
