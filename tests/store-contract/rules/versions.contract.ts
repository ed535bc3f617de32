import { expect, it } from 'vitest';
import type { ContractContext } from '../store.contract.ts';
import { aMessage, aSession } from './builders.ts';

/** Rules 50–52: versions of messages (an edit, a regenerated reply) and the branch the session shows. */
export function describeVersionRules(ctx: ContractContext): void {
  const newSession = async () => {
    const session = aSession();
    await ctx.store.createSession(session);
    return session.id;
  };

  it('50. a message keeps the one it follows, null for the first; one stored without a parent reads back without one', async () => {
    const sessionId = await newSession();
    const first = await ctx.store.appendMessage(aMessage(sessionId, { messageId: 'u1', parentId: null }));
    const reply = await ctx.store.appendMessage(aMessage(sessionId, { messageId: 'r1', role: 'assistant', parentId: 'u1' }));
    const legacy = await ctx.store.appendMessage(aMessage(sessionId, { messageId: 'u2' }));
    expect(first.message.parentId).toBeNull();
    expect(reply.message.parentId).toBe('u1');
    expect('parentId' in legacy.message).toBe(false);
    const listed = await ctx.store.listMessages(sessionId);
    expect(listed).toStrictEqual([first.message, reply.message, legacy.message]);
    expect(await ctx.store.listMessageOutline(sessionId)).toStrictEqual([
      { seq: first.message.seq, messageId: 'u1', role: 'user', parentId: null },
      { seq: reply.message.seq, messageId: 'r1', role: 'assistant', parentId: 'u1' },
      { seq: legacy.message.seq, messageId: 'u2', role: 'user' },
    ]);
  });

  it('51. hidden messages are left out of listings and history pages, kept in the outline, and come back when shown', async () => {
    const sessionId = await newSession();
    const u1 = (await ctx.store.appendMessage(aMessage(sessionId, { messageId: 'u1', parentId: null }))).message;
    const r1 = (await ctx.store.appendMessage(aMessage(sessionId, { messageId: 'r1', role: 'assistant', parentId: 'u1' }))).message;
    const r2 = (await ctx.store.appendMessage(aMessage(sessionId, { messageId: 'r2', role: 'assistant', parentId: 'u1', hidden: true }))).message;
    expect(r2.hidden).toBe(true);
    await ctx.store.setMessagesHidden(sessionId, ['r1'], true);
    await ctx.store.setMessagesHidden(sessionId, ['r2'], false);
    const { hidden: _, ...r2Shown } = r2;
    expect(await ctx.store.listMessages(sessionId)).toStrictEqual([u1, r2Shown]);
    expect(await ctx.store.listMessagesBefore(sessionId, { limit: 10 })).toStrictEqual([u1, r2Shown]);
    expect(await ctx.store.listMessages(sessionId, { includeHidden: true })).toStrictEqual([u1, { ...r1, hidden: true }, r2Shown]);
    expect((await ctx.store.listMessageOutline(sessionId)).map((m) => [m.messageId, m.hidden ?? false])).toEqual([['u1', false], ['r1', true], ['r2', false]]);
    // A page counts only what is shown: the newest one message is r2, not the hidden r1.
    expect(await ctx.store.listMessagesBefore(sessionId, { limit: 1 })).toStrictEqual([r2Shown]);
    await ctx.store.setMessagesHidden(sessionId, [], true);
    await ctx.store.setMessagesHidden(sessionId, ['no-such-message'], true);
    expect(await ctx.store.listMessages(sessionId)).toHaveLength(2);
  });

  it('52. parents and hidden messages survive a restart of the store', async ({ skip }) => {
    if (!ctx.reopen) return skip('this store cannot be reopened');
    const sessionId = await newSession();
    await ctx.store.appendMessage(aMessage(sessionId, { messageId: 'u1', parentId: null }));
    await ctx.store.appendMessage(aMessage(sessionId, { messageId: 'u1b', parentId: null }));
    await ctx.store.setMessagesHidden(sessionId, ['u1'], true);
    await ctx.store.close();
    const restarted = await ctx.reopen();
    expect((await restarted.listMessageOutline(sessionId)).map(({ messageId, parentId, hidden }) => ({ messageId, parentId, hidden }))).toEqual([
      { messageId: 'u1', parentId: null, hidden: true },
      { messageId: 'u1b', parentId: null, hidden: undefined },
    ]);
  });
}
