import { randomUUID } from 'node:crypto';
import type { ChatMessage, InFlightReply, ReplyEnded } from '@gptlab/common';
import type { TestSocket } from './server.ts';

/**
 * What a tab shows of a session's replies, rebuilt from events exactly as the web client does:
 * deltas applied in seq order, each seq at most once, on top of whatever `session:open` returned.
 */
export class ReplyView {
  readonly texts = new Map<string, string>();
  readonly nextSeq = new Map<string, number>();
  readonly ended = new Map<string, ReplyEnded>();
  /** Deltas that arrived ahead of an earlier one (e.g. before a catch-up snapshot), held until they fit. */
  private readonly early = new Map<string, Map<number, string>>();

  constructor(socket: TestSocket) {
    socket.on('session:delta', (delta) => {
      const held = this.early.get(delta.replyId) ?? new Map<number, string>();
      this.early.set(delta.replyId, held.set(delta.seq, delta.text));
      this.drain(delta.replyId);
    });
    socket.on('session:reply-ended', (event) => this.ended.set(event.replyId, event));
  }

  /** Seeds from `session:open`: a stored reply is final; a reply in flight is the text so far. */
  seed(messages: ChatMessage[], inFlight: InFlightReply | null): void {
    for (const message of messages) {
      if (message.role !== 'assistant') continue;
      this.texts.set(message.id, message.text);
      this.nextSeq.set(message.id, Number.POSITIVE_INFINITY);
    }
    if (inFlight && (this.nextSeq.get(inFlight.replyId) ?? 0) < inFlight.nextSeq) {
      this.texts.set(inFlight.replyId, inFlight.text);
      this.nextSeq.set(inFlight.replyId, inFlight.nextSeq);
      this.drain(inFlight.replyId);
    }
  }

  private drain(replyId: string): void {
    const held = this.early.get(replyId);
    if (!held) return;
    let next = this.nextSeq.get(replyId) ?? 0;
    for (const seq of held.keys()) if (seq < next) held.delete(seq);
    for (let text = held.get(next); text !== undefined; text = held.get(next)) {
      held.delete(next);
      this.texts.set(replyId, (this.texts.get(replyId) ?? '') + text);
      next += 1;
    }
    this.nextSeq.set(replyId, next);
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
  const ack = await socket.emitWithAck('session:open', { sessionId });
  if (!ack.ok) throw new Error(`open refused: ${ack.error.code} ${ack.error.message}`);
  const messages = [...ack.messages];
  for (let before = ack.earlier; before !== null; ) {
    const page = await socket.emitWithAck('session:history', { sessionId, before });
    if (!page.ok) throw new Error(`history refused: ${page.error.code} ${page.error.message}`);
    messages.unshift(...page.messages);
    before = page.earlier;
  }
  view?.seed(messages, ack.inFlight);
  return { ...ack, messages };
}
