import type { AssistantRecord, DraftRecord, DraftUpdateRecord, MessageOutline, MessagePatch, MessageRecord, NewDraftUpdate, NewMessage, SessionRecord, UserRecord } from './records.ts';

export type * from './records.ts';
export { DeletedRecordError, DuplicateRecordError, InvalidCursorError, isStoreUnavailable, isStoreWriteFailure } from './errors.ts';

export interface Page<T> {
  items: T[];
  /** Opaque; pass it back to get the next page. Null on the last page. */
  next: string | null;
}

export interface AssistantQuery {
  ownerId?: string;
  showcased?: boolean;
  includeHidden?: boolean;
  /** Case-insensitive match on name or tagline. */
  search?: string;
  /** newest: createdAt descending. popular: sessionCount descending, then newest. */
  sort: 'newest' | 'popular';
  limit: number;
  cursor?: string | null;
}

export interface SessionQuery {
  userId: string;
  assistantId?: string;
  limit: number;
  cursor?: string | null;
  /**
   * Keeps only the sessions this test passes: a test on sealed fields, which only the caller can
   * open. The store then looks at `scanAtMost` sessions at most, and `next` goes on after the last
   * one it looked at, so a page may hold fewer than `limit` (even none) with more left to look at.
   */
  where?: (session: SessionRecord) => boolean;
  scanAtMost?: number;
}

export type AssistantPatch = Partial<Omit<AssistantRecord, 'id' | 'ownerId' | 'code' | 'createdAt' | 'sessionCount'>>;
export type SessionPatch = Partial<Pick<SessionRecord, 'model' | 'sealedPreview' | 'sealedTitle' | 'sealedSummary' | 'sealedContext' | 'rating' | 'endedAt' | 'updatedAt'>>;
export type DraftPatch = Partial<Pick<DraftRecord, 'sealedState' | 'assistantId' | 'sealedInvite' | 'testSessionId' | 'updatedAt'>>;

/**
 * The only way features reach storage. Two implementations (MongoDB and embedded SQLite) pass one
 * contract suite; nothing outside store/ knows which one runs. Methods that find nothing return
 * null rather than throwing; a create with a taken id (or assistant code) throws DuplicateRecordError,
 * and a cursor the store did not issue for that listing throws InvalidCursorError. No method
 * relies on multi-document transactions (FerretDB v1 and some managed MongoDB tiers lack them).
 */
export interface Store {
  readonly kind: 'mongo' | 'sqlite';

  /** Creates the user on first sign-in; refreshes lastSeenAt after that. */
  touchUser(id: string, now: Date): Promise<UserRecord>;
  getUser(id: string): Promise<UserRecord | null>;

  createAssistant(assistant: AssistantRecord): Promise<void>;
  getAssistant(id: string): Promise<AssistantRecord | null>;
  getAssistantByCode(code: string): Promise<AssistantRecord | null>;
  /** Returns the updated record, or null if there is none with this id. */
  updateAssistant(id: string, patch: AssistantPatch): Promise<AssistantRecord | null>;
  /** Never lists deleted assistants; hidden ones only with includeHidden. */
  listAssistants(query: AssistantQuery): Promise<Page<AssistantRecord>>;
  incrementSessionCount(assistantId: string): Promise<void>;

  createDraft(draft: DraftRecord): Promise<void>;
  getDraft(id: string): Promise<DraftRecord | null>;
  updateDraft(id: string, patch: DraftPatch): Promise<DraftRecord | null>;
  /** Deletes the draft and its update log. */
  deleteDraft(id: string): Promise<boolean>;
  /** Most recently updated first. */
  listDrafts(ownerOrEditorId: string): Promise<DraftRecord[]>;
  /** Adds a co-editor without rewriting the record (two invites accepted at once both count); null if no such draft. */
  addDraftEditor(draftId: string, userId: string): Promise<DraftRecord | null>;
  removeDraftEditor(draftId: string, userId: string): Promise<DraftRecord | null>;

  /**
   * Appends one edit to a draft's log and returns its seq; null if the draft does not exist.
   * Append-only, so concurrent writers (several instances) never overwrite each other's edits.
   */
  appendDraftUpdate(update: NewDraftUpdate): Promise<number | null>;
  /** Every entry of the draft's log, in seq order. On MongoDB an entry may appear after one with a higher seq, so readers take the whole log. */
  listDraftUpdates(draftId: string): Promise<DraftUpdateRecord[]>;
  /**
   * Compaction: appends `merged` (the entries `replaced`, as listed, merged into one update), then
   * deletes exactly those entries. Returns the merged entry's seq, or null if the draft is gone. Two
   * compactions at once both keep their merged entries, so nothing is lost whichever deletes first.
   */
  compactDraftUpdates(merged: NewDraftUpdate, replaced: DraftUpdateRecord[]): Promise<number | null>;

  /** Throws DeletedRecordError for the id of a session that was deleted. */
  createSession(session: SessionRecord): Promise<void>;
  getSession(id: string): Promise<SessionRecord | null>;
  updateSession(id: string, patch: SessionPatch): Promise<SessionRecord | null>;
  addSessionUsage(id: string, promptTokens: number, completionTokens: number): Promise<void>;
  /** Newest first. */
  listSessions(query: SessionQuery): Promise<Page<SessionRecord>>;
  /**
   * Deletes the session and every message of it, for good; false if there was none. Its id is
   * kept (and nothing else of it), so it is never created again. Messages go before the session:
   * an interrupted delete leaves a session to delete again, never messages without one.
   */
  deleteSession(id: string): Promise<boolean>;

  /**
   * Appends a message and assigns its seq. Idempotent on (sessionId, messageId): a second write
   * returns the first one, with `created: false`. Safe with concurrent writers on one session.
   * The session must exist (the embedded store enforces it with a foreign key).
   */
  appendMessage(message: NewMessage): Promise<{ message: MessageRecord; created: boolean }>;
  /** Replaces text and status of a stored message (a stopped or retried reply). */
  /** `errorCode` undefined clears it: a reply written over a failed checkpoint starts clean. */
  updateMessage(sessionId: string, messageId: string, patch: MessagePatch): Promise<boolean>;
  /** In seq order; `afterSeq` resumes after a known message. Hidden messages only with `includeHidden`. */
  listMessages(sessionId: string, options?: { afterSeq?: number; limit?: number; includeHidden?: boolean }): Promise<MessageRecord[]>;
  /** The newest `limit` shown messages before `beforeSeq` (or of all), in seq order: a page of history read backwards. */
  listMessagesBefore(sessionId: string, options: { beforeSeq?: number; limit: number }): Promise<MessageRecord[]>;
  /** Every message of the session, hidden ones too, in seq order, without their text. */
  listMessageOutline(sessionId: string): Promise<MessageOutline[]>;
  /** Moves messages off (or back onto) the branch the session shows. */
  setMessagesHidden(sessionId: string, messageIds: readonly string[], hidden: boolean): Promise<void>;

  close(): Promise<void>;
}
