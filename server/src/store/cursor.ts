import { InvalidCursorError } from './errors.ts';
import type { Page } from './store.ts';

/**
 * Keyset paging: a cursor holds the sort keys of the last item of a page, and the next page starts
 * strictly after them. Unlike offsets, an insert between two page loads neither repeats nor skips
 * an item. `id` breaks ties between equal dates and counts.
 */
export type CursorOrder = 'newest' | 'popular';

export interface PageCursor {
  order: CursorOrder;
  /** Only for 'popular'. */
  sessionCount: number;
  createdAt: number;
  id: string;
}

export function encodeCursor(cursor: PageCursor): string {
  const keys = cursor.order === 'popular' ? [cursor.sessionCount, cursor.createdAt, cursor.id] : [cursor.createdAt, cursor.id];
  return Buffer.from(JSON.stringify([cursor.order, ...keys])).toString('base64url');
}

/** Null for a first page; throws InvalidCursorError for anything this module did not encode. */
export function decodeCursor(value: string | null | undefined, order: CursorOrder): PageCursor | null {
  if (value === null || value === undefined) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (!Array.isArray(parsed) || parsed[0] !== order) throw new InvalidCursorError();
  const keys: unknown[] = parsed.slice(1);
  const [sessionCount, createdAt, id] = order === 'popular' ? keys : [0, ...keys];
  if (keys.length !== (order === 'popular' ? 3 : 2) || !isCount(sessionCount) || !isCount(createdAt) || typeof id !== 'string') {
    throw new InvalidCursorError();
  }
  return { order, sessionCount, createdAt, id };
}

/** `rows` holds up to pageSize(limit) + 1 items: the extra one only proves that another page exists. */
export function toPage<T>(rows: T[], limit: number, cursorOf: (item: T) => PageCursor): Page<T> {
  const size = pageSize(limit);
  const items = rows.slice(0, size);
  const last = items.at(-1);
  return { items, next: rows.length > size && last !== undefined ? encodeCursor(cursorOf(last)) : null };
}

/** Page sizes below one make no sense; the store still answers rather than throwing. */
export function pageSize(limit: number): number {
  return Math.max(1, Math.floor(limit));
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}
