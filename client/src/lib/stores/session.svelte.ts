import { createContext } from 'svelte';
import type { AppError, ChatMessage, ErrorCode, ModelInfo, ReplyEnded, ReplyRetracted, SessionSummary } from '@gptlab/common';
import { randomUuid } from '../random-uuid.ts';
import { SessionFeed, type OpenedSession, type ReplyKind, type ThreadSink } from '@gptlab/common/protocol';
import type { ConnectionStore } from './connection.svelte.ts';
import { saveComposerDraft } from './composer-drafts.ts';
import type { Transcript } from '../transcript/transcript.ts';
import { SessionThread } from './session-thread.svelte.ts';
import { storedFailure } from './stored-failures.ts';

/** opening: waiting for the first answer; missing: unknown, or someone else's; unavailable: could not be opened; deleted: by the user, in some tab. */
export type SessionStatus = 'opening' | 'open' | 'missing' | 'unavailable' | 'deleted';

export interface SessionFailure {
  error: AppError;
  /** What Retry does: send a message (the same clientMessageId if it never got in), ask for the recap again, or reopen. */
  retry: { kind: 'send'; text: string; clientMessageId: string } | { kind: 'regenerate'; replyId: string; question: string | null } | { kind: 'end' } | { kind: 'open' } | null;
  /** The model a reply failed with: a conversation too long for it may fit another. */
  model?: string;
}

/** Refusals that sending the same again cannot fix: the text goes back to the composer, with no Retry. */
const mustRephrase: ReadonlySet<ErrorCode> = new Set(['moderation_flagged', 'invalid_payload', 'payload_too_large', 'session_ended', 'provider_not_trusted']);

const failedReply: AppError = { code: 'internal', message: 'The reply failed. Try again.' };
/** Two tabs sent at once and the other one's message got in first. */
const lostRace: AppError = { code: 'busy', message: 'Another tab sent a message first. Yours is back in the message box: send it once this reply is done.' };
/** How a reply can end that Retry may fix. */
const retryable: ReadonlySet<ReplyEnded['status']> = new Set(['failed', 'interrupted']);
/** How long a start with a summary may wait for its answer: the model summarises the whole conversation first. */
const summaryTimeoutMs = 120_000;

/** One live session as this tab sees it: the thread, what the user can do now, and what went wrong. */
export class SessionStore implements ThreadSink {
  readonly id: string;
  readonly thread = new SessionThread();
  status = $state<SessionStatus>('opening');
  session = $state<SessionSummary | null>(null);
  models = $state<ModelInfo[]>([]);
  failure = $state<SessionFailure | null>(null);
  /** Where the page of history before the oldest message shown starts; null once it is all shown. */
  earlier = $state<number | null>(null);
  loadingEarlier = $state(false);
  /** What the composer holds; a refused message comes back here to be rephrased. */
  draft = $state('');
  /** Waiting for the server to take a message, or to start the recap. */
  sending = $state(false);
  ending = $state(false);
  readonly ended = $derived(this.session?.endedAt != null);
  readonly streaming = $derived(this.thread.activeReply !== null);
  readonly canSend = $derived(this.status === 'open' && !this.ended && !this.sending && !this.ending && !this.streaming);
  readonly canEnd = $derived(this.canSend && this.thread.hasSentMessage);
  readonly #connection: ConnectionStore;
  readonly #feed: SessionFeed;
  /** Only the answer to the latest `session:open` counts. */
  #openCount = 0;

  constructor(connection: ConnectionStore, sessionId: string) {
    this.#connection = connection;
    this.id = sessionId;
    this.#feed = new SessionFeed(sessionId, this);
  }

