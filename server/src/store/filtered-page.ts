import { encodeCursor, pageSize, type PageCursor } from './cursor.ts';
import type { Page } from './store.ts';

export interface FilteredQuery<T> {
  cursor?: string | null;
  limit: number;
  where: (item: T) => boolean;
  scanAtMost?: number;
}

/** Records read from the store per round trip while filtering. */
const batchSize = 100;

/**
 * A listing filtered by a test the store cannot run itself (it reads sealed fields): pages are read
 * in order and tested until `limit` pass or `scanAtMost` records were looked at. The cursor goes on
 * after the last record looked at, so paging on tests every record once: no match is repeated or
 * skipped, and no request costs more than its budget.
 */
export async function filteredPage<T>(
  query: FilteredQuery<T>,
  readPage: (cursor: string | null, limit: number) => Promise<Page<T>>,
  cursorOf: (item: T) => PageCursor,
): Promise<Page<T>> {
  const limit = pageSize(query.limit);
  const budget = pageSize(query.scanAtMost ?? limit);
  const items: T[] = [];
  let cursor = query.cursor ?? null;
  let looked = 0;
  for (;;) {
    const page = await readPage(cursor, Math.min(budget - looked, batchSize));
    for (const [i, item] of page.items.entries()) {
      looked += 1;
      if (!query.where(item)) continue;
      items.push(item);
      if (items.length < limit) continue;
      const lastOfAll = i === page.items.length - 1 && page.next === null;
      return { items, next: lastOfAll ? null : encodeCursor(cursorOf(item)) };
    }
    if (page.next === null || looked >= budget) return { items, next: page.next };
    cursor = page.next;
  }
}
