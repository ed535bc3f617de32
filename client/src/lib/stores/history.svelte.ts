import { createContext, untrack } from 'svelte';
import type { AppError, ListSessions, SessionSummary } from '@gptlab/common';
import type { ConnectionStore } from './connection.svelte.ts';

export type HistoryStatus = 'loading' | 'ready' | 'failed';

const pageSize = 30;
/**
 * A search is run by the server over a bounded number of sessions per request, so a page may come
 * back short with older sessions left to look at: this many requests are made for one page at most.
 */
const searchRounds = 4;

/**
 * All of the user's sessions, newest first, a page at a time, with a search. Renames and deletions
 * made in any tab (or device) arrive live; after a reconnect the list is read again, since what
 * was broadcast meanwhile is lost.
 */
export class HistoryStore {
  sessions = $state<SessionSummary[]>([]);
  status = $state<HistoryStatus>('loading');
  problem = $state<AppError | null>(null);
  /** The cursor of what comes after the sessions shown; null when there is nothing more. */
  next = $state<string | null>(null);
  loadingMore = $state(false);
  search = $state('');
  /** What just changed, in words, for the page's status line (a screen reader hears it). */
  notice = $state('');
  readonly #connection: ConnectionStore;
  /** Answers to an older search arrive late sometimes: only the latest request may fill the list. */
  #generation = 0;
  /** Deletions asked for by this tab: their broadcast reaches this tab too, before the answer. */
  readonly #deleting = new Set<string>();

  constructor(connection: ConnectionStore) {
    this.#connection = connection;
  }

  /** Loads the list now and after every reconnect, and follows changes; returns the function that stops. */
  follow(): () => void {
    // Called from an effect: what the first load reads must not make that effect run again.
    return untrack(() => this.#follow());
  }

  #follow(): () => void {
    const stops = [
      this.#connection.on('session:renamed', ({ session }) => this.#replace(session)),
      this.#connection.on('session:deleted', ({ sessionId }) => this.#forget(sessionId, this.#deleting.has(sessionId) ? 'here' : 'elsewhere')),
      this.#connection.onConnect(() => void this.#reload()),
    ];
    return () => stops.forEach((stop) => stop());
  }

  setSearch(search: string): void {
    const trimmed = search.trim();
    if (trimmed === this.search) return;
    this.search = trimmed;
    this.sessions = [];
    this.status = 'loading';
    void this.#reload();
  }

  /** Appends the next page (for a search, the next matches among older sessions). */
  async more(): Promise<void> {
    if (!this.next || this.loadingMore) return;
    const generation = this.#generation;
    this.loadingMore = true;
    const found = await this.#fetch(this.next, pageSize);
    if (generation !== this.#generation) return;
    this.loadingMore = false;
    if (!found.ok) {
      this.problem = found.error;
      return;
    }
    const shown = new Set(this.sessions.map((s) => s.id));
    this.sessions = [...this.sessions, ...found.sessions.filter((s) => !shown.has(s.id))];
    this.next = found.next;
    this.problem = null;
  }

  /** Null once renamed; the refusal otherwise. The title changes here when the server confirms it, as in every other tab. */
  async rename(sessionId: string, title: string): Promise<AppError | null> {
    const ack = await this.#connection.request('session:rename', { sessionId, title });
    if (!ack.ok) return ack.error;
    this.#replace(ack.session);
    return null;
  }

  async delete(sessionId: string): Promise<AppError | null> {
    this.#deleting.add(sessionId);
    const ack = await this.#connection.request('session:delete', { sessionId });
    this.#deleting.delete(sessionId);
    // Not found: another tab deleted it first, which is what was asked.
    if (!ack.ok && ack.error.code !== 'not_found') return ack.error;
    this.#forget(sessionId, 'here');
    return null;
  }

  /** The first page again, or as many sessions as were shown, so a reconnect does not fold the list up. */
  async #reload(): Promise<void> {
    const generation = ++this.#generation;
    this.loadingMore = false;
    const found = await this.#fetch(null, Math.min(100, Math.max(pageSize, this.sessions.length)));
    if (generation !== this.#generation) return;
    if (!found.ok) {
      this.status = 'failed';
      this.problem = found.error;
      return;
    }
    this.sessions = found.sessions;
    this.next = found.next;
    this.status = 'ready';
    this.problem = null;
  }

  /** One page; a search goes on looking at older sessions until it fills the page or has asked a few times. */
  async #fetch(cursor: string | null, limit: number) {
    const query = (after: string | null): Partial<ListSessions> => ({ limit, cursor: after, ...(this.search ? { search: this.search } : {}) });
    let ack = await this.#connection.request('session:list', query(cursor));
    const sessions: SessionSummary[] = [];
    for (let round = 1; ack.ok; round++) {
      sessions.push(...ack.sessions);
      if (!this.search || !ack.next || sessions.length >= limit || round >= searchRounds) return { ok: true as const, sessions, next: ack.next };
      ack = await this.#connection.request('session:list', query(ack.next));
    }
    return ack;
  }

  #replace(session: SessionSummary): void {
    const index = this.sessions.findIndex((s) => s.id === session.id);
    if (index >= 0) this.sessions[index] = session;
  }

  #forget(sessionId: string, where: 'here' | 'elsewhere'): void {
    const gone = this.sessions.find((s) => s.id === sessionId);
    if (!gone) return;
    this.sessions = this.sessions.filter((s) => s.id !== sessionId);
    const name = gone.title || 'A session';
    this.notice = where === 'here' ? `Deleted “${name}”.` : `“${name}” was deleted in another tab.`;
  }
}

export const [getHistoryStore, setHistoryStore] = createContext<HistoryStore>();
