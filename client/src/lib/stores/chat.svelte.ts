import { createContext } from 'svelte';
import type { AppError, ChatMessage, MessageAdded, ReplyDelta, ReplyEnded, ReplyStatus } from '@gptlab/common';
import { randomUuid } from '../random-uuid.ts';
import type { ChatSocket } from '../socket/connection.ts';
import { ReplyAssembler } from '../socket/reply-assembler.ts';
import type { ConnectionStore } from './connection.svelte.ts';

/** pending: sent, not yet acknowledged; streaming: a reply being written; the rest say how a reply ended. */
export type EntryState = 'pending' | 'sent' | 'streaming' | 'interrupted' | ReplyStatus;

export interface ChatEntry {
  /** Stable for the entry's lifetime, for keyed rendering; `id` changes once the server names a sent message. */
  readonly key: string;
  id: string;
  role: ChatMessage['role'];
  text: string;
  state: EntryState;
  clientMessageId?: string;
}

export interface ChatFailure {
  error: AppError;
  /** What Retry sends: the same clientMessageId if the message never got in, a new one to ask again. */
  retry: { text: string; clientMessageId: string } | null;
}

/** One chat session as this tab sees it: the thread, the reply streaming now, and what went wrong. */
export class ChatStore {
  sessionId = $state(randomUuid());
  entries = $state<ChatEntry[]>([]);
  failure = $state<ChatFailure | null>(null);
  /** Waiting for the server to accept a message. */
  sending = $state(false);
  activeReplyId = $state<string | null>(null);
  readonly busy = $derived(this.sending || this.activeReplyId !== null);
  readonly #connection: ConnectionStore;
  // Per-reply bookkeeping that the UI never renders, so it stays out of $state.
  #assemblers = new Map<string, ReplyAssembler>();
  #endedReplies = new Set<string>();

  constructor(connection: ConnectionStore) {
    this.#connection = connection;
  }

  /** Listens to a freshly opened socket; returns the function that stops listening. */
  attach(socket: ChatSocket): () => void {
    const onMessage = (event: MessageAdded) => this.#applyMessage(event);
    const onDelta = (event: ReplyDelta) => this.#applyDelta(event);
    const onEnded = (event: ReplyEnded) => this.#applyEnded(event);
    const onDisconnect = () => this.#interruptReply();
    socket.on('session:message-added', onMessage);
    socket.on('session:delta', onDelta);
    socket.on('session:reply-ended', onEnded);
    socket.on('disconnect', onDisconnect);
    return () => {
      socket.off('session:message-added', onMessage);
      socket.off('session:delta', onDelta);
      socket.off('session:reply-ended', onEnded);
      socket.off('disconnect', onDisconnect);
    };
  }

  /** Sends a message; false if there is nothing to send or a reply is still being written. */
  send(text: string): boolean {
    const trimmed = text.trim();
    if (!trimmed || this.busy) return false;
    void this.#submit(trimmed, randomUuid());
    return true;
  }

  retry(): void {
    const retry = this.failure?.retry;
    if (!retry || this.busy) return;
    void this.#submit(retry.text, retry.clientMessageId);
  }

  newChat(): void {
    this.sessionId = randomUuid();
    this.entries = [];
    this.failure = null;
    this.sending = false;
    this.activeReplyId = null;
    this.#assemblers = new Map();
    this.#endedReplies = new Set();
  }

