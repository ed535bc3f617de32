import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ReplyEnded } from '@gptlab/common';
import { connectTab, startWorld, type TestSocket, type TestWorld } from '../support/server.ts';
import { llamaKey, llamaSetup, startLlamaServer, type LlamaServer } from './llama-server.ts';

/**
 * The real app against a third-party OpenAI-compatible server: llama-cpp-python's, serving the tiny
 * random-weight model setup-llama.sh writes. Its replies are nonsense; what is checked is how the
 * app handles what such a server really sends.
 */
const setup = llamaSetup();
if (!setup && process.env.CI === 'true') throw new Error('The llama.cpp server is not set up, but CI=true: run npm run test:interop, which builds it.');
const suite = setup ? describe : describe.skip;
if (!setup) console.warn('[interop] skipped: run `npm run test:interop`, which builds llama.cpp\'s server once (a few minutes) and runs this suite');

let llama: LlamaServer;
let world: TestWorld | undefined;
beforeAll(async () => {
  if (setup) llama = await startLlamaServer(setup);
}, 90_000);
afterAll(async () => {
  await llama?.stop();
});
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function signedIn(providerUrl = llama.url): Promise<{ world: TestWorld; tab: TestSocket }> {
  world = await startWorld({ config: { providerBaseUrl: providerUrl } });
  return { world, tab: await world.connectTab({ apiKey: llamaKey }) };
}

/** Sends `text` to a new plain session and follows its reply to the end. */
function converse(tab: TestSocket, text: string, options: { model?: string; sessionId?: string; onFirstDelta?: (sessionId: string) => void } = {}) {
  const sessionId = options.sessionId ?? randomUUID();
  let deltas = '';
  const onDelta = (event: { sessionId: string; text: string }) => {
    if (event.sessionId !== sessionId) return;
    if (!deltas) options.onFirstDelta?.(sessionId);
    deltas += event.text;
  };
  tab.on('session:delta', onDelta);
  const ended = new Promise<ReplyEnded>((resolve) => {
    const onEnd = (event: ReplyEnded) => {
      if (event.sessionId !== sessionId) return;
      tab.off('session:reply-ended', onEnd);
      tab.off('session:delta', onDelta);
      resolve(event);
    };
    tab.on('session:reply-ended', onEnd);
  });
  const ack = tab.emitWithAck('session:send', { sessionId, clientMessageId: randomUUID(), text, ...(options.model ? { model: options.model } : {}) });
  return { sessionId, ack, ended, deltas: () => deltas };
}

/** A llama.cpp server of the test's own whose replies never end (EOS is never sampled), stopped after `use`. */
async function withEndlessServer(use: (server: LlamaServer) => Promise<void>): Promise<void> {
  const server = await startLlamaServer(setup!, { endless: true, contextTokens: 1_024 });
  try {
    await use(server);
  } finally {
    await server.stop();
  }
}

async function storedReply(world: TestWorld, tab: TestSocket, sessionId: string): Promise<string> {
  const opened = await tab.emitWithAck('session:open', { sessionId });
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.messages.filter((m) => m.role === 'assistant').at(-1)?.text ?? '';
}

suite('llama.cpp server (llama-cpp-python) as the provider', () => {
  it('signs in with its key and refuses another', async () => {
    const { world } = await signedIn();
    await expect(connectTab(world.url, { apiKey: 'sk-not-the-key' })).rejects.toMatchObject({ message: 'provider_auth' });
    const models = await (await world.connectTab({ apiKey: llamaKey })).emitWithAck('models:list', {});
    expect(models).toMatchObject({ ok: true, models: [expect.objectContaining({ kind: 'chat' })] });
  });

  it('streams a reply, multi-byte text included, stored exactly as streamed, with usage estimated', async () => {
    const { world, tab } = await signedIn();
    const turn = converse(tab, 'Bonjour, ça va ? 日本語 ✓ — tell me a story');
    expect(await turn.ack).toMatchObject({ ok: true });
    const ended = await turn.ended;
    expect(['complete', 'truncated']).toContain(ended.status);
    expect(turn.deltas().length).toBeGreaterThan(0);
    expect(ended.usage).toMatchObject({ estimated: true });
    expect(ended.usage!.completionTokens).toBeGreaterThan(0);
    expect(await storedReply(world, tab, turn.sessionId)).toBe(turn.deltas());
  });

  it('stops mid-reply when asked, keeping the text so far', async () => {
    await withEndlessServer(async (endless) => {
      const { world, tab } = await signedIn(endless.url);
      const turn = converse(tab, 'Talk for a long time', { onFirstDelta: (sessionId) => void tab.emitWithAck('session:stop', { sessionId }) });
      const ended = await turn.ended;
      expect(ended.status).toBe('stopped');
      expect(turn.deltas().length).toBeGreaterThan(0);
      expect(await storedReply(world, tab, turn.sessionId)).toBe(turn.deltas());
    });
  });

  it('writes a recap when the session ends', async () => {
    const { world, tab } = await signedIn();
    const turn = converse(tab, 'Hello there');
    await turn.ended;
    const ended = await tab.emitWithAck('session:end', { sessionId: turn.sessionId });
    if (!ended.ok) throw new Error(ended.error.message);
    const recap = await new Promise<ReplyEnded>((resolve) => tab.on('session:reply-ended', (e) => e.replyId === ended.replyId && resolve(e)));
    expect(['complete', 'truncated']).toContain(recap.status);
    if (recap.status === 'complete') expect((await world.app.store.getSession(turn.sessionId))?.endedAt).not.toBeNull();
  });

  it('a legacy completion model is given a max_tokens, so it is not cut at 16 tokens', async () => {
    const { tab } = await signedIn();
    const turn = converse(tab, 'Once upon a time', { model: 'gpt-3.5-turbo-instruct' });
    const ended = await turn.ended;
    expect(['complete', 'truncated']).toContain(ended.status);
    // 16 llama tokens of this vocabulary are at most 16 pieces of a few characters each.
    if (ended.status === 'truncated') expect(turn.deltas().length).toBeGreaterThan(16 * 12);
  });

  it('a conversation over its window ends as an error the user sees, not an empty "complete" reply', async () => {
    const { tab } = await signedIn();
    const turn = converse(tab, 'hello '.repeat(5_000));
    const ended = await turn.ended;
    expect(ended).toMatchObject({ status: 'failed', deltaCount: 0, error: { code: 'provider_unavailable' } });
  });

  it('a server killed mid-reply, then down, is reported both times', async () => {
    await withEndlessServer(async (own) => {
      const { world, tab } = await signedIn(own.url);
      const turn = converse(tab, 'Keep talking', { onFirstDelta: () => own.process.kill('SIGKILL') });
      const cut = await turn.ended;
      expect(cut).toMatchObject({ status: 'failed', error: { code: 'provider_unavailable' } });
      expect(cut.deltaCount).toBeGreaterThan(0);
      // The text the user was reading when it broke is kept.
      expect(await storedReply(world, tab, turn.sessionId)).toBe(turn.deltas());
      await own.stop();
      const down = converse(tab, 'Anyone there?', { sessionId: turn.sessionId });
      expect(await down.ended).toMatchObject({ status: 'failed', error: { code: 'provider_unavailable', message: expect.stringContaining('reach') } });
    });
  });
});
