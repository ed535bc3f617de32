import { createContext } from 'svelte';
import type { AppError, AssistantCard, ListAssistants } from '@gptlab/common';
import type { ConnectionStore } from './connection.svelte.ts';

export type ShelfStatus = 'loading' | 'ready' | 'failed';
export type LoungeSort = ListAssistants['sort'];

const pageSize = 24;

/** One list of assistants in the Lounge, loaded a page at a time for the current search and sort. */
export class AssistantShelf {
  readonly scope: ListAssistants['scope'];
  assistants = $state<AssistantCard[]>([]);
  status = $state<ShelfStatus>('loading');
  problem = $state<AppError | null>(null);
  /** The cursor of the next page, if there is one. */
  next = $state<string | null>(null);
  loadingMore = $state(false);
  readonly #connection: ConnectionStore;
  /** Answers to an older search arrive late sometimes: only the latest request may fill the shelf. */
  #generation = 0;
  #search = '';
  #sort: LoungeSort = 'popular';

  constructor(connection: ConnectionStore, scope: ListAssistants['scope']) {
    this.#connection = connection;
    this.scope = scope;
  }

  /** Loads the first page for this search and sort, replacing what is shown. */
  async load(search: string, sort: LoungeSort): Promise<void> {
    this.#search = search;
    this.#sort = sort;
    const generation = ++this.#generation;
    this.loadingMore = false;
    const ack = await this.#connection.request('assistant:list', this.#query(null));
    if (generation !== this.#generation) return;
    if (!ack.ok) {
      this.status = 'failed';
      this.problem = ack.error;
      return;
    }
    this.assistants = ack.assistants;
    this.next = ack.next;
    this.status = 'ready';
    this.problem = null;
  }

  /** Appends the next page. */
  async more(): Promise<void> {
    if (!this.next || this.loadingMore) return;
    const generation = this.#generation;
    this.loadingMore = true;
    const ack = await this.#connection.request('assistant:list', this.#query(this.next));
    if (generation !== this.#generation) return;
    this.loadingMore = false;
    if (!ack.ok) {
      this.problem = ack.error;
      return;
    }
    const shown = new Set(this.assistants.map((assistant) => assistant.id));
    this.assistants = [...this.assistants, ...ack.assistants.filter((assistant) => !shown.has(assistant.id))];
    this.next = ack.next;
    this.problem = null;
  }

  #query(cursor: string | null): Partial<ListAssistants> {
    return { scope: this.scope, sort: this.#sort, limit: pageSize, cursor, ...(this.#search ? { search: this.#search } : {}) };
  }
}

/** The Lounge: showcased assistants and the user's own, a shared search and sort, and live activity. */
export class LoungeStore {
  readonly showcased: AssistantShelf;
  readonly mine: AssistantShelf;
  search = $state('');
  sort = $state<LoungeSort>('popular');
  /** Sessions going on right now, by assistant id; pushed by the server while the Lounge is open. */
  activity = $state<Record<string, number>>({});
  readonly #connection: ConnectionStore;

  constructor(connection: ConnectionStore) {
    this.#connection = connection;
    this.showcased = new AssistantShelf(connection, 'showcased');
    this.mine = new AssistantShelf(connection, 'mine');
  }

  /** Loads both lists and watches activity now and after every reconnect; returns the function that stops. */
  follow(): () => void {
    const stopListening = this.#connection.on('assistant:activity', ({ assistantId, activeSessions }) => {
      this.activity[assistantId] = activeSessions;
    });
    const stopReloading = this.#connection.onConnect(() => {
      this.#reload();
      void this.#watch();
    });
    return () => {
      stopListening();
      stopReloading();
      void this.#connection.request('lounge:unwatch', {});
    };
  }

  activeSessions(assistantId: string): number {
    return this.activity[assistantId] ?? 0;
  }

  setSearch(search: string): void {
    const trimmed = search.trim();
    if (trimmed === this.search) return;
    this.search = trimmed;
    this.#reload();
  }

  setSort(sort: LoungeSort): void {
    if (sort === this.sort) return;
    this.sort = sort;
    this.#reload();
  }

  #reload(): void {
    void this.showcased.load(this.search, this.sort);
    void this.mine.load(this.search, this.sort);
  }

  async #watch(): Promise<void> {
    const ack = await this.#connection.request('lounge:watch', {});
    if (ack.ok) this.activity = { ...ack.activity };
  }
}

export const [getLoungeStore, setLoungeStore] = createContext<LoungeStore>();