  async #submit(text: string, clientMessageId: string): Promise<void> {
    const sessionId = this.sessionId;
    let entry = this.entries.find((candidate) => candidate.clientMessageId === clientMessageId);
    if (entry) entry.state = 'pending';
    else entry = this.#append({ key: clientMessageId, id: clientMessageId, role: 'user', text, state: 'pending', clientMessageId });
    this.failure = null;
    this.sending = true;
    const ack = await this.#connection.request('session:send', { sessionId, clientMessageId, text });
    if (sessionId !== this.sessionId) return;
    this.sending = false;
    if (!ack.ok) {
      entry.state = 'failed';
      this.failure = { error: ack.error, retry: { text, clientMessageId } };
      return;
    }
    entry.state = 'sent';
    entry.id = ack.messageId;
    this.#removeDuplicateOf(entry);
    this.#beginReply(ack.replyId);
  }

  #applyMessage({ sessionId, message }: MessageAdded): void {
    if (sessionId !== this.sessionId) return;
    // A user message's id is the clientMessageId its tab chose, so the sending tab recognises its own.
    const known = this.entries.find((entry) => entry.id === message.id);
    if (known) {
      known.text = message.text;
      if (known.state === 'streaming') known.state = 'complete';
      return;
    }
    this.#append({ key: message.id, id: message.id, role: message.role, text: message.text, state: message.role === 'user' ? 'sent' : 'complete' });
  }

  #applyDelta(delta: ReplyDelta): void {
    if (delta.sessionId !== this.sessionId || this.#endedReplies.has(delta.replyId)) return;
    let assembler = this.#assemblers.get(delta.replyId);
    if (!assembler) {
      assembler = new ReplyAssembler();
      this.#assemblers.set(delta.replyId, assembler);
    }
    const appended = assembler.apply(delta.seq, delta.text);
    const reply = this.#beginReply(delta.replyId);
    if (reply && appended) reply.text += appended;
  }

  #applyEnded(ended: ReplyEnded): void {
    if (ended.sessionId !== this.sessionId) return;
    this.#endedReplies.add(ended.replyId);
    this.#assemblers.delete(ended.replyId);
    if (this.activeReplyId === ended.replyId) this.activeReplyId = null;
    const reply = this.entries.find((entry) => entry.id === ended.replyId);
    if (reply) reply.state = ended.status;
    if (ended.status !== 'failed') return;
    if (reply && !reply.text) this.entries = this.entries.filter((entry) => entry !== reply);
    const error = ended.error ?? { code: 'internal', message: 'The reply failed. Try again.' };
    this.failure = { error, retry: this.#askAgain() };
  }

  /** The socket dropped mid-reply: nothing more of it will arrive on this connection. */
  #interruptReply(): void {
    const replyId = this.activeReplyId;
    if (!replyId) return;
    this.activeReplyId = null;
    this.#endedReplies.add(replyId);
    const reply = this.entries.find((entry) => entry.id === replyId);
    if (reply) reply.state = 'interrupted';
    const error: AppError = { code: 'provider_unavailable', message: 'The connection dropped while the reply was being written.' };
    this.failure = { error, retry: this.#askAgain() };
  }

  /** Streams into the reply's entry, creating it on its first sign of life (an ack or a delta, whichever comes first). */
  #beginReply(replyId: string): ChatEntry | undefined {
    if (this.#endedReplies.has(replyId)) return undefined;
    this.activeReplyId = replyId;
    return this.entries.find((entry) => entry.id === replyId)
      ?? this.#append({ key: replyId, id: replyId, role: 'assistant', text: '', state: 'streaming' });
  }

  /** Retrying a failed reply asks the last question again, as a new message. */
  #askAgain(): ChatFailure['retry'] {
    const lastQuestion = this.entries.findLast((entry) => entry.role === 'user');
    return lastQuestion ? { text: lastQuestion.text, clientMessageId: randomUuid() } : null;
  }

  #removeDuplicateOf(entry: ChatEntry): void {
    this.entries = this.entries.filter((other) => other === entry || other.id !== entry.id);
  }

  /** Appends and returns the stored (reactive) entry, so later edits to it update the view. */
  #append(entry: ChatEntry): ChatEntry {
    this.entries.push(entry);
    return this.entries[this.entries.length - 1] as ChatEntry;
  }
}

export const [getChatStore, setChatStore] = createContext<ChatStore>();
