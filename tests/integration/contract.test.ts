import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startWorld, type TestWorld } from '../support/server.ts';

let world: TestWorld;
afterEach(async () => {
  await world?.close();
});

describe('the event contract', () => {
  it('answers a malformed payload with a typed error and keeps the connection up', async () => {
    world = await startWorld();
    const tab = await world.connectTab();
    const junk: unknown[] = [null, 42, 'text', [], { sessionId: 'not-a-uuid', clientMessageId: randomUUID(), text: 'hi' }, { sessionId: randomUUID(), clientMessageId: randomUUID(), text: '   ' }, { __proto__: { text: 'x' } }];
    for (const payload of junk) {
      // @ts-expect-error deliberately sending what the contract forbids
      const ack = await tab.emitWithAck('session:send', payload);
      expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    }
    expect(tab.connected).toBe(true);
    const ok = await tab.emitWithAck('session:send', { sessionId: randomUUID(), clientMessageId: randomUUID(), text: 'still here' });
    expect(ok.ok).toBe(true);
  });

  it('refuses an oversized message with a clear error', async () => {
    world = await startWorld();
    const tab = await world.connectTab();
    const ack = await tab.emitWithAck('session:send', { sessionId: randomUUID(), clientMessageId: randomUUID(), text: 'x'.repeat(40_000) });
    expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('refuses a key the provider rejects at sign-in, with a message to check it', async () => {
    world = await startWorld();
    await expect(world.connectTab({ apiKey: 'sk-wrong-key' })).rejects.toMatchObject({
      message: 'provider_auth',
      data: { code: 'provider_auth', message: expect.stringContaining('Check it') },
    });
  });

  it('refuses a connection without an API key', async () => {
    world = await startWorld();
    await expect(world.connectTab({ apiKey: '' })).rejects.toMatchObject({ message: 'unauthorized' });
  });

  it('tells a tab from an older release to reload', async () => {
    world = await startWorld();
    await expect(world.connectTab({ protocol: -1 })).rejects.toMatchObject({
      message: 'protocol_mismatch',
      data: { code: 'protocol_mismatch', message: expect.stringContaining('Reload') },
    });
  });

  it("keeps another tab's session out of reach", async () => {
    world = await startWorld();
    const owner = await world.connectTab();
    const stranger = await world.connectTab({ apiKey: 'sk-test-mallory' });
    const sessionId = randomUUID();
    await owner.emitWithAck('session:send', { sessionId, clientMessageId: randomUUID(), text: 'mine' });
    const ack = await stranger.emitWithAck('session:send', { sessionId, clientMessageId: randomUUID(), text: 'let me in' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('lists the models the provider offers for this key, with the context window of those it knows', async () => {
    world = await startWorld();
    const tab = await world.connectTab();
    const ack = await tab.emitWithAck('models:list', {});
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.models).toContainEqual({ id: 'gpt-4o-mini', kind: 'chat', contextWindow: 128_000 });
    expect(ack.models).toContainEqual({ id: 'gpt-3.5-turbo-instruct', kind: 'completion', contextWindow: 4_096 });
    expect(ack.models).toContainEqual({ id: 'local-llama-3k', kind: 'chat', contextWindow: null });
  });
});

describe('provider failures reach the chat as errors a user can act on', () => {
  const cases = [
    { directive: '[[429]]', code: 'provider_rate_limit', says: 'rate-limiting this key' },
    { directive: '[[500]]', code: 'provider_unavailable', says: 'had an error' },
    { directive: '[[context]]', code: 'context_too_long', says: 'too long for this model' },
    { directive: '[[disconnect]]', code: 'provider_unavailable', says: 'dropped mid-reply' },
    { directive: '[[hang-up]]', code: 'provider_unavailable', says: 'Could not reach' },
    { directive: '[[stream-error]]', code: 'provider_unavailable', says: 'had an error' },
    { directive: '[[quota]]', code: 'provider_rate_limit', says: 'out of quota' },
  ] as const;

  for (const { directive, code, says } of cases) {
    it(`a ${directive} reply ends as failed with ${code}, saying it is ${says}`, async () => {
      world = await startWorld();
      const tab = await world.connectTab();
      const ended = new Promise((resolve) => tab.once('session:reply-ended', resolve));
      const sessionId = randomUUID();
      await tab.emitWithAck('session:send', { sessionId, clientMessageId: randomUUID(), text: `Please ${directive}` });
      expect(await ended).toMatchObject({ status: 'failed', error: { code, message: expect.stringContaining(says) } });
      // Opened again (a reload), the failed reply still says why, so the page offers what it did live.
      const opened = await tab.emitWithAck('session:open', { sessionId });
      expect(opened.ok && opened.messages.at(-1)).toMatchObject({ role: 'assistant', status: 'failed', errorCode: code });
    });
  }

  it('a provider that closes the connection before answering, once, is asked again and the reply arrives whole', async () => {
    world = await startWorld();
    const tab = await world.connectTab();
    const ended = new Promise((resolve) => tab.once('session:reply-ended', resolve));
    const text = 'Reused a connection it closed [[hang-up:once]] [[tokens:5]]';
    await tab.emitWithAck('session:send', { sessionId: randomUUID(), clientMessageId: randomUUID(), text });
    expect(await ended).toMatchObject({ status: 'complete' });
    const asked = world.provider.requests.filter((r) => r.path === '/v1/chat/completions' && JSON.stringify(r.body).includes('[[hang-up:once]]'));
    expect(asked.map((r) => r.cutByServer)).toEqual([true, false]);
  });

  it('a provider that closes every connection before answering is asked three times, then the reply fails saying so', async () => {
    world = await startWorld();
    const tab = await world.connectTab();
    const ended = new Promise((resolve) => tab.once('session:reply-ended', resolve));
    await tab.emitWithAck('session:send', { sessionId: randomUUID(), clientMessageId: randomUUID(), text: 'Gone [[hang-up]]' });
    expect(await ended).toMatchObject({ status: 'failed', error: { code: 'provider_unavailable' } });
    expect(world.provider.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(3);
  });

  it('a reply that stalls mid-stream ends as failed with a timeout, keeping the text so far in the deltas', async () => {
    world = await startWorld({ config: { providerIdleTimeoutMs: 300 } });
    const tab = await world.connectTab();
    const texts: string[] = [];
    tab.on('session:delta', (delta) => texts.push(delta.text));
    const ended = new Promise((resolve) => tab.once('session:reply-ended', resolve));
    await tab.emitWithAck('session:send', { sessionId: randomUUID(), clientMessageId: randomUUID(), text: 'Hang [[stall]]' });
    expect(await ended).toMatchObject({ status: 'failed', error: { code: 'provider_timeout' } });
    expect(texts.join('')).not.toBe('');
    await expect.poll(() => world.provider.requests.at(-1)?.aborted).toBe(true);
  });
});
