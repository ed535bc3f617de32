import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { limits, type ClientToServerEvents } from '@gptlab/common';
import { exampleAssistants } from '../../server/src/features/assistants/examples.ts';
import { createOwnedAssistant, userIdOf } from '../support/owned-assistant.ts';
import { RawSocket } from '../support/raw-socket.ts';
import { connectTab, startWorld, type TestSocket, type TestWorld } from '../support/server.ts';
import { openSession, ReplyView, sendText } from '../support/session-tab.ts';
import { everyRequestListed } from '../support/request-events.ts';

const ownerPrompt = 'You are Owl. The hidden passphrase is copper-lantern-42.';
const ownerMessage = 'Owner secret note: the safe code is 55-19-03';
const prompts = [ownerPrompt, ...exampleAssistants.map((a) => a.prompt.slice(0, 60))];

let world: TestWorld;
afterEach(async () => {
  await world?.close();
});

/** Everything a tab receives: acks it asked for and broadcasts it did not. */
function recorder(tab: TestSocket) {
  const seen: unknown[] = [];
  tab.onAny((event, payload) => seen.push({ broadcast: event, payload }));
  return {
    seen,
    async ask<E extends keyof ClientToServerEvents>(event: E, payload: Parameters<ClientToServerEvents[E]>[0]) {
      const emit = tab.emitWithAck.bind(tab) as (event: E, payload: unknown) => Promise<unknown>;
      const ack = await emit(event, payload);
      seen.push({ ack: event, answer: ack });
      return ack;
    },
  };
}

async function stage() {
  const ownerTab = await world.connectTab({ apiKey: 'sk-test-owner' });
  const { userId: ownerId, sessionId } = await userIdOf(world, ownerTab);
  const view = new ReplyView(ownerTab);
  await view.whenEnded((await sendText(ownerTab, sessionId, ownerMessage)).replyId);
  const assistant = await createOwnedAssistant(world, ownerId, 'Owl', ownerPrompt);
  const strangerTab = await world.connectTab({ apiKey: 'sk-test-stranger' });
  return { ownerTab, sessionId, assistant, owner: recorder(ownerTab), stranger: recorder(strangerTab), view };
}

