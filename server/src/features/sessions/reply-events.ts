import type { MessageAdded, ReplyDelta, ReplyEnded, ReplyRetracted, ReplyStarted, SessionBranched, SessionDeleted, SessionRenamed, SessionUpdated } from '@gptlab/common';

/** Where a session's live events go. The socket layer sends them to the session's room. */
export interface SessionBroadcaster {
  messageAdded(event: MessageAdded): void;
  replyStarted(event: ReplyStarted): void;
  delta(event: ReplyDelta): void;
  replyEnded(event: ReplyEnded): void;
  replyRetracted(event: ReplyRetracted): void;
  sessionUpdated(event: SessionUpdated): void;
  /** A new or another version of a message changed what the session shows. */
  branched(event: SessionBranched): void;
  /** To every tab of the owner (the history lists every session, open or not), on every instance. */
  sessionRenamed(ownerId: string, event: SessionRenamed): void;
  sessionDeleted(ownerId: string, event: SessionDeleted): void;
}
