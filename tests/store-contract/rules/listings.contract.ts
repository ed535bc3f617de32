import { expect, it } from 'vitest';
import { InvalidCursorError } from '../../../server/src/store/errors.ts';
import type { AssistantRecord, SessionRecord } from '../../../server/src/store/records.ts';
import type { AssistantQuery, Page, SessionQuery, Store } from '../../../server/src/store/store.ts';
import type { ContractContext } from '../store.contract.ts';
import { anAssistant, aSession, at } from './builders.ts';

/** Rules 14–21: listings page with cursors (no duplicate, no gap), filter and sort as the product shows them. */
export function describeListingRules(ctx: ContractContext): void {
  it('14. 250 assistants page newest first with no duplicate and no gap, ties broken by id', async () => {
    // Three assistants per minute: pages must split ties on createdAt without losing any.
    const assistants = Array.from({ length: 250 }, (_, i) => anAssistant({ createdAt: at(Math.floor(i / 3)), sessionCount: i % 7 }));
    await createAll(ctx.store, assistants);
    const pages = await allAssistantPages(ctx.store, { sort: 'newest', limit: 40 });
    expect(pages.map((page) => page.items.length)).toEqual([40, 40, 40, 40, 40, 40, 10]);
    expect(pages.flatMap((page) => page.items)).toStrictEqual(assistants.toSorted(newestFirst));
  }, 60_000);

  it('15. the popular sort pages by session count, then newest, with no duplicate and no gap', async () => {
    const assistants = Array.from({ length: 250 }, (_, i) => anAssistant({ createdAt: at(Math.floor(i / 3)), sessionCount: i % 7 }));
    await createAll(ctx.store, assistants);
    const pages = await allAssistantPages(ctx.store, { sort: 'popular', limit: 33 });
    const expected = assistants.toSorted((a, b) => b.sessionCount - a.sessionCount || newestFirst(a, b));
    expect(pages.flatMap((page) => page.items)).toStrictEqual(expected);
    expect(pages.at(-1)?.next).toBeNull();
  }, 60_000);

  it('16. an owner’s list leaves out what they hid (unless asked) and never shows what they deleted', async () => {
    const visible = anAssistant({ ownerId: 'ada', createdAt: at(1) });
    const hidden = anAssistant({ ownerId: 'ada', hidden: true, createdAt: at(2) });
    const deleted = anAssistant({ ownerId: 'ada', deletedAt: at(5), createdAt: at(3) });
    const deletedHidden = anAssistant({ ownerId: 'ada', hidden: true, deletedAt: at(5), createdAt: at(4) });
    const someoneElses = anAssistant({ ownerId: 'bob', createdAt: at(5) });
    await createAll(ctx.store, [visible, hidden, deleted, deletedHidden, someoneElses]);
    expect(await ids(ctx.store, { ownerId: 'ada', sort: 'newest', limit: 10 })).toEqual([visible.id]);
    expect(await ids(ctx.store, { ownerId: 'ada', includeHidden: true, sort: 'newest', limit: 10 })).toEqual([hidden.id, visible.id]);
    expect(await ids(ctx.store, { sort: 'newest', limit: 10 })).toEqual([someoneElses.id, visible.id]);
  });

  it('17. the Lounge shows showcased assistants only, deleted ones excluded', async () => {
    const showcased = anAssistant({ showcased: true, createdAt: at(1) });
    const plain = anAssistant({ createdAt: at(2) });
    const showcasedDeleted = anAssistant({ showcased: true, deletedAt: at(3), createdAt: at(3) });
    await createAll(ctx.store, [showcased, plain, showcasedDeleted]);
    expect(await ids(ctx.store, { showcased: true, sort: 'newest', limit: 10 })).toEqual([showcased.id]);
    expect(await ids(ctx.store, { showcased: false, sort: 'newest', limit: 10 })).toEqual([plain.id]);
  });

  it('18. search matches name or tagline case-insensitively, taking regex characters literally', async () => {
    const byName = anAssistant({ name: 'C++ (Test) coach', createdAt: at(1) });
    const byTagline = anAssistant({ name: 'Coach', tagline: 'for c++ (TEST) fans', createdAt: at(2) });
    const nearMiss = anAssistant({ name: 'c+ (test)', tagline: 'cc (test)', createdAt: at(3) });
    const accented = anAssistant({ name: 'Le CAFÉ du coin', createdAt: at(4) });
    const literalDots = anAssistant({ name: 'regex .* fan [1]', createdAt: at(5) });
    await createAll(ctx.store, [byName, byTagline, nearMiss, accented, literalDots]);
    const search = (text: string) => ids(ctx.store, { search: text, sort: 'newest', limit: 10 });
    expect(await search('c++ (test)')).toEqual([byTagline.id, byName.id]);
    expect(await search('café')).toEqual([accented.id]);
    expect(await search('.*')).toEqual([literalDots.id]);
    expect(await search('[1]')).toEqual([literalDots.id]);
    expect(await search('(')).toEqual([nearMiss.id, byTagline.id, byName.id]);
    expect(await search('no such thing')).toEqual([]);
  });

  it('19. a cursor the store did not issue for that listing is refused', async () => {
    await createAll(ctx.store, [anAssistant({ createdAt: at(1) }), anAssistant({ createdAt: at(2) })]);
    const popular = await ctx.store.listAssistants({ sort: 'popular', limit: 1 });
    expect(popular.next).not.toBeNull();
    await expect(ctx.store.listAssistants({ sort: 'newest', limit: 1, cursor: popular.next })).rejects.toBeInstanceOf(InvalidCursorError);
    await expect(ctx.store.listAssistants({ sort: 'newest', limit: 1, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidCursorError);
    await expect(ctx.store.listSessions({ userId: 'u', limit: 1, cursor: 'e30' })).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it('20. a user’s sessions page newest first, only theirs, with no duplicate and no gap', async () => {
    const mine = Array.from({ length: 30 }, (_, i) => aSession({ userId: 'ada', assistantId: i % 3 === 0 ? 'tutor' : 'poet', createdAt: at(Math.floor(i / 2)) }));
    const theirs = Array.from({ length: 5 }, (_, i) => aSession({ userId: 'bob', assistantId: 'tutor', createdAt: at(i) }));
    for (const session of [...mine, ...theirs]) await ctx.store.createSession(session);
    const pages = await allSessionPages(ctx.store, { userId: 'ada', limit: 7 });
    expect(pages.map((page) => page.items.length)).toEqual([7, 7, 7, 7, 2]);
    expect(pages.flatMap((page) => page.items)).toStrictEqual(mine.toSorted(newestFirst));
  });

  it('21. a user’s sessions with one assistant page on their own; plain chats (no assistant) list with the rest', async () => {
    const mine = Array.from({ length: 30 }, (_, i) => aSession({ userId: 'ada', assistantId: [null, 'tutor', 'poet'][i % 3] ?? null, createdAt: at(i) }));
    const theirs = aSession({ userId: 'bob', assistantId: 'tutor', createdAt: at(100) });
    for (const session of [...mine, theirs]) await ctx.store.createSession(session);
    const pages = await allSessionPages(ctx.store, { userId: 'ada', assistantId: 'tutor', limit: 4 });
    const expected = mine.filter((s) => s.assistantId === 'tutor').toSorted(newestFirst);
    expect(pages.flatMap((page) => page.items)).toStrictEqual(expected);
    expect(expected).toHaveLength(10);
    const everything = await allSessionPages(ctx.store, { userId: 'ada', limit: 50 });
    expect(everything.flatMap((page) => page.items)).toStrictEqual(mine.toSorted(newestFirst));
  });
}

function newestFirst(a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }): number {
  return b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

async function createAll(store: Store, assistants: AssistantRecord[]): Promise<void> {
  for (const assistant of assistants) await store.createAssistant(assistant);
}

async function ids(store: Store, query: AssistantQuery): Promise<string[]> {
  const page = await store.listAssistants(query);
  return page.items.map((a) => a.id);
}

async function allAssistantPages(store: Store, query: AssistantQuery): Promise<Page<AssistantRecord>[]> {
  return allPages((cursor) => store.listAssistants({ ...query, cursor }));
}

async function allSessionPages(store: Store, query: SessionQuery): Promise<Page<SessionRecord>[]> {
  return allPages((cursor) => store.listSessions({ ...query, cursor }));
}

async function allPages<T>(load: (cursor: string | null) => Promise<Page<T>>): Promise<Page<T>[]> {
  const pages: Page<T>[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await load(cursor);
    pages.push(page);
    cursor = page.next;
  } while (cursor !== null && pages.length < 100);
  return pages;
}
