import { expect, it } from 'vitest';
import { DeletedRecordError } from '../../../server/src/store/errors.ts';
import type { SessionRecord } from '../../../server/src/store/records.ts';
import type { Page, SessionQuery, Store } from '../../../server/src/store/store.ts';
import type { ContractContext } from '../store.contract.ts';
import { aMessage, aSession, at, sealed } from './builders.ts';

/** Rules 43–48: the user's history: titles, deletion that really deletes, and listings filtered by the caller. */
export function describeHistoryRules(ctx: ContractContext): void {
  it('43. a session has no title until given one; a title reads back byte for byte, is replaced, and is cleared with null', async () => {
    const session = aSession({ sealedPreview: sealed('first words') });
    await ctx.store.createSession(session);
    expect((await ctx.store.getSession(session.id))?.sealedTitle).toBeNull();
    const title = sealed('Trip to Lisbon');
    expect(await ctx.store.updateSession(session.id, { sealedTitle: title })).toStrictEqual({ ...session, sealedTitle: title });
    const renamed = sealed('Lisbon, three days');
    await ctx.store.updateSession(session.id, { sealedTitle: renamed });
    expect((await ctx.store.listSessions({ userId: session.userId, limit: 5 })).items).toStrictEqual([{ ...session, sealedTitle: renamed }]);
    expect(await ctx.store.updateSession(session.id, { sealedTitle: null })).toStrictEqual(session);
  });

  it('44. deleting a session removes it and every message of it, and leaves other sessions and their messages alone', async () => {
    const doomed = aSession({ createdAt: at(1) });
    const kept = aSession({ createdAt: at(2) });
    await ctx.store.createSession(doomed);
    await ctx.store.createSession(kept);
    for (let i = 0; i < 5; i++) await ctx.store.appendMessage(aMessage(doomed.id, { messageId: `m${i}` }));
    const keptMessage = (await ctx.store.appendMessage(aMessage(kept.id, { messageId: 'm0' }))).message;

    expect(await ctx.store.deleteSession(doomed.id)).toBe(true);
    expect(await ctx.store.getSession(doomed.id)).toBeNull();
    expect(await ctx.store.listMessages(doomed.id)).toEqual([]);
    expect(await ctx.store.listMessagesBefore(doomed.id, { limit: 10 })).toEqual([]);
    expect((await ctx.store.listSessions({ userId: doomed.userId, limit: 10 })).items).toStrictEqual([kept]);
    expect(await ctx.store.listMessages(kept.id)).toStrictEqual([keptMessage]);
  });

  it('45. deleting an unknown or already deleted session answers false; a deleted id is never used again', async () => {
    expect(await ctx.store.deleteSession('no-such-session')).toBe(false);
    const session = aSession();
    await ctx.store.createSession(session);
    expect(await ctx.store.deleteSession(session.id)).toBe(true);
    expect(await ctx.store.deleteSession(session.id)).toBe(false);
    await expect(ctx.store.createSession(aSession({ id: session.id }))).rejects.toBeInstanceOf(DeletedRecordError);
    expect(await ctx.store.getSession(session.id)).toBeNull();
    // An id that was never created is not blocked by a delete that found nothing.
    const unused = aSession({ id: 'no-such-session' });
    await ctx.store.createSession(unused);
    expect(await ctx.store.getSession(unused.id)).toStrictEqual(unused);
  });

  it('46. a listing filtered by the caller keeps newest-first order, and its pages give every match once, with no gap', async () => {
    // 60 sessions over 20 minutes (ties on createdAt), every third one a match.
    const sessions = Array.from({ length: 60 }, (_, i) => aSession({ userId: 'ada', createdAt: at(Math.floor(i / 3)), sealedTitle: i % 3 === 0 ? sealed('match') : null }));
    for (const session of sessions) await ctx.store.createSession(session);
    await ctx.store.createSession(aSession({ userId: 'bob', sealedTitle: sealed('match') }));
    const matches = (s: SessionRecord) => s.sealedTitle !== null;
    const pages = await allSessionPages(ctx.store, { userId: 'ada', limit: 7, where: matches, scanAtMost: 1_000 });
    const expected = sessions.filter(matches).toSorted(newestFirst);
    expect(pages.flatMap((page) => page.items)).toStrictEqual(expected);
    expect(pages.map((page) => page.items.length)).toEqual([7, 7, 6]);
    expect(pages.at(-1)?.next).toBeNull();
  });

  it('47. a filtered listing looks at no more sessions than it may per call, and its cursor goes on from the last one it looked at', async () => {
    const sessions = Array.from({ length: 25 }, (_, i) => aSession({ userId: 'ada', createdAt: at(i) }));
    for (const session of sessions) await ctx.store.createSession(session);
    const looked: string[] = [];
    const nothing = (s: SessionRecord) => {
      looked.push(s.id);
      return false;
    };
    const first = await ctx.store.listSessions({ userId: 'ada', limit: 5, where: nothing, scanAtMost: 10 });
    expect(first.items).toEqual([]);
    expect(first.next).not.toBeNull();
    expect(looked).toEqual(sessions.toSorted(newestFirst).slice(0, 10).map((s) => s.id));
    const rest = await allSessionPages(ctx.store, { userId: 'ada', limit: 5, cursor: first.next, where: nothing, scanAtMost: 10 });
    expect(rest.map((page) => page.items.length)).toEqual([0, 0]);
    expect(rest.at(-1)?.next).toBeNull();
    expect(looked).toEqual(sessions.toSorted(newestFirst).map((s) => s.id));
  });

  it('48. titles and deletions survive a restart of the store', async ({ skip }) => {
    if (!ctx.reopen) return skip('this store cannot be reopened');
    const titled = aSession({ sealedTitle: sealed('A title'), createdAt: at(1) });
    const deleted = aSession({ createdAt: at(2) });
    await ctx.store.createSession(titled);
    await ctx.store.createSession(deleted);
    await ctx.store.appendMessage(aMessage(deleted.id));
    await ctx.store.deleteSession(deleted.id);
    await ctx.store.close();

    const restarted = await ctx.reopen();
    expect(await restarted.getSession(titled.id)).toStrictEqual(titled);
    expect(await restarted.getSession(deleted.id)).toBeNull();
    expect(await restarted.listMessages(deleted.id)).toEqual([]);
    await expect(restarted.createSession(aSession({ id: deleted.id }))).rejects.toBeInstanceOf(DeletedRecordError);
  });
}

function newestFirst(a: SessionRecord, b: SessionRecord): number {
  return b.createdAt.getTime() - a.createdAt.getTime() || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0);
}

async function allSessionPages(store: Store, query: SessionQuery): Promise<Page<SessionRecord>[]> {
  const pages: Page<SessionRecord>[] = [];
  let cursor = query.cursor ?? null;
  do {
    const page = await store.listSessions({ ...query, cursor });
    pages.push(page);
    cursor = page.next;
  } while (cursor !== null && pages.length < 100);
  return pages;
}
