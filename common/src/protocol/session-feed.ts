import type {
  ChatMessage,
  InFlightReply,
  MessageAdded,
  ReplyDelta,
  ReplyEnded,
  ReplyRetracted,
  ReplyStarted,
  SessionSummary,
  SessionUpdated,
} from '../index.ts';
import { ReplyAssembler } from './reply-assembler.ts';

export type ReplyKind = ReplyStarted['kind'];

/** A session's broadcasts as they arrive on the socket. */
export type SessionEvent =
  | { type: 'message-added'; payload: MessageAdded }
  | { type: 'reply-started'; payload: ReplyStarted }
  | { type: 'delta'; payload: ReplyDelta }
  | { type: 'reply-ended'; payload: ReplyEnded }
  | { type: 'reply-retracted'; payload: ReplyRetracted }
  | { type: 'updated'; payload: SessionUpdated };

/** The answer to `session:open`. */
export interface OpenedSession {
  session: SessionSummary;
  messages: ChatMessage[];
  inFlight: InFlightReply | null;
}

/** What the feed tells the view, in order, each reply's text exactly once. */
export interface ThreadSink {
  replyStarted(replyId: string, kind: ReplyKind, textSoFar: string): void;
  replyText(replyId: string, kind: ReplyKind, appended: string): void;
  /** `tailMissing`: deltas were lost (a gap the stream never filled); the stored reply has the whole text. */
  replyEnded(ended: ReplyEnded, tailMissing: boolean): void;
  replyRetracted(retracted: ReplyRetracted, kind: ReplyKind): void;
  messageAdded(message: ChatMessage): void;
  sessionUpdated(session: SessionSummary): void;
}

interface LiveReply {
  kind: ReplyKind;
  assembler: ReplyAssembler;
}

/**
 * Turns one session's broadcasts into an ordered thread, including catch-up: while `session:open` is
 * on its way, events wait; its answer shows the history and the reply so far, then the waiting
 * events are applied, each delta the snapshot already holds skipped by its `seq`.
 */
export class SessionFeed {
  readonly #sessionId: string;
  readonly #sink: ThreadSink;
  #opening = false;
  #waiting: SessionEvent[] = [];
  readonly #live = new Map<string, LiveReply>();
  /** Replies that ended or are stored: a late or repeated delta for one of them is ignored. */
  #finished = new Set<string>();

  constructor(sessionId: string, sink: ThreadSink) {
    this.#sessionId = sessionId;
    this.#sink = sink;
  }

  /** Call just before asking for `session:open`: events then wait for its answer. */
  beginOpen(): void {
    this.#opening = true;
    this.#waiting = [];
  }

  /** `session:open` failed: there is no thread to apply the waiting events to. */
  cancelOpen(): void {
    this.#opening = false;
    this.#waiting = [];
  }

  /** Applies the answer to `session:open` once the caller has shown its messages, then what came meanwhile. */
  finishOpen(opened: OpenedSession): void {
    const waiting = this.#waiting;
    this.#opening = false;
    this.#waiting = [];
    this.#live.clear();
    this.#finished = new Set(opened.messages.filter((m) => m.role === 'assistant').map((m) => m.id));
    const { inFlight } = opened;
    if (inFlight && !isSettled(inFlight, opened)) {
      this.#live.set(inFlight.replyId, { kind: inFlight.kind, assembler: ReplyAssembler.resume(inFlight.text, inFlight.nextSeq) });
      this.#sink.replyStarted(inFlight.replyId, inFlight.kind, inFlight.text);
    }
    for (const event of waiting) this.#apply(event);
  }

  receive(event: SessionEvent): void {
    const sessionId = event.type === 'updated' ? event.payload.session.id : event.payload.sessionId;
    if (sessionId !== this.#sessionId) return;
    if (this.#opening) this.#waiting.push(event);
    else this.#apply(event);
  }

  /** This tab's own request named the reply it started, which may come before the reply's first event. */
  expect(replyId: string, kind: ReplyKind): void {
    if (this.#opening || this.#finished.has(replyId)) return;
    this.#start(replyId, kind);
  }

  #apply(event: SessionEvent): void {
    switch (event.type) {
      case 'message-added':
        if (event.payload.message.role === 'assistant') this.#finished.add(event.payload.message.id);
        this.#sink.messageAdded(event.payload.message);
        return;
      case 'reply-started':
        this.#start(event.payload.replyId, event.payload.kind);
        return;
      case 'delta':
        this.#applyDelta(event.payload);
        return;
      case 'reply-ended':
        this.#end(event.payload);
        return;
      case 'reply-retracted':
        this.#sink.replyRetracted(event.payload, this.#live.get(event.payload.replyId)?.kind ?? 'reply');
        return;
      case 'updated':
        this.#sink.sessionUpdated(event.payload.session);
    }
  }

  #start(replyId: string, kind: ReplyKind): LiveReply | null {
    const known = this.#live.get(replyId);
    if (known) return known;
    // A reply id is used once; a recap's id comes back when an ended-early recap is asked for again.
    if (kind === 'reply' && this.#finished.has(replyId)) return null;
    this.#finished.delete(replyId);
    const reply = { kind, assembler: new ReplyAssembler() };
    this.#live.set(replyId, reply);
    this.#sink.replyStarted(replyId, kind, '');
    return reply;
  }

  #applyDelta({ replyId, seq, text }: ReplyDelta): void {
    if (this.#finished.has(replyId)) return;
    const reply = this.#live.get(replyId) ?? this.#start(replyId, 'reply');
    const appended = reply?.assembler.apply(seq, text);
    if (reply && appended) this.#sink.replyText(replyId, reply.kind, appended);
  }

  #end(ended: ReplyEnded): void {
    const reply = this.#live.get(ended.replyId);
    this.#live.delete(ended.replyId);
    this.#finished.add(ended.replyId);
    const tailMissing = reply !== undefined && !reply.assembler.isCompleteAt(ended.deltaCount);
    this.#sink.replyEnded(ended, tailMissing);
  }
}

/** A reply the snapshot still lists may already be stored: it ended between the two reads. */
function isSettled(inFlight: InFlightReply, opened: OpenedSession): boolean {
  if (inFlight.kind === 'summary') return opened.session.endedAt !== null && opened.session.summary !== null;
  return opened.messages.some((message) => message.id === inFlight.replyId);
}
