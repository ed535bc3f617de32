import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AssistantActivity } from '@gptlab/common';
import { createOwnedAssistant, userIdOf } from '../support/owned-assistant.ts';
import { startWorld, type TestSocket, type TestWorld } from '../support/server.ts';
import { openSession, ReplyView, sendText, startSession } from '../support/session-tab.ts';

let world: TestWorld;
afterEach(async () => {
  await world?.close();
});

/** An assistant owned by the user behind `ownerTab`, written straight into the store. */
async function ownedBy(ownerTab: TestSocket, name: string) {
  const { userId } = await userIdOf(world, ownerTab);
  return createOwnedAssistant(world, userId, name, `You are ${name}. Secret instruction 42.`);
}

describe('finding assistants', () => {
  it('the Lounge lists the showcased assistants with generated avatars, searchable by name', async () => {
    world = await startWorld();
    const tab = await world.connectTab();
    const all = await tab.emitWithAck('assistant:list', {});
    expect(all.ok && all.assistants.map((a) => a.name).sort()).toEqual(['Brainstorming Partner', 'Life Coach', 'Writing Tutor']);
    const found = await tab.emitWithAck('assistant:list', { search: 'TUTOR' });
    expect(found.ok && found.assistants.map((a) => a.code)).toEqual(['writetutor']);
    const card = all.ok ? all.assistants[0] : undefined;
    const avatar = await fetch(`${world.url}${card?.avatarUrl}`);
    expect(avatar.headers.get('content-type')).toContain('image/svg+xml');
    expect(await avatar.text()).toMatch(/^<svg/);
    expect(avatar.headers.get('cache-control')).toContain('immutable');
  });

  it('finds an assistant by its code, in any case, and says clearly when a code is unknown', async () => {
    world = await startWorld();
    const tab = await world.connectTab();
    expect(await tab.emitWithAck('assistant:find', { code: 'LifeCoach' })).toMatchObject({ ok: true, assistant: { name: 'Life Coach', ownedByMe: false } });
    expect(await tab.emitWithAck('assistant:find', { code: 'nosuchcode' })).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('No assistant has this code') } });
    expect(await tab.emitWithAck('assistant:find', { code: '../etc' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });
});

describe('owner actions', () => {
  it('only the owner can hide or delete, and a stranger cannot tell the assistant apart from a missing one', async () => {
    world = await startWorld();
    const alice = await world.connectTab({ apiKey: 'sk-test-alice' });
    const bob = await world.connectTab({ apiKey: 'sk-test-bob' });
    const { id, code } = await ownedBy(alice, 'Alice Bot');
    expect(await alice.emitWithAck('assistant:list', { scope: 'mine' })).toMatchObject({ ok: true, assistants: [{ id, ownedByMe: true }] });
    expect(await bob.emitWithAck('assistant:find', { code })).toMatchObject({ ok: true, assistant: { ownedByMe: false } });
    expect(await bob.emitWithAck('assistant:set-hidden', { assistantId: id, hidden: true })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await bob.emitWithAck('assistant:delete', { assistantId: id })).toEqual(await bob.emitWithAck('assistant:delete', { assistantId: randomUUID() }));
    expect(await alice.emitWithAck('assistant:set-hidden', { assistantId: id, hidden: true })).toMatchObject({ ok: true, assistant: { hidden: true } });
    expect(await bob.emitWithAck('assistant:list', { scope: 'mine' })).toMatchObject({ ok: true, assistants: [] });
  });

  it('a deleted assistant is gone from codes, while sessions others had with it stay readable, marked as deleted', async () => {
    world = await startWorld();
    const alice = await world.connectTab({ apiKey: 'sk-test-alice' });
    const bob = await world.connectTab({ apiKey: 'sk-test-bob' });
    const { id, code } = await ownedBy(alice, 'Short Lived');
    const view = new ReplyView(bob);
    const { sessionId, replyId } = await startSession(bob, code);
    await view.whenEnded(replyId);
    await view.whenEnded((await sendText(bob, sessionId, 'Hello there')).replyId);

    expect(await alice.emitWithAck('assistant:delete', { assistantId: id })).toEqual({ ok: true });
    expect(await bob.emitWithAck('assistant:find', { code })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const opened = await openSession(bob, sessionId);
    expect(opened.session.assistant).toMatchObject({ id, deleted: true });
    expect(opened.messages.map((m) => m.text)).toContain('Hello there');
    expect(await bob.emitWithAck('session:send', { sessionId, clientMessageId: randomUUID(), text: 'Still there?' })).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('deleted') } });
    expect(await bob.emitWithAck('session:start', { sessionId: randomUUID(), code })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('the live Lounge', () => {
  it('pushes how many sessions with an assistant are active as they start and end', async () => {
    world = await startWorld();
    const watcher = await world.connectTab({ apiKey: 'sk-test-watcher' });
    const watched = await watcher.emitWithAck('lounge:watch', {});
    expect(watched).toMatchObject({ ok: true });
    const pushes: AssistantActivity[] = [];
    watcher.on('assistant:activity', (event) => pushes.push(event));

    const user = await world.connectTab({ apiKey: 'sk-test-user' });
    const view = new ReplyView(user);
    const first = await startSession(user, 'writetutor');
    const second = await startSession(await world.connectTab({ apiKey: 'sk-test-other' }), 'writetutor');
    await view.whenEnded(first.replyId);
    await expect.poll(() => pushes.at(-1)).toEqual({ assistantId: 'example-writing-tutor', activeSessions: 2 });

    await view.whenEnded((await sendText(user, first.sessionId, 'Check my essay')).replyId);
    const ended = await user.emitWithAck('session:end', { sessionId: first.sessionId });
    if (!ended.ok) throw new Error(ended.error.message);
    await expect.poll(() => pushes.at(-1)).toEqual({ assistantId: 'example-writing-tutor', activeSessions: 1 });
    expect(second.sessionId).toBeTruthy();
    expect(await watcher.emitWithAck('lounge:watch', {})).toMatchObject({ ok: true, activity: { 'example-writing-tutor': 1 } });
  });
});
