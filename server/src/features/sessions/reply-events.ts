import type { MessageAdded, ReplyDelta, ReplyEnded } from '@gptlab/common';

/** Where a session's live events go. The socket layer sends them to the session's room. */
export interface SessionBroadcaster {
  messageAdded(event: MessageAdded): void;
  delta(event: ReplyDelta): void;
  replyEnded(event: ReplyEnded): void;
}
