import type { DraftInviteChanged, DraftMembersUpdated, DraftPublishedEvent } from '@gptlab/common';
import type { UpdateBroadcaster } from './live-drafts.ts';

/** Where the Lab's live events go; the socket layer sends them to the draft's rooms on every instance. */
export interface DraftBroadcaster extends UpdateBroadcaster {
  /**
   * Awareness states to the draft's tabs on every instance, but `exceptTab`. Cursor moves go volatile
   * (a lost one is overtaken by the next); a goodbye does not, or a caret could stay after its tab left.
   */
  awarenessChanged(draftId: string, update: Uint8Array, options: { exceptTab?: string; volatile: boolean }): void;
  /** Awareness states to one tab, wherever it is connected: this instance's tabs, for one that just joined elsewhere. */
  awarenessTo(tabId: string, draftId: string, update: Uint8Array): void;
  membersUpdated(event: DraftMembersUpdated): void;
  published(event: DraftPublishedEvent): void;
  /** To every tab of the draft's owner, on every instance. */
  inviteChanged(event: DraftInviteChanged, ownerMemberId: string): void;
  /** Tells every tab in the draft and takes them all out of its rooms. */
  discarded(draftId: string, testSessionId: string): void;
  /** Tells a removed member's tabs and takes them out of the draft's rooms, on every instance, at once. */
  accessRevoked(draftId: string, memberId: string, testSessionId: string): void;
  /** Moves the draft's tabs to the new test conversation's room and tells them. */
  testCleared(draftId: string, previousSessionId: string, sessionId: string): void;
}

/** The rooms one tab is in while it has a draft open: joined before its state is read, so it misses no update. */
export interface TabRooms {
  enter(draftId: string, memberId: string, testSessionId: string): Promise<void>;
  exit(draftId: string, memberId: string, testSessionId: string | null): Promise<void>;
}
