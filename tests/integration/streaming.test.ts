import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReplyDelta, ReplyEnded } from '@gptlab/common';
import { replyFor } from '../fixtures/fake-provider/server.ts';
import { startWorld, type TestSocket, type TestWorld } from '../support/server.ts';

let world: TestWorld;
afterEach(async () => {
  await world?.close();
});

/** Collects a reply's deltas until it ends. */
function awaitReply(socket: TestSocket): Promise<{ deltas: ReplyDelta[]; ended: ReplyEnded }> {
  const deltas: ReplyDelta[] = [];
  socket.on('session:delta', (delta) => deltas.push(delta));
  return new Promise((resolve) => socket.once('session:reply-ended', (ended) => resolve({ deltas, ended })));
}

const send = (socket: TestSocket, text: string, sessionId = randomUUID()) =>
  socket.emitWithAck('session:send', { sessionId, clientMessageId: randomUUID(), text });

describe('streaming a reply', () => {
  it('streams the provider reply to the tab in numbered deltas that add up to the whole text', async () => {
    world = await startWorld();
    const tab = await world.connectTab();
    const reply = awaitReply(tab);
    const ack = await send(tab, 'Hello there');
    expect(ack.ok).toBe(true);
    const { deltas, ended } = await reply;
    expect(ended.status).toBe('complete');
    expect(deltas.map((d) => d.seq)).toEqual(deltas.map((_, i) => i));
    expect(deltas.map((d) => d.text).join('')).toBe(replyFor('Hello there'));
    expect(ended.deltaCount).toBe(deltas.length);
    expect(ended.usage?.completionTokens).toBeGreaterThan(0);
  });

  it('batches a fast stream into far fewer events than tokens', async () => {
    world = await startWorld({ provider: { tokenDelayMs: 1 } });
    const tab = await world.connectTab();
    const reply = awaitReply(tab);
    await send(tab, 'Count for me [[tokens:400]]');
    const { deltas, ended } = await reply;
    expect(ended.status).toBe('complete');
    const text = deltas.map((d) => d.text).join('');
    expect(text.split(/\s+/).filter(Boolean)).toHaveLength(400);
    expect(deltas.length).toBeLessThan(200);
  });

  it('shows the user message to the tab that sent it, once, even when the same message is sent twice', async () => {
    world = await startWorld();
    const tab = await world.connectTab();
    const added: string[] = [];
    tab.on('session:message-added', (event) => added.push(event.message.text));
    const reply = awaitReply(tab);
    const payload = { sessionId: randomUUID(), clientMessageId: randomUUID(), text: 'Only once please' };
    const [first, second] = await Promise.all([tab.emitWithAck('session:send', payload), tab.emitWithAck('session:send', payload)]);
    await reply;
    expect(first).toEqual(second);
    expect(added).toEqual(['Only once please']);
  });

  it('refuses a second message while the reply is still streaming', async () => {
    world = await startWorld({ provider: { tokenDelayMs: 20 } });
    const tab = await world.connectTab();
    const sessionId = randomUUID();
    const reply = awaitReply(tab);
    await send(tab, 'A long one [[tokens:30]]', sessionId);
    const second = await send(tab, 'Impatient', sessionId);
    expect(second).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect((await reply).ended.status).toBe('complete');
  });

  it('talks to a chat model and a legacy completion model through the same events', async () => {
    world = await startWorld();
    const tab = await world.connectTab();
    const reply = awaitReply(tab);
    await tab.emitWithAck('session:send', { sessionId: randomUUID(), clientMessageId: randomUUID(), text: 'Old school', model: 'gpt-3.5-turbo-instruct' });
    const { deltas, ended } = await reply;
    expect(ended.status).toBe('complete');
    expect(deltas.map((d) => d.text).join('')).toBe(replyFor('Old school'));
    const request = world.provider.requests.at(-1);
    expect(request?.path).toBe('/v1/completions');
  });
});
