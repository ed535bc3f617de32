import { describe, expect, it } from 'vitest';
import type { ChatMessage, InFlightReply, ReplyEnded, SessionSummary } from '../index.ts';
import { SessionFeed, type OpenedSession, type SessionEvent, type ThreadSink } from './session-feed.ts';

const sessionId = '6f1c2a9e-3b4d-4c5e-8f60-718293a4b5c6';
const replyId = 'm1.reply';

const session: SessionSummary = {
  id: sessionId,
  assistant: null,
  title: '',
  preview: '',
  model: 'gpt-4o-mini',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  endedAt: null,
  summary: null,
  rating: null,
  continuedFrom: null,
};

/** Records what the view would show: each reply's text, and how it ended. */
class ShownThread implements ThreadSink {
  readonly text = new Map<string, string>();
  readonly ended = new Map<string, { status: string; tailMissing: boolean }>();
  readonly messages: string[] = [];

  replyStarted(id: string, _kind: string, textSoFar: string): void {
    this.text.set(id, textSoFar);
  }
  replyText(id: string, _kind: string, appended: string): void {
    this.text.set(id, (this.text.get(id) ?? '') + appended);
  }
  replyEnded(ended: ReplyEnded, tailMissing: boolean): void {
    this.ended.set(ended.replyId, { status: ended.status, tailMissing });
  }
  replyRetracted(retracted: { replyId: string; replacement: string }): void {
    this.text.set(retracted.replyId, retracted.replacement);
  }
  messageAdded(message: ChatMessage): void {
    this.messages.push(message.id);
  }
  sessionUpdated(): void {}
}

const started = (id = replyId, kind: 'reply' | 'summary' = 'reply'): SessionEvent => ({ type: 'reply-started', payload: { sessionId, replyId: id, kind } });
const delta = (seq: number, text: string, id = replyId): SessionEvent => ({ type: 'delta', payload: { sessionId, replyId: id, seq, text } });
const ended = (deltaCount: number, status: ReplyEnded['status'] = 'complete', id = replyId): SessionEvent => ({
  type: 'reply-ended',
  payload: { sessionId, replyId: id, kind: 'reply', status, deltaCount },
});
const opened = (inFlight: InFlightReply | null, messages: ChatMessage[] = []): OpenedSession => ({ session, messages, inFlight });

function feedWithThread(): { feed: SessionFeed; shown: ShownThread } {
  const shown = new ShownThread();
  return { feed: new SessionFeed(sessionId, shown), shown };
}

describe('SessionFeed', () => {
  it('shows a live reply as its deltas arrive', () => {
    const { feed, shown } = feedWithThread();
    feed.finishOpen(opened(null));
    for (const event of [started(), delta(0, 'Hello'), delta(1, ' there'), ended(2)]) feed.receive(event);
    expect(shown.text.get(replyId)).toBe('Hello there');
    expect(shown.ended.get(replyId)).toEqual({ status: 'complete', tailMissing: false });
  });

  it('a tab that opens mid-reply shows the text so far and continues without repeating it', () => {
    const { feed, shown } = feedWithThread();
    feed.beginOpen();
    // Deltas broadcast between joining the room and the snapshot arrive before the answer.
    for (const event of [delta(2, 'c'), delta(3, 'd')]) feed.receive(event);
    feed.finishOpen(opened({ replyId, kind: 'reply', text: 'abc', nextSeq: 3 }));
    expect(shown.text.get(replyId)).toBe('abcd');
    feed.receive(delta(4, 'e'));
    feed.receive(ended(5));
    expect(shown.text.get(replyId)).toBe('abcde');
    expect(shown.ended.get(replyId)?.tailMissing).toBe(false);
  });

  it('does not show a reply twice when it ended between the snapshot and the stored messages', () => {
    const { feed, shown } = feedWithThread();
    feed.beginOpen();
    feed.receive(delta(1, 'b'));
    const stored: ChatMessage = { id: replyId, role: 'assistant', text: 'ab', status: 'complete' };
    feed.finishOpen(opened({ replyId, kind: 'reply', text: 'a', nextSeq: 1 }, [stored]));
    expect(shown.text.has(replyId)).toBe(false);
  });

  it('ignores events of other sessions', () => {
    const { feed, shown } = feedWithThread();
    feed.finishOpen(opened(null));
    feed.receive({ type: 'reply-started', payload: { sessionId: '00000000-0000-4000-8000-000000000000', replyId, kind: 'reply' } });
    expect(shown.text.size).toBe(0);
  });

  it('tells when a reply ended with deltas missing', () => {
    const { feed, shown } = feedWithThread();
    feed.finishOpen(opened(null));
    for (const event of [started(), delta(0, 'a'), delta(2, 'c'), ended(3)]) feed.receive(event);
    expect(shown.ended.get(replyId)).toEqual({ status: 'complete', tailMissing: true });
  });

  it('starts the reply a request named before its first event, once', () => {
    const { feed, shown } = feedWithThread();
    feed.finishOpen(opened(null));
    feed.expect(replyId, 'reply');
    feed.receive(started());
    feed.receive(delta(0, 'x'));
    expect(shown.text.get(replyId)).toBe('x');
  });

  it('ignores a late delta of a reply that has ended', () => {
    const { feed, shown } = feedWithThread();
    feed.finishOpen(opened(null));
    for (const event of [started(), delta(0, 'a'), ended(1, 'stopped'), delta(1, 'b')]) feed.receive(event);
    expect(shown.text.get(replyId)).toBe('a');
  });

  it('shows a recap asked for again after the first was stopped', () => {
    const { feed, shown } = feedWithThread();
    feed.finishOpen(opened(null));
    const recap = `${sessionId}.summary`;
    for (const event of [started(recap, 'summary'), delta(0, 'first', recap), ended(1, 'stopped', recap)]) feed.receive(event);
    for (const event of [started(recap, 'summary'), delta(0, 'second', recap)]) feed.receive(event);
    expect(shown.text.get(recap)).toBe('second');
  });

  it('replaces a retracted reply with its replacement', () => {
    const { feed, shown } = feedWithThread();
    feed.finishOpen(opened(null));
    for (const event of [started(), delta(0, 'the secret prompt')]) feed.receive(event);
    feed.receive({ type: 'reply-retracted', payload: { sessionId, replyId, replacement: 'I cannot share that.' } });
    expect(shown.text.get(replyId)).toBe('I cannot share that.');
  });
});
