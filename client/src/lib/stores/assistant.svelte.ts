import { createContext } from 'svelte';
import type { AppError, AssistantCard, SessionSummary } from '@gptlab/common';
import { randomUuid } from '../random-uuid.ts';
import type { ConnectionStore } from './connection.svelte.ts';

/** missing: no assistant has this code (or it was deleted); failed: the server could not say. */
export type AssistantStatus = 'loading' | 'ready' | 'missing' | 'failed';

/** An assistant's page: its details, the user's past sessions with it, and starting a new one. */
export class AssistantPageStore {
  readonly code: string;
  assistant = $state<AssistantCard | null>(null);
  status = $state<AssistantStatus>('loading');
  problem = $state<AppError | null>(null);
  sessions = $state<SessionSummary[]>([]);
  sessionsLoaded = $state(false);
  /** The starter being sent, or '' for a plain start, while `session:start` is on its way. */
  starting = $state<string | null>(null);
  startProblem = $state<AppError | null>(null);
  /** An owner action on its way (edit, hide, delete), and why the last one failed. */
  acting = $state<'edit' | 'hide' | 'delete' | null>(null);
  actionProblem = $state<AppError | null>(null);
  /** Set once the owner deleted it from this page. */
  deleted = $state(false);
  readonly #connection: ConnectionStore;
  /** A start that got no answer may have gone through: trying it again reuses its session id. */
  #unanswered: { sessionId: string; starter: string } | null = null;

  constructor(connection: ConnectionStore, code: string) {
    this.#connection = connection;
    this.code = code;
  }

  /** Loads the page now and after every reconnect; returns the function that stops. */
  follow(): () => void {
    return this.#connection.onConnect(() => void this.#load());
  }

  /** Starts a session and resolves with its id, or null (the reason is in `startProblem`). */
  async start(starter?: string): Promise<string | null> {
    const assistant = this.assistant;
    if (!assistant || this.starting !== null) return null;
    const chosen = starter ?? '';
    this.starting = chosen;
    this.startProblem = null;
    // The tab names the session, so the server recognises a retried start instead of opening a second session.
    const sessionId = this.#unanswered?.starter === chosen ? this.#unanswered.sessionId : randomUuid();
    const ack = await this.#connection.request('session:start', { sessionId, code: assistant.code, ...(starter ? { starter } : {}) });
    this.starting = null;
    this.#unanswered = !ack.ok && ack.error.code === 'internal' ? { sessionId, starter: chosen } : null;
    if (ack.ok) return ack.session.id;
    this.startProblem = ack.error;
    return null;
  }

  /** Opens the assistant in the Lab as a new draft; resolves with the draft's id, or null. */
  async editInLab(): Promise<string | null> {
    const assistant = this.assistant;
    if (!assistant?.ownedByMe || this.acting) return null;
    this.acting = 'edit';
    const ack = await this.#connection.request('draft:create', { draftId: randomUuid(), assistantId: assistant.id });
    this.acting = null;
    this.actionProblem = ack.ok ? null : ack.error;
    return ack.ok ? ack.draft.id : null;
  }

  async setHidden(hidden: boolean): Promise<void> {
    const assistant = this.assistant;
    if (!assistant?.ownedByMe || this.acting) return;
    this.acting = 'hide';
    const ack = await this.#connection.request('assistant:set-hidden', { assistantId: assistant.id, hidden });
    this.acting = null;
    this.actionProblem = ack.ok ? null : ack.error;
    if (ack.ok) this.assistant = ack.assistant;
  }

  async delete(): Promise<boolean> {
    const assistant = this.assistant;
    if (!assistant?.ownedByMe || this.acting) return false;
    this.acting = 'delete';
    const ack = await this.#connection.request('assistant:delete', { assistantId: assistant.id });
    this.acting = null;
    this.actionProblem = ack.ok ? null : ack.error;
    if (ack.ok) this.deleted = true;
    return ack.ok;
  }

  async #load(): Promise<void> {
    if (this.deleted) return;
    const found = await this.#connection.request('assistant:find', { code: this.code });
    if (!found.ok) {
      this.status = found.error.code === 'not_found' || found.error.code === 'invalid_payload' ? 'missing' : 'failed';
      this.problem = found.error;
      return;
    }
    this.assistant = found.assistant;
    this.status = 'ready';
    this.problem = null;
    const listed = await this.#connection.request('session:list', { assistantId: found.assistant.id });
    if (listed.ok) this.sessions = listed.sessions;
    this.sessionsLoaded = true;
  }
}

export const [getAssistantPageStore, setAssistantPageStore] = createContext<AssistantPageStore>();
