import { randomUUID } from 'node:crypto';
import type { ReplyEnded } from '@gptlab/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/src/logger.ts';
import { createOpenAiProvider } from '../../server/src/llm/openai-provider.ts';
import { MemoryReplyRegistry } from '../../server/src/realtime/reply-registry.ts';
import { localStopRelay } from '../../server/src/realtime/stop-relay.ts';
import type { SessionBroadcaster } from '../../server/src/features/sessions/reply-events.ts';
import { ReplyRunner, type ReplyOutcome } from '../../server/src/features/sessions/reply-runner.ts';
import { runTurn, startTurn, type TurnPlan } from '../../server/src/features/sessions/turn.ts';
import { startFakeProvider, type FakeProvider } from '../fixtures/fake-provider/server.ts';

/**
 * A turn holds its session while it runs, so a second message gets "busy". Whatever step throws
 * (a store error while writing the message, while reading the assistant, while building the
 * request), the session must be free again afterwards: before turns had one module, a recap whose
 * read threw after the claim left the session busy for good.
 */
let provider: FakeProvider;
beforeAll(async () => {
  provider = await startFakeProvider();
});
afterAll(async () => {
  await provider.close();
});

function world() {
  const ended: ReplyEnded[] = [];
  const quiet = () => {};
  const broadcaster: SessionBroadcaster = {
    messageAdded: quiet,
    replyStarted: quiet,
    delta: quiet,
    replyEnded: (event) => ended.push(event),
    replyRetracted: quiet,
    sessionUpdated: quiet,
    branched: quiet,
    sessionRenamed: quiet,
    sessionDeleted: quiet,
  };
  const llm = createOpenAiProvider({ idleTimeoutMs: 5_000, requestTimeoutMs: 5_000 });
  const runner = new ReplyRunner({ provider: llm, broadcaster, registry: new MemoryReplyRegistry(), stopRelay: localStopRelay, batchWindowMs: 10, checkpointMs: 1_000, logger: createLogger('silent') });
  const credentials = { apiKey: 'sk-test-turns', baseUrl: provider.url };
  const stored: ReplyOutcome[] = [];
  const plan = (overrides: Partial<TurnPlan> = {}): TurnPlan => {
    const sessionId = randomUUID();
    return {
      reply: { sessionId, replyId: `${sessionId}.reply`, kind: 'reply' },
      credentials,
      userText: 'Hello there',
      begin: () => Promise.resolve(true),
      prepare: () => Promise.resolve({ model: 'gpt-4o-mini', turns: [{ role: 'user', content: 'Hello there [[tokens:3]]' }] }),
      persist: async (outcome) => void stored.push(outcome),
      ...overrides,
    };
  };
  const start = (p: TurnPlan) => startTurn(runTurn({ runner, provider: llm }, p), () => {});
  /** True when a new reply could be started in the session now. */
  const isFree = async (sessionId: string) => {
    const claim = await runner.claim({ sessionId, replyId: 'probe', kind: 'reply' });
    await claim?.release();
    return claim !== null;
  };
  return { runner, ended, stored, plan, start, isFree };
}

const storeDown = () => Promise.reject(new Error('store unavailable'));

describe('a turn and its claim on the session', () => {
  it('streams the reply, stores it before the end is announced, and frees the session', async () => {
    const w = world();
    const p = w.plan();
    expect(await w.start(p)).toEqual({ type: 'accepted', fresh: true });
    expect(await w.start(w.plan({ reply: p.reply }))).toEqual({ type: 'taken' });
    await expect.poll(() => w.ended.length).toBe(1);
    expect(w.stored).toHaveLength(1);
    expect(w.stored[0]).toMatchObject({ status: 'complete' });
    expect(w.stored[0]?.text.length).toBeGreaterThan(0);
    expect(await w.isFree(p.reply.sessionId)).toBe(true);
  });

  it('frees the session when writing the message throws', async () => {
    const w = world();
    const p = w.plan({ begin: storeDown });
    await expect(w.start(p)).rejects.toThrow('store unavailable');
    expect(await w.isFree(p.reply.sessionId)).toBe(true);
  });

  it('frees the session when a check throws after the claim (the recap bug)', async () => {
    const w = world();
    const p = w.plan({ check: storeDown });
    await expect(w.start(p)).rejects.toThrow('store unavailable');
    expect(await w.isFree(p.reply.sessionId)).toBe(true);
  });

  it('tells the tabs the reply failed and frees the session when preparing the request throws', async () => {
    const w = world();
    const p = w.plan({ prepare: storeDown });
    expect(await w.start(p)).toEqual({ type: 'accepted', fresh: true });
    await expect.poll(() => w.ended.length).toBe(1);
    expect(w.ended[0]).toMatchObject({ replyId: p.reply.replyId, status: 'failed', error: { code: 'internal' } });
    expect(await w.isFree(p.reply.sessionId)).toBe(true);
  });

  it('frees the session for a refused message and for a resend, without running a reply', async () => {
    const w = world();
    const refused = w.plan({ check: () => Promise.resolve({ ok: false, error: { code: 'not_found', message: 'gone' } }) });
    expect(await w.start(refused)).toEqual({ type: 'refused', error: { code: 'not_found', message: 'gone' } });
    const resend = w.plan({ begin: () => Promise.resolve(false) });
    expect(await w.start(resend)).toEqual({ type: 'accepted', fresh: false });
    expect(await w.isFree(refused.reply.sessionId)).toBe(true);
    await expect.poll(() => w.isFree(resend.reply.sessionId)).toBe(true);
    expect(w.ended).toHaveLength(0);
  });
});
