import type { AppError, ChatMessage, ReplyEnded, ReplyRetracted, SessionSummary, TestChat } from '@gptlab/common';
import { randomUuid } from '../random-uuid.ts';
import { SessionFeed, type ReplyKind, type ThreadSink } from '@gptlab/common/protocol';
import type { ConnectionStore } from './connection.svelte.ts';
import { SessionThread } from './session-thread.svelte.ts';

// A test chat never ends, so it has no recap: the thread only needs to know that.
const noRecap = { endedAt: null, summary: null } as unknown as SessionSummary;

/** The Lab's shared test conversation: streamed to every co-editor as ordinary session:* events. */
export class DraftTestChat implements ThreadSink {
  thread = $state(new SessionThread());
  sessionId = $state<string | null>(null);
  text = $state('');
  sending = $state(false);
  failure = $state<AppError | null>(null);
  readonly streaming = $derived(this.thread.activeReply !== null);
  readonly canSend = $derived(this.sessionId !== null && !this.sending && !this.streaming);
  readonly #connection: ConnectionStore;
  readonly #draftId: string;
  readonly #modelNow: () => string | undefined;
  #feed: SessionFeed | null = null;

  /** `modelNow`: the draft's model setting, which is what the server answers test messages with. */
  constructor(connection: ConnectionStore, draftId: string, modelNow: () => string | undefined = () => undefined) {
    this.#connection = connection;
    this.#draftId = draftId;
    this.#modelNow = modelNow;
  }

  /** Listens to the session:* broadcasts; the feed keeps only this chat's. */
  follow(): () => void {
    const receive = (event: Parameters<SessionFeed['receive']>[0]) => this.#feed?.receive(event);
    const c = this.#connection;
    const stops = [
      c.on('session:message-added', (payload) => receive({ type: 'message-added', payload })),
      c.on('session:reply-started', (payload) => receive({ type: 'reply-started', payload })),
      c.on('session:delta', (payload) => receive({ type: 'delta', payload })),
      c.on('session:reply-ended', (payload) => receive({ type: 'reply-ended', payload })),
      c.on('session:reply-retracted', (payload) => receive({ type: 'reply-retracted', payload })),
      c.on('draft:test-cleared', (event) => {
        if (event.draftId === this.#draftId) this.show({ sessionId: event.sessionId, messages: [], inFlight: null });
      }),
    ];
    return () => stops.forEach((stop) => stop());
  }

  /** Shows a snapshot (from draft:join or a reset), then whatever streams after it. */
  show(chat: TestChat): void {
    if (chat.sessionId !== this.sessionId) {
      this.sessionId = chat.sessionId;
      this.thread = new SessionThread();
      this.#feed = new SessionFeed(chat.sessionId, this);
    }
    this.#feed?.beginOpen();
    this.thread.show(chat.messages, noRecap);
    this.#feed?.finishOpen({ session: noRecap, messages: chat.messages, inFlight: chat.inFlight });
  }

  /** Forgets the conversation (this tab lost access to the draft). */
  clear(): void {
    this.sessionId = null;
    this.#feed = null;
    this.thread = new SessionThread();
    this.text = '';
  }

  send(text: string): boolean {
    const trimmed = text.trim();
    if (!trimmed || !this.canSend) return false;
    void this.#submit(trimmed, randomUuid());
    return true;
  }

  async stop(): Promise<void> {
    const ack = await this.#connection.request('draft:test-stop', { draftId: this.#draftId });
    if (!ack.ok) this.failure = ack.error;
  }

  async reset(): Promise<void> {
    const ack = await this.#connection.request('draft:test-reset', { draftId: this.#draftId });
    if (ack.ok) {
      this.failure = null;
      this.show(ack.testChat);
    } else this.failure = ack.error;
  }

  async #submit(text: string, clientMessageId: string): Promise<void> {
    this.thread.addOwnMessage(clientMessageId, text);
    this.failure = null;
    this.sending = true;
    const ack = await this.#connection.request('draft:test-send', { draftId: this.#draftId, clientMessageId, text });
    this.sending = false;
    if (ack.ok) {
      this.thread.markOwnMessage(clientMessageId, 'sent');
      this.#feed?.expect(ack.replyId, 'reply');
      return;
    }
    this.thread.remove(clientMessageId);
    if (!this.text.trim()) this.text = text;
    this.failure = ack.error;
  }

  replyStarted(replyId: string, kind: ReplyKind, textSoFar: string): void {
    // Shown live, as a reload shows it from the stored message.
    this.thread.startReply(replyId, kind, textSoFar, this.#modelNow()?.trim() || undefined);
  }

  replyText(replyId: string, kind: ReplyKind, appended: string): void {
    this.thread.appendReply(replyId, kind, appended);
  }

  replyEnded(ended: ReplyEnded): void {
    this.thread.endReply(ended);
    if (ended.status === 'failed') this.failure = ended.error ?? { code: 'internal', message: 'The reply failed. Try again.' };
  }

  replyRetracted(retracted: ReplyRetracted, kind: ReplyKind): void {
    this.thread.replaceReply(retracted.replyId, kind, retracted.replacement);
  }

  messageAdded(message: ChatMessage): void {
    this.thread.addMessage(message);
  }

  sessionUpdated(): void {}
}
