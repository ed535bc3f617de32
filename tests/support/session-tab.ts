import { randomUUID } from 'node:crypto';
import type { ReplyEnded } from '@gptlab/common';
import { SessionFeed, type OpenedSession, type ThreadSink } from '@gptlab/common/protocol';
import type { TestSocket } from './server.ts';

/**
 * What a tab shows of its sessions' replies, built by the web client's own protocol code
 * (@gptlab/common/protocol's SessionFeed, one per session): deltas applied in seq order, each seq
 * at most once, events that arrive while `session:open` is on its way held until its answer. So
 * these tests check the server against the client that ships, not against a copy of it.
 */
export class ReplyView {
  readonly texts = new Map<string, string>();
  readonly ended = new Map<string, ReplyEnded>();
  readonly #feeds = new Map<string, SessionFeed>();
  /** Per session, the latest `session:open` asked for: only its answer counts, as in the client. */
  readonly #opens = new Map<string, number>();

  constructor(socket: TestSocket) {
    socket.on('session:message-added', (payload) => this.#feed(payload.sessionId).receive({ type: 'message-added', payload }));
    socket.on('session:reply-started', (payload) => this.#feed(payload.sessionId).receive({ type: 'reply-started', payload }));
    socket.on('session:delta', (payload) => this.#feed(payload.sessionId).receive({ type: 'delta', payload }));
    socket.on('session:reply-ended', (payload) => this.#feed(payload.sessionId).receive({ type: 'reply-ended', payload }));
    socket.on('session:reply-retracted', (payload) => this.#feed(payload.sessionId).receive({ type: 'reply-retracted', payload }));
    socket.on('session:updated', (payload) => this.#feed(payload.session.id).receive({ type: 'updated', payload }));
  }

  /** Call just before sending `session:open`; returns the ticket to hand to `opened`. */
  opening(sessionId: string): number {
    const ticket = (this.#opens.get(sessionId) ?? 0) + 1;
    this.#opens.set(sessionId, ticket);
    this.#feed(sessionId).beginOpen();
    return ticket;
  }

  /** The answer to that `session:open`: stored replies are final, a reply in flight carries on. */
  opened(sessionId: string, ticket: number, opened: OpenedSession): void {
    if (this.#opens.get(sessionId) !== ticket) return;
    for (const message of opened.messages) if (message.role === 'assistant') this.texts.set(message.id, message.text);
    this.#feed(sessionId).finishOpen(opened);
  }

  textOf(replyId: string): string {
    return this.texts.get(replyId) ?? '';
  }

  whenEnded(replyId: string, timeoutMs = 20_000): Promise<ReplyEnded> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const check = () => {
        const ended = this.ended.get(replyId);
        if (ended) return resolve(ended);
        if (Date.now() - started > timeoutMs) return reject(new Error(`reply ${replyId} did not end`));
        setTimeout(check, 10);
      };
      check();
    });
  }

  #feed(sessionId: string): SessionFeed {
    let feed = this.#feeds.get(sessionId);
    if (!feed) {
      feed = new SessionFeed(sessionId, this.#sink());
      this.#feeds.set(sessionId, feed);
    }
    return feed;
  }

  #sink(): ThreadSink {
    return {
      replyStarted: (replyId, _kind, textSoFar) => void this.texts.set(replyId, textSoFar),
      replyText: (replyId, _kind, appended) => void this.texts.set(replyId, this.textOf(replyId) + appended),
      replyEnded: (ended) => void this.ended.set(ended.replyId, ended),
      replyRetracted: (retracted) => void this.texts.set(retracted.replyId, retracted.replacement),
      messageAdded: (message) => {
        if (message.role === 'assistant') this.texts.set(message.id, message.text);
      },
      sessionUpdated: () => {},
    };
  }
}

export async function sendText(socket: TestSocket, sessionId: string, text: string) {
  const ack = await socket.emitWithAck('session:send', { sessionId, clientMessageId: randomUUID(), text });
  if (!ack.ok) throw new Error(`send refused: ${ack.error.code} ${ack.error.message}`);
  return ack;
}

/** Starts a session with the assistant whose share code is `code`, as a tab that was given the code. */
export async function startSession(socket: TestSocket, code = 'brainstorm', starter?: string) {
  const sessionId = randomUUID();
  const ack = await socket.emitWithAck('session:start', { sessionId, code, ...(starter ? { starter } : {}) });
  if (!ack.ok) throw new Error(`start refused: ${ack.error.code} ${ack.error.message}`);
  return { sessionId, replyId: ack.replyId, session: ack.session };
}

/** Opens the session and reads its whole history back, page by page, as a tab scrolling to the top would. */
export async function openSession(socket: TestSocket, sessionId: string, view?: ReplyView) {
  const ticket = view?.opening(sessionId) ?? 0;
  const ack = await socket.emitWithAck('session:open', { sessionId });
  if (!ack.ok) throw new Error(`open refused: ${ack.error.code} ${ack.error.message}`);
  const messages = [...ack.messages];
  for (let before = ack.earlier; before !== null; ) {
    const page = await socket.emitWithAck('session:history', { sessionId, before });
    if (!page.ok) throw new Error(`history refused: ${page.error.code} ${page.error.message}`);
    messages.unshift(...page.messages);
    before = page.earlier;
  }
  view?.opened(sessionId, ticket, { ...ack, messages });
  return { ...ack, messages };
}
