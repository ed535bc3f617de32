import type { ChatMessage } from '@gptlab/common';

interface SessionRecord {
  ownerId: string;
  messages: ChatMessage[];
  /** Client message ids already accepted, with the reply each one started. */
  accepted: Map<string, { messageId: string; replyId: string }>;
}

/** Conversation history held in memory for the walking skeleton; the Store replaces it. */
export class MemorySessionHistory {
  private readonly sessions = new Map<string, SessionRecord>();

  /** Returns the session, creating it for `ownerId` on first use; undefined if someone else owns it. */
  open(sessionId: string, ownerId: string): SessionRecord | undefined {
    let record = this.sessions.get(sessionId);
    if (!record) {
      record = { ownerId, messages: [], accepted: new Map() };
      this.sessions.set(sessionId, record);
    }
    return record.ownerId === ownerId ? record : undefined;
  }
}

export type { SessionRecord };
