import type { MessageAdded, ReplyDelta, ReplyEnded, ReplyRetracted, ReplyStarted, SessionUpdated } from '@gptlab/common';

/** Where a session's live events go. The socket layer sends them to the session's room. */
export interface SessionBroadcaster {
  messageAdded(event: MessageAdded): void;
  replyStarted(event: ReplyStarted): void;
  delta(event: ReplyDelta): void;
  replyEnded(event: ReplyEnded): void;
  replyRetracted(event: ReplyRetracted): void;
  sessionUpdated(event: SessionUpdated): void;
}
