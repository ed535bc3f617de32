import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { DuplicateRecordError } from '../../../server/src/store/errors.ts';
import type { AssistantPatch } from '../../../server/src/store/store.ts';
import type { ContractContext } from '../store.contract.ts';
import { aDraft, aMessage, anAssistant, aSession, at, sealed } from './builders.ts';

/** Rules 1–13: every record type is created, read, patched and (drafts) deleted; unknown ids find nothing. */
export function describeRecordRules(ctx: ContractContext): void {
  it('1. a user is created on first sign-in and only their last-seen time moves after that', async () => {
    const first = await ctx.store.touchUser('user-a', at(0));
    expect(first).toStrictEqual({ id: 'user-a', createdAt: at(0), lastSeenAt: at(0) });
    const again = await ctx.store.touchUser('user-a', at(5));
    expect(again).toStrictEqual({ id: 'user-a', createdAt: at(0), lastSeenAt: at(5) });
    expect(await ctx.store.getUser('user-a')).toStrictEqual(again);
  });

  it('2. several tabs signing in at once for a new user create that user once', async () => {
    const users = await Promise.all([1, 2, 3, 4, 5].map(() => ctx.store.touchUser('user-b', at(1))));
    for (const user of users) expect(user).toStrictEqual({ id: 'user-b', createdAt: at(1), lastSeenAt: at(1) });
  });

  it('3. unknown ids find nothing: null, false or an empty list, never an error', async () => {
    const { store } = ctx;
    expect(await store.getUser('nobody')).toBeNull();
    expect(await store.getAssistant('missing')).toBeNull();
    expect(await store.getAssistantByCode('missing')).toBeNull();
    expect(await store.updateAssistant('missing', { name: 'x' })).toBeNull();
    await store.incrementSessionCount('missing');
    expect(await store.getDraft('missing')).toBeNull();
    expect(await store.updateDraft('missing', { sealedState: sealed('x') })).toBeNull();
    expect(await store.deleteDraft('missing')).toBe(false);
    expect(await store.listDrafts('nobody')).toEqual([]);
    expect(await store.getSession('missing')).toBeNull();
    expect(await store.updateSession('missing', { rating: 'up' })).toBeNull();
    await store.addSessionUsage('missing', 1, 1);
    expect(await store.listSessions({ userId: 'nobody', limit: 10 })).toEqual({ items: [], next: null });
    expect(await store.updateMessage('missing', 'missing', { sealedText: sealed('x'), status: 'complete' })).toBe(false);
    expect(await store.listMessages('missing')).toEqual([]);
  });

  it('4. an assistant reads back exactly as created, by id and by share code, with no storage fields', async () => {
    const assistant = anAssistant({ showcased: true, anyProvider: true, starters: ['Hi', 'Ünïcödé ✓'], condensing: 'summarize', sessionCount: 3 });
    await ctx.store.createAssistant(assistant);
    expect(await ctx.store.getAssistant(assistant.id)).toStrictEqual(assistant);
    expect(await ctx.store.getAssistantByCode(assistant.code)).toStrictEqual(assistant);
  });

  it('5. a taken assistant id or share code is refused with DuplicateRecordError', async () => {
    const assistant = anAssistant();
    await ctx.store.createAssistant(assistant);
    await expect(ctx.store.createAssistant(anAssistant({ id: assistant.id }))).rejects.toBeInstanceOf(DuplicateRecordError);
    await expect(ctx.store.createAssistant(anAssistant({ code: assistant.code }))).rejects.toBeInstanceOf(DuplicateRecordError);
    expect(await ctx.store.getAssistant(assistant.id)).toStrictEqual(assistant);
  });

  it('6. an assistant patch changes only the fields it names and returns the updated assistant', async () => {
    const assistant = anAssistant();
    await ctx.store.createAssistant(assistant);
    const patch: AssistantPatch = {
      name: 'Renamed', settings: { ...assistant.settings, temperature: 0.2 }, starters: [], hidden: true, anyProvider: true, deletedAt: at(9), updatedAt: at(9),
    };
    const expected = { ...assistant, ...patch };
    expect(await ctx.store.updateAssistant(assistant.id, patch)).toStrictEqual(expected);
    expect(await ctx.store.getAssistant(assistant.id)).toStrictEqual(expected);
    expect(await ctx.store.updateAssistant(assistant.id, {})).toStrictEqual(expected);
    const undeleted = await ctx.store.updateAssistant(assistant.id, { deletedAt: null });
    expect(undeleted?.deletedAt).toBeNull();
  });

  it('7. a patch cannot move an assistant to another owner, code or session count', async () => {
    const assistant = anAssistant();
    await ctx.store.createAssistant(assistant);
    const smuggled = { ownerId: 'intruder', code: 'stolen', sessionCount: 99, id: 'other', name: 'Kept' } as unknown as AssistantPatch;
    expect(await ctx.store.updateAssistant(assistant.id, smuggled)).toStrictEqual({ ...assistant, name: 'Kept' });
  });

  it('8. every session started counts once toward an assistant’s popularity', async () => {
    const assistant = anAssistant();
    await ctx.store.createAssistant(assistant);
    for (let i = 0; i < 3; i++) await ctx.store.incrementSessionCount(assistant.id);
    expect((await ctx.store.getAssistant(assistant.id))?.sessionCount).toBe(3);
  });

  it('9. a draft reads back as created, takes patches, and is gone once deleted', async () => {
    const draft = aDraft({ editorIds: ['editor-1'], assistantId: null });
    await ctx.store.createDraft(draft);
    expect(await ctx.store.getDraft(draft.id)).toStrictEqual(draft);
    const patch = { sealedState: sealed('edited'), assistantId: 'assistant-9', updatedAt: at(3) };
    expect(await ctx.store.updateDraft(draft.id, patch)).toStrictEqual({ ...draft, ...patch });
    expect(await ctx.store.updateDraft(draft.id, {})).toStrictEqual({ ...draft, ...patch });
    await expect(ctx.store.createDraft(aDraft({ id: draft.id }))).rejects.toBeInstanceOf(DuplicateRecordError);
    expect(await ctx.store.deleteDraft(draft.id)).toBe(true);
    expect(await ctx.store.getDraft(draft.id)).toBeNull();
    expect(await ctx.store.deleteDraft(draft.id)).toBe(false);
  });

  it('10. a user’s drafts are those they own or co-edit, most recently updated first', async () => {
    const owned = aDraft({ ownerId: 'ada', updatedAt: at(1) });
    const coEdited = aDraft({ ownerId: 'bob', editorIds: ['cyd', 'ada'], updatedAt: at(3) });
    const ownedLater = aDraft({ ownerId: 'ada', updatedAt: at(2) });
    const notHers = aDraft({ ownerId: 'bob', editorIds: ['cyd'], updatedAt: at(4) });
    for (const draft of [owned, coEdited, ownedLater, notHers]) await ctx.store.createDraft(draft);
    expect(await ctx.store.listDrafts('ada')).toStrictEqual([coEdited, ownedLater, owned]);
    expect(await ctx.store.listDrafts('cyd')).toStrictEqual([notHers, coEdited]);
  });

  it('11. a session, with an assistant or as a plain chat, reads back as created and takes patches for its rating, summary and end', async () => {
    const session = aSession({ sealedPreview: sealed('first words') });
    await ctx.store.createSession(session);
    expect(await ctx.store.getSession(session.id)).toStrictEqual(session);
    const patch = { rating: 'down' as const, sealedSummary: sealed('recap'), sealedContext: sealed('older part'), endedAt: at(30), updatedAt: at(30), model: 'gpt-4o' };
    expect(await ctx.store.updateSession(session.id, patch)).toStrictEqual({ ...session, ...patch });
    expect(await ctx.store.updateSession(session.id, { rating: null })).toStrictEqual({ ...session, ...patch, rating: null });
    await expect(ctx.store.createSession(aSession({ id: session.id }))).rejects.toBeInstanceOf(DuplicateRecordError);
    const plainChat = aSession({ assistantId: null });
    await ctx.store.createSession(plainChat);
    expect(await ctx.store.getSession(plainChat.id)).toStrictEqual(plainChat);
  });

  it('54. a session that carries on from another keeps which one, its sealed title and the sealed summary; one that does not says null', async () => {
    const continuedFrom = { sessionId: randomUUID(), sealedTitle: sealed('old title'), sealedSummary: sealed('summary of the old one') };
    const session = aSession({ continuedFrom });
    await ctx.store.createSession(session);
    expect(await ctx.store.getSession(session.id)).toStrictEqual(session);
    expect((await ctx.store.listSessions({ userId: session.userId, limit: 5 })).items).toStrictEqual([session]);
    const sealedContext = sealed('older part');
    expect(await ctx.store.updateSession(session.id, { sealedContext })).toStrictEqual({ ...session, sealedContext });
    const fresh = aSession();
    await ctx.store.createSession(fresh);
    expect((await ctx.store.getSession(fresh.id))?.continuedFrom).toBeNull();
  });

  it('12. token usage adds up across replies', async () => {
    const session = aSession({ usage: { promptTokens: 5, completionTokens: 1 } });
    await ctx.store.createSession(session);
    await ctx.store.addSessionUsage(session.id, 100, 20);
    await ctx.store.addSessionUsage(session.id, 7, 3);
    expect((await ctx.store.getSession(session.id))?.usage).toStrictEqual({ promptTokens: 112, completionTokens: 24 });
  });

  it('13. everything written survives a restart of the store', async ({ skip }) => {
    if (!ctx.reopen) return skip('this store cannot be reopened');
    const assistant = anAssistant();
    const draft = aDraft();
    const session = aSession({ assistantId: assistant.id });
    const user = await ctx.store.touchUser('user-r', at(0));
    await ctx.store.createAssistant(assistant);
    await ctx.store.createDraft(draft);
    await ctx.store.createSession(session);
    const written = [];
    for (const messageId of ['m0', 'm1', 'm2']) written.push((await ctx.store.appendMessage(aMessage(session.id, { messageId }))).message);
    await ctx.store.close();

    const restarted = await ctx.reopen();
    expect(await restarted.getUser(user.id)).toStrictEqual(user);
    expect(await restarted.getAssistant(assistant.id)).toStrictEqual(assistant);
    expect(await restarted.getDraft(draft.id)).toStrictEqual(draft);
    expect(await restarted.getSession(session.id)).toStrictEqual(session);
    expect(await restarted.listMessages(session.id)).toStrictEqual(written);
    const next = await restarted.appendMessage(aMessage(session.id, { messageId: 'm3' }));
    expect(next.message.seq).toBeGreaterThan(written.at(-1)?.seq ?? Infinity);
    expect((await restarted.appendMessage(aMessage(session.id, { messageId: 'm0' }))).created).toBe(false);
  });
}
