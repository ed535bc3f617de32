import type { ChatMessage, ReplyEnded, ReplyStatus, SessionSummary } from '@gptlab/common';
import type { ReplyKind } from '@gptlab/common/protocol';

/** pending: sent, not yet accepted; unsent: refused or unanswered; streaming: being written; the rest say how a reply ended. */
export type EntryState = 'pending' | 'sent' | 'unsent' | 'streaming' | ReplyStatus;

export interface ThreadEntry {
  /** For a user message, the clientMessageId its tab chose; for a reply, its replyId. Stable, so it keys the view. */
  id: string;
  role: ChatMessage['role'];
  text: string;
  state: EntryState;
  /** When it was written: the server's time once stored, this tab's until then. */
  createdAt?: string | undefined;
  /** The model that wrote a reply. */
  model?: string | undefined;
  /** Every version of the message, oldest first, itself among them; absent while there is one. */
  versions?: string[] | undefined;
  /** The assistant's safety check withdrew this reply; its text is the neutral stand-in. */
  withdrawn?: boolean | undefined;
}

export interface RecapEntry {
  replyId: string;
  text: string;
  state: 'streaming' | ReplyStatus;
}

/** The messages of one session and its recap, as this tab shows them. */
export class SessionThread {
  entries = $state<ThreadEntry[]>([]);
  recap = $state<RecapEntry | null>(null);
  /** The reply being written now; one at a time per session. */
  activeReply = $state<{ id: string; kind: ReplyKind } | null>(null);
  readonly hasSentMessage = $derived(this.entries.some((entry) => entry.role === 'user' && entry.state === 'sent'));

  /**
   * Shows the newest page of the stored history; messages of this tab that the server has not taken
   * yet stay at the end. Earlier pages this tab had loaded stay above it if the page joins up with
   * them; returns whether they did (otherwise the reader starts again from the newest page).
   */
  show(messages: ChatMessage[], session: SessionSummary): boolean {
    // A failed reply with no text is stored so the failure survives a reload; it has nothing to show.
    const stored = messages.filter((m) => m.text || m.role === 'user').map(toEntry);
    const storedIds = new Set(stored.map((entry) => entry.id));
    const unsent = this.entries.filter((entry) => (entry.state === 'pending' || entry.state === 'unsent') && !storedIds.has(entry.id));
    const joinsAt = stored[0] ? this.entries.findIndex((entry) => entry.id === stored[0]?.id) : -1;
    const older = joinsAt > 0 ? this.entries.slice(0, joinsAt).filter((entry) => !storedIds.has(entry.id) && entry.state !== 'pending' && entry.state !== 'unsent') : [];
    this.entries = [...older, ...stored, ...unsent];
    this.activeReply = null;
    this.recap = null;
    this.showRecapOf(session);
    return joinsAt > 0;
  }

  /** An earlier page of history, above what is shown. */
  prepend(messages: ChatMessage[]): void {
    const known = new Set(this.entries.map((entry) => entry.id));
    const earlier = messages.filter((m) => (m.text || m.role === 'user') && !known.has(m.id)).map(toEntry);
    this.entries = [...earlier, ...this.entries];
  }

  /** A message this tab sends: shown at once, then marked as the server answers. Sending it again reuses it. */
  addOwnMessage(id: string, text: string): void {
    this.#dropUnfinishedRecap();
    const known = this.#find(id);
    if (known) known.state = 'pending';
    else this.entries.push({ id, role: 'user', text, state: 'pending', createdAt: new Date().toISOString() });
  }

  markOwnMessage(id: string, state: 'sent' | 'unsent'): void {
    const entry = this.#find(id);
    if (entry) entry.state = state;
  }

  remove(id: string): void {
    this.entries = this.entries.filter((entry) => entry.id !== id);
  }

  /** A message from the server; the tab that sent it recognises its own by id. */
  addMessage(message: ChatMessage): void {
    if (message.role === 'user') this.#dropUnfinishedRecap();
    const known = this.#find(message.id);
    if (known) {
      known.text = message.text;
      known.state = toEntry(message).state;
      known.createdAt = message.createdAt ?? known.createdAt;
      known.withdrawn = message.withdrawn;
      return;
    }
    this.entries.push(toEntry(message));
  }

  /** `model`: the one the session uses now, which is the one writing this reply. */
  startReply(id: string, kind: ReplyKind, textSoFar: string, model?: string): void {
    this.activeReply = { id, kind };
    if (kind === 'summary') {
      this.recap = { replyId: id, text: textSoFar, state: 'streaming' };
      return;
    }
    const known = this.#find(id);
    if (known) {
      known.text = textSoFar;
      known.state = 'streaming';
      return;
    }
    this.entries.push({ id, role: 'assistant', text: textSoFar, state: 'streaming', createdAt: new Date().toISOString(), model });
  }

  appendReply(id: string, kind: ReplyKind, appended: string): void {
    const target = kind === 'summary' ? this.#recapOf(id) : this.#find(id);
    if (target) target.text += appended;
  }

  replaceReply(id: string, kind: ReplyKind, text: string): void {
    const target = kind === 'summary' ? this.#recapOf(id) : this.#find(id);
    if (target) target.text = text;
  }

  /** The safety check took the reply back: only its stand-in is shown, marked as such. */
  withdrawReply(id: string, kind: ReplyKind, replacement: string): void {
    this.replaceReply(id, kind, replacement);
    const reply = kind === 'reply' ? this.#find(id) : undefined;
    if (reply) reply.withdrawn = true;
  }

  endReply({ replyId, kind, status }: ReplyEnded): void {
    if (this.activeReply?.id === replyId) this.activeReply = null;
    if (kind === 'summary') {
      const recap = this.#recapOf(replyId);
      if (recap) recap.state = status;
      if (recap && status === 'failed' && !recap.text) this.recap = null;
      return;
    }
    const reply = this.#find(replyId);
    if (!reply) return;
    reply.state = status;
    // A reply without text has nothing to show; a failed one is told by the failure notice.
    if (!reply.text && status !== 'complete') this.remove(replyId);
  }

  /** Shows the stored recap of an ended session, unless one is streaming here. */
  showRecapOf(session: SessionSummary): void {
    if (session.summary === null || this.recap?.state === 'streaming') return;
    this.recap = { replyId: `stored:${session.id}`, text: session.summary, state: 'complete' };
  }

  /** The reply a Regenerate would write again: the last message, when it is a finished reply. */
  get lastReply(): ThreadEntry | null {
    const last = this.entries.at(-1);
    return last?.role === 'assistant' && last.state !== 'streaming' ? last : null;
  }

  lastQuestion(): string | null {
    return this.entries.findLast((entry) => entry.role === 'user')?.text ?? null;
  }

  /** A recap stopped or failed midway belongs below the messages it recapped; talking on leaves it behind. */
  #dropUnfinishedRecap(): void {
    if (this.recap && this.recap.state !== 'complete' && this.recap.state !== 'streaming') this.recap = null;
  }

  #find(id: string): ThreadEntry | undefined {
    return this.entries.find((entry) => entry.id === id);
  }

  #recapOf(replyId: string): RecapEntry | null {
    return this.recap?.replyId === replyId ? this.recap : null;
  }
}

function toEntry(message: ChatMessage): ThreadEntry {
  const state = message.role === 'user' ? 'sent' : message.status;
  return { id: message.id, role: message.role, text: message.text, state, createdAt: message.createdAt, model: message.model, versions: message.versions, withdrawn: message.withdrawn };
}
