import type { Filter } from 'mongodb';
import type { PageCursor } from '../cursor.ts';
import type { AssistantQuery, SessionQuery } from '../store.ts';
import type { AssistantDoc, SessionDoc } from './documents.ts';

export function assistantFilter(query: AssistantQuery, cursor: PageCursor | null): Filter<AssistantDoc> {
  const all: Filter<AssistantDoc>[] = [{ deletedAt: null }];
  if (query.ownerId !== undefined) all.push({ ownerId: query.ownerId });
  if (query.showcased !== undefined) all.push({ showcased: query.showcased });
  if (!query.includeHidden) all.push({ hidden: false });
  if (query.search) {
    // A plain substring match: the user's text is escaped, never run as a pattern. Not $text,
    // which FerretDB v1 lacks and which matches words, not substrings.
    const matches = { $regex: escapeRegex(query.search), $options: 'i' };
    all.push({ $or: [{ name: matches }, { tagline: matches }] });
  }
  if (cursor) all.push(query.sort === 'popular' ? afterPopular(cursor) : afterNewest(cursor));
  return { $and: all };
}

export function sessionFilter(query: SessionQuery, cursor: PageCursor | null): Filter<SessionDoc> {
  const all: Filter<SessionDoc>[] = [{ userId: query.userId }];
  if (query.assistantId !== undefined) all.push({ assistantId: query.assistantId });
  if (cursor) all.push(afterNewest(cursor));
  return { $and: all };
}

/** Strictly after the cursor in (createdAt desc, _id desc) order. */
function afterNewest(cursor: PageCursor): Filter<{ _id: string; createdAt: Date }> {
  const createdAt = new Date(cursor.createdAt);
  return { $or: [{ createdAt: { $lt: createdAt } }, { createdAt, _id: { $lt: cursor.id } }] };
}

/** Strictly after the cursor in (sessionCount desc, createdAt desc, _id desc) order. */
function afterPopular(cursor: PageCursor): Filter<AssistantDoc> {
  const { sessionCount } = cursor;
  const createdAt = new Date(cursor.createdAt);
  return {
    $or: [
      { sessionCount: { $lt: sessionCount } },
      { sessionCount, createdAt: { $lt: createdAt } },
      { sessionCount, createdAt, _id: { $lt: cursor.id } },
    ],
  };
}

/** Both PCRE (MongoDB) and RE2 (FerretDB) read a backslash before punctuation as that character. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
