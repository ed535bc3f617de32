import { createContext } from 'svelte';
import type { AppError, AssistantCard, ListAssistants } from '@gptlab/common';
import type { ConnectionStore } from './connection.svelte.ts';

export type ShelfStatus = 'loading' | 'ready' | 'failed';

/** One list of assistants in the Lounge; its query is where search, sort and paging will plug in. */
export class AssistantShelf {
  readonly query: Partial<ListAssistants>;
  assistants = $state<AssistantCard[]>([]);
  status = $state<ShelfStatus>('loading');
  problem = $state<AppError | null>(null);
  /** The cursor of the next page, if there is one. */
  next = $state<string | null>(null);
  readonly #connection: ConnectionStore;

  constructor(connection: ConnectionStore, query: Partial<ListAssistants>) {
    this.#connection = connection;
    this.query = query;
  }

  async load(): Promise<void> {
    const ack = await this.#connection.request('assistant:list', this.query);
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
}

/** The Lounge: showcased assistants and the user's own. */
export class LoungeStore {
  readonly showcased: AssistantShelf;
  readonly mine: AssistantShelf;
  readonly #connection: ConnectionStore;

  constructor(connection: ConnectionStore) {
    this.#connection = connection;
    this.showcased = new AssistantShelf(connection, { scope: 'showcased', sort: 'popular' });
    this.mine = new AssistantShelf(connection, { scope: 'mine', sort: 'newest' });
  }

  /** Loads both lists now and after every reconnect; returns the function that stops. */
  follow(): () => void {
    return this.#connection.onConnect(() => {
      void this.showcased.load();
      void this.mine.load();
    });
  }
}

export const [getLoungeStore, setLoungeStore] = createContext<LoungeStore>();