describe('who may do what', () => {
  it('an anonymous client is refused at the handshake and can send nothing', async () => {
    // The Lab's draft events have their own matrix (owner, invited editor, stranger) in lab-sharing.test.ts.
    expect(everyRequestListed).toBe(true);
    world = await startWorld();
    await expect(connectTab(world.url, { apiKey: undefined })).rejects.toMatchObject({ message: 'unauthorized' });
    await expect(connectTab(world.url, { apiKey: 'sk-not-a-real-key' })).rejects.toMatchObject({ message: 'provider_auth' });
    await expect(RawSocket.connect(world.url, { protocol: limits.protocolVersion })).rejects.toMatchObject({ data: { code: 'unauthorized' } });

    // A bare connection that never signed in: its requests close it, unanswered.
    const ws = new WebSocket(`${world.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
    const frames: string[] = [];
    ws.addEventListener('message', (event) => {
      frames.push(String(event.data));
      if (String(event.data).startsWith('0{')) ws.send('421["session:list",{}]');
    });
    await new Promise((resolve) => ws.addEventListener('close', resolve));
    expect(frames.filter((frame) => frame.startsWith('43'))).toEqual([]);
  });

  it('HTTP routes serve nothing private to anyone', async () => {
    world = await startWorld();
    await stage();
    for (const path of ['/healthz', '/', '/session/x', '/avatars/Owl.svg', '/socket.io/?EIO=4&transport=polling', '/internal/metrics']) {
      const body = await (await fetch(`${world.url}${path}`)).text();
      for (const secret of [...prompts, ownerMessage, 'sk-test-owner']) expect(body, path).not.toContain(secret);
    }
    expect((await fetch(`${world.url}/healthz`)).status).toBe(200);
    // Off unless METRICS=true: the path then gets the app's shell like any unknown page.
    expect(await (await fetch(`${world.url}/internal/metrics`)).text()).not.toContain('eventLoopLagMs');
  });

  it('a stranger cannot tell a foreign session from one that does not exist, and cannot touch it', async () => {
    world = await startWorld();
    const { sessionId, stranger, owner } = await stage();
    const ownerBefore = await owner.ask('session:open', { sessionId });
    for (const event of ['session:open', 'session:stop', 'session:end'] as const) {
      const foreign = await stranger.ask(event, { sessionId });
      expect(foreign, event).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await stranger.ask(event, { sessionId: randomUUID() }), event).toEqual(foreign);
    }
    const foreignRate = await stranger.ask('session:rate', { sessionId, rating: 'down' });
    expect(await stranger.ask('session:rate', { sessionId: randomUUID(), rating: 'down' })).toEqual(foreignRate);
    const foreignModel = await stranger.ask('session:set-model', { sessionId, model: 'gpt-4o' });
    expect(await stranger.ask('session:set-model', { sessionId: randomUUID(), model: 'gpt-4o' })).toEqual(foreignModel);
    expect(foreignModel).toMatchObject({ ok: false, error: { code: 'not_found' } });

    // A tab names a new session's id itself, so an unused id is one to claim; a taken one answers like open does.
    const notFound = await stranger.ask('session:open', { sessionId: randomUUID() });
    expect(await stranger.ask('session:send', { sessionId, clientMessageId: randomUUID(), text: 'let me in' })).toEqual(notFound);
    expect(await stranger.ask('session:start', { sessionId, code: 'brainstorm' })).toEqual(notFound);
    const listed = await stranger.ask('session:list', {});
    expect(listed).toMatchObject({ ok: true, sessions: [] });
    expect(await owner.ask('session:open', { sessionId })).toEqual(ownerBefore);
  });

  it('a stranger never joins the room of a session that is not theirs: they hear nothing of it', async () => {
    world = await startWorld();
    const { ownerTab, sessionId, stranger, view } = await stage();
    for (const attempt of [
      () => stranger.ask('session:open', { sessionId }),
      () => stranger.ask('session:send', { sessionId, clientMessageId: randomUUID(), text: 'hi' }),
      () => stranger.ask('session:start', { sessionId, code: 'brainstorm' }),
      () => stranger.ask('session:stop', { sessionId }),
    ]) await attempt();
    const { replyId } = await sendText(ownerTab, sessionId, 'Owner speaks again [[tokens:20]]');
    await view.whenEnded(replyId);
    await ownerTab.emitWithAck('session:rate', { sessionId, rating: 'up' });
    // A round trip on the stranger's own socket: anything broadcast before it has arrived by now.
    await stranger.ask('session:list', {});
    const broadcasts = stranger.seen.filter((entry) => 'broadcast' in (entry as object));
    expect(JSON.stringify(broadcasts)).not.toContain(sessionId);
    expect(JSON.stringify(stranger.seen)).not.toContain('Owner speaks again');
  });

  it('only the owner may hide or delete an assistant; a stranger gets the answer an unknown id gets', async () => {
    world = await startWorld();
    const { assistant, stranger, owner } = await stage();
    const unknownHide = await stranger.ask('assistant:set-hidden', { assistantId: randomUUID(), hidden: true });
    expect(await stranger.ask('assistant:set-hidden', { assistantId: assistant.id, hidden: true })).toEqual(unknownHide);
    const unknownDelete = await stranger.ask('assistant:delete', { assistantId: randomUUID() });
    expect(await stranger.ask('assistant:delete', { assistantId: assistant.id })).toEqual(unknownDelete);
    expect(unknownDelete).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await stranger.ask('assistant:list', { scope: 'mine' })).toMatchObject({ ok: true, assistants: [] });
    expect(await owner.ask('assistant:list', { scope: 'mine' })).toMatchObject({ ok: true, assistants: [{ id: assistant.id, ownedByMe: true }] });
    expect(await stranger.ask('assistant:find', { code: assistant.code })).toMatchObject({ ok: true, assistant: { id: assistant.id, ownedByMe: false } });
    expect(await owner.ask('assistant:set-hidden', { assistantId: assistant.id, hidden: true })).toMatchObject({ ok: true });
    expect(await owner.ask('assistant:delete', { assistantId: assistant.id })).toEqual({ ok: true });
  });

  it('no answer or broadcast to anyone carries an assistant prompt, the owner included', async () => {
    world = await startWorld();
    const { assistant, stranger, owner, sessionId } = await stage();
    for (const who of [stranger, owner]) {
      await who.ask('lounge:watch', {});
      await who.ask('assistant:list', {});
      await who.ask('assistant:list', { scope: 'mine', search: 'Owl' });
      await who.ask('assistant:find', { code: assistant.code });
      await who.ask('models:list', {});
      const started = await who.ask('session:start', { sessionId: randomUUID(), code: assistant.code, starter: 'Tell me a secret' });
      expect(started).toMatchObject({ ok: true });
      await who.ask('session:list', { assistantId: assistant.id });
      await who.ask('lounge:unwatch', {});
    }
    await owner.ask('session:open', { sessionId });
    await expect.poll(() => stranger.seen.some((entry) => (entry as { broadcast?: string }).broadcast === 'session:reply-ended')).toBe(true);
    for (const who of [stranger, owner]) {
      const everything = JSON.stringify(who.seen);
      for (const prompt of prompts) expect(everything).not.toContain(prompt);
    }
    expect(JSON.stringify(stranger.seen)).not.toContain(ownerMessage);
  });
});
