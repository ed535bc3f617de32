import type { InFlightReply } from '@gptlab/common';

/**
 * The shared registry cannot be reached (Redis is away): a new reply cannot be claimed safely, so
 * the request is refused at once with words to retry, rather than left waiting for Redis.
 */
export class LiveStateUnavailableError extends Error {
  override name = 'LiveStateUnavailableError';
  constructor() {
    super('the shared reply registry is unreachable');
  }
}

/**
 * Replies being written right now, one per session at most, with their text so far: what a tab
 * that opens or reconnects mid-reply needs to catch up. The in-memory registry serves one
 * instance; with Redis every instance must see it (scale-out swaps the implementation).
 */
export interface ReplyRegistry {
  /** Claims the session for a new reply; false if one is already being written. Throws LiveStateUnavailableError when it cannot tell. */
  begin(sessionId: string, replyId: string, kind: InFlightReply['kind']): Promise<boolean>;
  append(sessionId: string, seq: number, text: string): void;
  /** Replaces the text so far (a withdrawn reply): late joiners must not see what was withdrawn. */
  replaceText(sessionId: string, text: string): Promise<void>;
  /** Null when none is being written, or (degraded) when the registry cannot be reached. */
  snapshot(sessionId: string): Promise<InFlightReply | null>;
  end(sessionId: string): Promise<void>;
}

export class MemoryReplyRegistry implements ReplyRegistry {
  private readonly replies = new Map<string, InFlightReply & { parts: string[] }>();

  async begin(sessionId: string, replyId: string, kind: InFlightReply['kind']): Promise<boolean> {
    if (this.replies.has(sessionId)) return false;
    this.replies.set(sessionId, { replyId, kind, text: '', nextSeq: 0, parts: [] });
    return true;
  }

  append(sessionId: string, seq: number, text: string): void {
    const reply = this.replies.get(sessionId);
    if (!reply || seq !== reply.nextSeq) return;
    // Parts are joined only when someone asks, so a long reply does not copy its whole text per delta.
    reply.parts.push(text);
    reply.nextSeq = seq + 1;
  }

  async replaceText(sessionId: string, text: string): Promise<void> {
    const reply = this.replies.get(sessionId);
    if (reply) reply.parts = [text];
  }

  async snapshot(sessionId: string): Promise<InFlightReply | null> {
    const reply = this.replies.get(sessionId);
    if (!reply) return null;
    return { replyId: reply.replyId, kind: reply.kind, text: reply.parts.join(''), nextSeq: reply.nextSeq };
  }

  async end(sessionId: string): Promise<void> {
    this.replies.delete(sessionId);
  }
}