  /** Follows the session live, reopening it after every reconnect; returns the function that stops. */
  follow(): () => void {
    const feed = this.#feed;
    const stops = [
      this.#connection.on('session:message-added', (payload) => feed.receive({ type: 'message-added', payload })),
      this.#connection.on('session:reply-started', (payload) => feed.receive({ type: 'reply-started', payload })),
      this.#connection.on('session:delta', (payload) => feed.receive({ type: 'delta', payload })),
      this.#connection.on('session:reply-ended', (payload) => feed.receive({ type: 'reply-ended', payload })),
      this.#connection.on('session:reply-retracted', (payload) => feed.receive({ type: 'reply-retracted', payload })),
      this.#connection.on('session:updated', (payload) => feed.receive({ type: 'updated', payload })),
      this.#connection.on('session:renamed', (payload) => feed.receive({ type: 'updated', payload })),
      // An edit, a reply written again or another version, in any tab: what is shown changed from some message on.
      this.#connection.on('session:branched', ({ sessionId }) => {
        if (sessionId === this.id) void this.#open();
      }),
      this.#connection.on('session:deleted', ({ sessionId }) => {
        if (sessionId === this.id) this.status = 'deleted';
      }),
      this.#connection.onConnect(() => void this.#open()),
    ];
    return () => stops.forEach((stop) => stop());
  }

  /** Sends a message; false if there is nothing to send or the session cannot take one now. */
  send(text: string): boolean {
    const trimmed = text.trim();
    if (!trimmed || !this.canSend) return false;
    void this.#submit(trimmed, randomUuid());
    return true;
  }

  retry(): void {
    const retry = this.failure?.retry;
    if (retry?.kind === 'open') void this.#open();
    else if (retry?.kind === 'end') void this.end();
    else if (retry?.kind === 'send' && this.canSend) void this.#submit(retry.text, retry.clientMessageId);
    else if (retry?.kind === 'regenerate') void this.regenerate(retry.replyId, retry.question);
  }

  /**
   * Writes the last reply again; the one before stays as an earlier version. `question` is sent
   * again instead if the failed reply was never stored (it failed before it began).
   */
  async regenerate(replyId: string, question: string | null = null): Promise<void> {
    if (!this.canSend) return;
    this.failure = null;
    this.sending = true;
    const ack = await this.#connection.request('session:regenerate', { sessionId: this.id, replyId, clientMessageId: randomUuid() });
    this.sending = false;
    if (ack.ok) this.#feed.expect(ack.replyId, 'reply');
    else if (ack.error.code === 'invalid_payload' && question) void this.#submit(question, randomUuid());
    else this.failure = { error: ack.error, retry: null };
  }

  /** Sends a new version of one of my messages; resolves false (the text kept for another try) if it was refused. */
  async edit(messageId: string, text: string): Promise<boolean> {
    const trimmed = text.trim();
    if (!trimmed || !this.canSend) return false;
    this.failure = null;
    this.sending = true;
    const ack = await this.#connection.request('session:edit', { sessionId: this.id, messageId, clientMessageId: randomUuid(), text: trimmed });
    this.sending = false;
    if (ack.ok) this.#feed.expect(ack.replyId, 'reply');
    else this.failure = { error: ack.error, retry: null };
    return ack.ok;
  }

  /** Shows another version of a message, in every tab of the session. */
  async showVersion(messageId: string): Promise<void> {
    if (this.status !== 'open' || this.streaming || this.sending) return;
    const ack = await this.#connection.request('session:show-version', { sessionId: this.id, messageId });
    if (!ack.ok) this.failure = { error: ack.error, retry: null };
  }

  async stop(): Promise<void> {
    const ack = await this.#connection.request('session:stop', { sessionId: this.id });
    if (!ack.ok) this.failure = { error: ack.error, retry: null };
  }

  /** Ends the session: the recap streams in, then the session is closed for good. */
  async end(): Promise<void> {
    if (!this.canEnd) return;
    this.failure = null;
    this.ending = true;
    const ack = await this.#connection.request('session:end', { sessionId: this.id });
    this.ending = false;
    if (ack.ok) this.#feed.expect(ack.replyId, 'summary');
    else this.failure = { error: ack.error, retry: null };
  }

  /** Choosing the rating the session already has takes it back. */
  async rate(rating: 'up' | 'down'): Promise<void> {
    const session = this.session;
    if (!session) return;
    const previous = session.rating;
    session.rating = previous === rating ? null : rating;
    const ack = await this.#connection.request('session:rate', { sessionId: this.id, rating: session.rating });
    this.#settle(ack, () => (session.rating = previous));
  }

  async setModel(model: string): Promise<void> {
    const session = this.session;
    if (!session || session.model === model) return;
    const previous = session.model;
    session.model = model;
    const ack = await this.#connection.request('session:set-model', { sessionId: this.id, model });
    this.#settle(ack, () => (session.model = previous));
  }

  /** The page of history before the oldest message shown. */
  async loadEarlier(): Promise<void> {
    const before = this.earlier;
    if (before === null || this.loadingEarlier) return;
    this.loadingEarlier = true;
    const ack = await this.#connection.request('session:history', { sessionId: this.id, before });
    this.loadingEarlier = false;
    // A reopen meanwhile chose where history starts again.
    if (this.earlier !== before) return;
    if (!ack.ok) {
      this.failure = { error: ack.error, retry: null };
      return;
    }
    this.thread.prepend(ack.messages);
    this.earlier = ack.earlier;
  }

  /** The whole conversation, every earlier page loaded first, for a download; null if it cannot be had. */
  async wholeTranscript(): Promise<Transcript | null> {
    while (this.earlier !== null) {
      const before = this.earlier;
      await this.loadEarlier();
      if (this.earlier === before) return null;
    }
    return this.transcript();
  }

  /** The conversation so far, for a download. */
  transcript(): Transcript | null {
    const session = this.session;
    if (!session) return null;
    const messages = this.thread.entries.flatMap(({ role, text, state }) => {
      if (!text || state === 'pending' || state === 'unsent') return [];
      return [{ role, text, status: state === 'sent' || state === 'streaming' ? ('complete' as const) : state }];
    });
    const recap = this.thread.recap?.state === 'complete' ? this.thread.recap.text : null;
    return { assistantName: session.assistant?.name ?? 'Chat', sessionId: session.id, model: session.model, startedAt: session.createdAt, endedAt: session.endedAt, messages, recap };
  }

  replyStarted(replyId: string, kind: ReplyKind, textSoFar: string): void {
    this.thread.startReply(replyId, kind, textSoFar, this.session?.model);
  }

  replyText(replyId: string, kind: ReplyKind, appended: string): void {
    this.thread.appendReply(replyId, kind, appended);
  }

  replyEnded(ended: ReplyEnded, tailMissing: boolean): void {
    this.thread.endReply(ended);
    // The stored reply holds what the stream lost.
    if (tailMissing) void this.#open();
    if (!retryable.has(ended.status)) return;
    const question = this.thread.lastQuestion();
    const retry = ended.kind === 'summary' ? { kind: 'end' as const } : { kind: 'regenerate' as const, replyId: ended.replyId, question };
    this.failure = { error: ended.error ?? failedReply, retry, ...(this.session ? { model: this.session.model } : {}) };
  }

  replyRetracted(retracted: ReplyRetracted, kind: ReplyKind): void {
    this.thread.withdrawReply(retracted.replyId, kind, retracted.replacement);
  }

  messageAdded(message: ChatMessage): void {
    this.thread.addMessage(message);
  }

  sessionUpdated(session: SessionSummary): void {
    this.session = session;
    this.thread.showRecapOf(session);
  }

  async #open(): Promise<void> {
    if (this.status === 'deleted') return;
    const attempt = ++this.#openCount;
    this.#feed.beginOpen();
    const ack = await this.#connection.request('session:open', { sessionId: this.id });
    if (attempt !== this.#openCount) return;
    if (!ack.ok) {
      this.#feed.cancelOpen();
      if (ack.error.code === 'not_found') this.status = 'missing';
      else if (this.status === 'opening') this.status = 'unavailable';
      this.failure = { error: ack.error, retry: { kind: 'open' } };
      return;
    }
    this.#show(ack);
    if (this.models.length === 0) void this.#loadModels();
  }

  #show(opened: OpenedSession & { earlier: number | null }): void {
    this.session = opened.session;
    const joinedUp = this.thread.show(opened.messages, opened.session);
    if (!joinedUp) this.earlier = opened.earlier;
    this.#feed.finishOpen(opened);
    this.status = 'open';
    if (this.failure?.retry?.kind === 'open') this.failure = null;
    this.#recallFailure(opened);
  }

  /** A reply that failed before this page was opened still says so, with Retry, as it did live. */
  #recallFailure(opened: OpenedSession): void {
    const last = opened.messages.at(-1);
    if (this.failure || opened.inFlight || last?.role !== 'assistant' || !retryable.has(last.status)) return;
    const question = this.thread.lastQuestion();
    const error = storedFailure(last.errorCode ?? (last.status === 'interrupted' ? 'reply_interrupted' : undefined));
    const model = last.model ?? opened.session.model;
    this.failure = { error, retry: { kind: 'regenerate', replyId: last.id, question }, model };
  }

  async #submit(text: string, clientMessageId: string): Promise<void> {
    this.thread.addOwnMessage(clientMessageId, text);
    this.failure = null;
    this.sending = true;
    const ack = await this.#connection.request('session:send', { sessionId: this.id, clientMessageId, text });
    this.sending = false;
    if (ack.ok) {
      this.thread.markOwnMessage(clientMessageId, 'sent');
      this.#feed.expect(ack.replyId, 'reply');
      return;
    }
    if (ack.error.code === 'not_found') this.status = 'missing';
    // Busy: another tab's message won; left here, the loser would stand above the winner as "Not sent".
    if (mustRephrase.has(ack.error.code) || ack.error.code === 'busy') {
      this.thread.remove(clientMessageId);
      this.#giveBack(text);
      this.failure = { error: ack.error.code === 'busy' ? lostRace : ack.error, retry: null };
      return;
    }
    this.thread.markOwnMessage(clientMessageId, 'unsent');
    this.failure = { error: ack.error, retry: { kind: 'send', text, clientMessageId } };
  }

  /** Puts a message that did not get in back in the composer, before anything typed since. */
  #giveBack(text: string): void {
    const typed = this.draft.trim();
    this.draft = typed && typed !== text ? `${text}\n\n${this.draft}` : text;
  }

  /**
   * A new session with the same assistant, for a conversation grown too long for its model: its
   * composer holds the question that went unanswered. `withSummary`: the model of the new session
   * reads a summary of this one. Resolves with the new session's id, or null.
   */
  async startAfresh(withSummary = false): Promise<string | null> {
    const assistant = this.session?.assistant;
    if (!assistant || assistant.deleted) return null;
    const carryOn = withSummary ? { continueFrom: this.id } : {};
    // With a summary, the server answers once the model has written it: that takes a while on a long conversation.
    const ack = await this.#connection.request('session:start', { sessionId: randomUuid(), code: assistant.code, ...carryOn }, withSummary ? summaryTimeoutMs : undefined);
    if (!ack.ok) {
      this.failure = { error: ack.error, retry: null };
      return null;
    }
    const question = this.thread.lastQuestion();
    if (question) saveComposerDraft(ack.session.id, question);
    return ack.session.id;
  }

  async #loadModels(): Promise<void> {
    const ack = await this.#connection.request('models:list', {});
    if (ack.ok) this.models = ack.models;
  }

  /** A change shown before the server confirmed it: the server's copy on success, undone on refusal. */
  #settle(ack: { ok: true; session: SessionSummary } | { ok: false; error: AppError }, undo: () => void): void {
    if (ack.ok) {
      this.session = ack.session;
      return;
    }
    undo();
    this.failure = { error: ack.error, retry: null };
  }
}

export const [getSessionStore, setSessionStore] = createContext<SessionStore>();
