import type { AssistantRecord, DraftRecord, DraftUpdateRecord, MessageOutline, MessageRecord, SessionRecord, UserRecord } from '../records.ts';

/**
 * The documents as stored: the record's id becomes a string `_id`, everything else keeps the
 * record's field names. Mapping back copies field by field, so no `_id` (or any stray field)
 * reaches a feature.
 */
export type UserDoc = Omit<UserRecord, 'id'> & { _id: string };
export type AssistantDoc = Omit<AssistantRecord, 'id'> & { _id: string };
/** Co-editors are not in the draft's document but one DraftEditorDoc each (see drafts.ts). */
export type DraftDoc = Omit<DraftRecord, 'id' | 'editorIds'> & { _id: string };
export interface DraftEditorDoc {
  /** draftEditorKey(draftId, userId): one membership, however often it is added. */
  _id: string;
  draftId: string;
  userId: string;
  addedAt: Date;
}
export type SessionDoc = Omit<SessionRecord, 'id'> & { _id: string };
/** What a deleted session leaves: its id, so it is never created again, and when. */
export interface DeletedSessionDoc {
  _id: string;
  deletedAt: Date;
}
/** `_id` is messageKey(sessionId, messageId): a retried write finds its first copy by primary key. */
export type MessageDoc = MessageRecord & { _id: string };
/** `_id` is random; the unique index on (draftId, seq) guards racing writers. */
export type DraftUpdateDoc = DraftUpdateRecord & { _id: string };
/** The last seq handed out in a session (or a draft's update log); `_id` is the session (draft) id. */
export interface CounterDoc {
  _id: string;
  seq: number;
}

/** encodeURIComponent escapes '/', so the first '/' always ends the session id: no two pairs collide. */
export function messageKey(sessionId: string, messageId: string): string {
  return `${encodeURIComponent(sessionId)}/${messageId}`;
}

export function userFromDoc(d: UserDoc): UserRecord {
  return { id: d._id, createdAt: d.createdAt, lastSeenAt: d.lastSeenAt };
}

export function assistantToDoc(a: AssistantRecord): AssistantDoc {
  const { id, ...rest } = a;
  return { _id: id, ...rest };
}

export function assistantFromDoc(d: AssistantDoc): AssistantRecord {
  return {
    id: d._id,
    code: d.code,
    ownerId: d.ownerId,
    name: d.name,
    tagline: d.tagline,
    description: d.description,
    sealedPrompt: d.sealedPrompt,
    sealedSummaryPrompt: d.sealedSummaryPrompt,
    settings: {
      model: d.settings.model,
      temperature: d.settings.temperature,
      maxTokens: d.settings.maxTokens,
      topP: d.settings.topP,
      frequencyPenalty: d.settings.frequencyPenalty,
      presencePenalty: d.settings.presencePenalty,
    },
    condensing: d.condensing,
    starters: d.starters,
    showcased: d.showcased,
    hidden: d.hidden,
    // Written before owners could choose: trusted providers only.
    anyProvider: d.anyProvider ?? false,
    deletedAt: d.deletedAt,
    sessionCount: d.sessionCount,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

export function draftToDoc(d: DraftRecord): DraftDoc {
  const { id, editorIds: _editors, ...rest } = d;
  return { _id: id, ...rest };
}

export function draftEditorKey(draftId: string, userId: string): string {
  return `${encodeURIComponent(draftId)}/${userId}`;
}

export function draftFromDoc(d: DraftDoc, editorIds: string[]): DraftRecord {
  return {
    id: d._id,
    ownerId: d.ownerId,
    assistantId: d.assistantId,
    sealedState: d.sealedState,
    editorIds,
    sealedInvite: d.sealedInvite,
    testSessionId: d.testSessionId,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

export function draftUpdateFromDoc(d: DraftUpdateDoc): DraftUpdateRecord {
  return { draftId: d.draftId, seq: d.seq, sealedUpdate: d.sealedUpdate, createdAt: d.createdAt };
}

export function sessionToDoc(s: SessionRecord): SessionDoc {
  const { id, ...rest } = s;
  return { _id: id, ...rest };
}

export function sessionFromDoc(d: SessionDoc): SessionRecord {
  return {
    id: d._id,
    userId: d.userId,
    assistantId: d.assistantId,
    model: d.model,
    sealedPreview: d.sealedPreview,
    // Sessions written before titles existed have no such field.
    sealedTitle: d.sealedTitle ?? null,
    sealedSummary: d.sealedSummary,
    // Sessions written before condensing state existed have no such field.
    sealedContext: d.sealedContext ?? null,
    // Sessions written before continuing existed have no such field.
    continuedFrom: d.continuedFrom ? { sessionId: d.continuedFrom.sessionId, sealedTitle: d.continuedFrom.sealedTitle, sealedSummary: d.continuedFrom.sealedSummary } : null,
    rating: d.rating,
    usage: { promptTokens: d.usage.promptTokens, completionTokens: d.usage.completionTokens },
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    endedAt: d.endedAt,
  };
}

export function messageFromDoc(d: MessageDoc): MessageRecord {
  return {
    sessionId: d.sessionId,
    seq: d.seq,
    messageId: d.messageId,
    role: d.role,
    sealedText: d.sealedText,
    status: d.status,
    createdAt: d.createdAt,
    ...(typeof d.model === 'string' ? { model: d.model } : {}),
    ...(typeof d.errorCode === 'string' ? { errorCode: d.errorCode } : {}),
    ...(d.withdrawn === true ? { withdrawn: true } : {}),
    ...outlineFields(d),
  };
}

/** A parent absent from the document (stored before versions) stays absent: it follows the message before it. */
function outlineFields(d: Pick<MessageDoc, 'parentId' | 'hidden'>): Pick<MessageRecord, 'parentId' | 'hidden'> {
  return { ...(d.parentId === undefined ? {} : { parentId: d.parentId }), ...(d.hidden ? { hidden: true } : {}) };
}

export function messageOutlineFromDoc(d: Pick<MessageDoc, 'seq' | 'messageId' | 'role' | 'parentId' | 'hidden'>): MessageOutline {
  return { seq: d.seq, messageId: d.messageId, role: d.role, ...outlineFields(d) };
}

/** The `$set` for a patch: only the fields it names (a cast-in `_id` or `ownerId` is ignored). */
export function setOf<P extends object>(patch: P, fields: readonly (keyof P & string)[]): Partial<P> {
  const set: Partial<P> = {};
  for (const field of fields) {
    if (patch[field] !== undefined) set[field] = patch[field];
  }
  return set;
}
