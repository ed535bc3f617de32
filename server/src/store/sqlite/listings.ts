import type { SQLInputValue } from 'node:sqlite';
import { decodeCursor, pageSize } from '../cursor.ts';
import type { AssistantQuery, SessionQuery } from '../store.ts';

/** A SELECT and its parameters; limit + 1 rows are fetched so the page knows whether another follows. */
export interface Listing {
  sql: string;
  params: SQLInputValue[];
}

export function assistantListing(query: AssistantQuery): Listing {
  const where = ['deleted_at IS NULL'];
  const params: SQLInputValue[] = [];
  if (query.ownerId !== undefined) {
    where.push('owner_id = ?');
    params.push(query.ownerId);
  }
  if (query.showcased !== undefined) {
    where.push('showcased = ?');
    params.push(query.showcased ? 1 : 0);
  }
  if (!query.includeHidden) where.push('hidden = 0');
  if (query.search) {
    where.push('(contains_text(name, ?) OR contains_text(tagline, ?))');
    params.push(query.search, query.search);
  }
  const cursor = decodeCursor(query.cursor, query.sort);
  if (cursor && query.sort === 'popular') {
    where.push('(session_count, created_at, id) < (?, ?, ?)');
    params.push(cursor.sessionCount, cursor.createdAt, cursor.id);
  } else if (cursor) {
    where.push('(created_at, id) < (?, ?)');
    params.push(cursor.createdAt, cursor.id);
  }
  const order = query.sort === 'popular' ? 'session_count DESC, created_at DESC, id DESC' : 'created_at DESC, id DESC';
  params.push(pageSize(query.limit) + 1);
  return { sql: `SELECT * FROM assistants WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ?`, params };
}

export function sessionListing(query: SessionQuery): Listing {
  const where = ['user_id = ?'];
  const params: SQLInputValue[] = [query.userId];
  if (query.assistantId !== undefined) {
    where.push('assistant_id = ?');
    params.push(query.assistantId);
  }
  const cursor = decodeCursor(query.cursor, 'newest');
  if (cursor) {
    where.push('(created_at, id) < (?, ?)');
    params.push(cursor.createdAt, cursor.id);
  }
  params.push(pageSize(query.limit) + 1);
  return { sql: `SELECT * FROM sessions WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ?`, params };
}

/**
 * The search behind contains_text(): SQLite's LIKE and lower() fold ASCII only, while MongoDB's
 * case-insensitive regex folds all of Unicode; both stores must find "CAFÉ" for "café".
 */
export function containsText(haystack: SQLInputValue, needle: SQLInputValue): number {
  if (typeof haystack !== 'string' || typeof needle !== 'string') return 0;
  return haystack.toLowerCase().includes(needle.toLowerCase()) ? 1 : 0;
}
