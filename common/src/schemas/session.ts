import { z } from 'zod';
import { limits } from '../limits.ts';
import { appErrorSchema, errorCodeSchema } from '../errors.ts';
import { messageTextSchema } from './text.ts';
import { assistantCodeSchema, assistantIdSchema } from './assistant.ts';

export const sessionIdSchema = z.uuid();
export const replyIdSchema = z.string().min(1).max(64);

export const modelIdSchema = z.string().min(1).max(limits.modelIdMaxLength);

export const sendMessageSchema = z.object({
  sessionId: sessionIdSchema,
  /** Chosen by the tab so a double-click or a resend after a reconnect is recognised as the same message. */
  clientMessageId: z.uuid(),
  text: messageTextSchema,
  /** Only for a plain chat that does not exist yet; an assistant's session uses the session's model. */
  model: modelIdSchema.optional(),
});

export const startSessionSchema = z
  .object({
    /** Chosen by the tab, so a retried start does not open two sessions. */
    sessionId: sessionIdSchema,
    /** The assistant's share code: how anyone names it. */
    code: assistantCodeSchema.optional(),
    /** Only for one's own assistants; anyone else's id answers as an unknown assistant. */
    assistantId: assistantIdSchema.optional(),
    /** One of the assistant's conversation starters, sent as the user's first message; else the assistant speaks first. */
    starter: messageTextSchema.optional(),
    /**
     * A session of the user's with the same assistant, grown too long for its model: the new one
     * carries a summary of it, which the model reads as context.
     */
    continueFrom: sessionIdSchema.optional(),
  })
  .refine((start) => (start.code === undefined) !== (start.assistantId === undefined), {
    message: 'Name the assistant by its code.',
    path: ['code'],
  });
export type StartSession = z.infer<typeof startSessionSchema>;

export const sessionRefSchema = z.object({
  sessionId: sessionIdSchema,
});
export type SessionRef = z.infer<typeof sessionRefSchema>;

const historyPageSize = z.number().int().min(1).max(limits.historyPageMessages).optional();

/** `limit`: the newest this many messages at most (fewer if they are long). */
export const openSessionSchema = sessionRefSchema.extend({ limit: historyPageSize });
export type OpenSession = z.infer<typeof openSessionSchema>;

/** The page of messages just before `before`, the `earlier` cursor the previous page gave. */
export const sessionHistorySchema = sessionRefSchema.extend({ before: z.number().int().safe(), limit: historyPageSize });
export type SessionHistoryQuery = z.infer<typeof sessionHistorySchema>;

export const rateSessionSchema = z.object({
  sessionId: sessionIdSchema,
  rating: z.enum(['up', 'down']).nullable(),
});
export type RateSession = z.infer<typeof rateSessionSchema>;

export const setSessionModelSchema = z.object({
  sessionId: sessionIdSchema,
  model: modelIdSchema,
});
export type SetSessionModel = z.infer<typeof setSessionModelSchema>;
export type SendMessage = z.infer<typeof sendMessageSchema>;

/**
 * `truncated`: the reply ended at the assistant's max tokens, not where the model meant to stop.
 * `interrupted`: the server writing it went away (killed, restarted) before it finished; the text
 * so far is kept.
 */
export const replyStatusSchema = z.enum(['complete', 'truncated', 'stopped', 'failed', 'interrupted']);
export type ReplyStatus = z.infer<typeof replyStatusSchema>;

export const chatMessageSchema = z.object({
  /** For a user message, the clientMessageId its tab chose; for a reply, its replyId. */
  id: z.string(),
  role: z.enum(['user', 'assistant']),
  text: z.string(),
  status: replyStatusSchema,
  /** When it was stored; absent only from messages of older servers. */
  createdAt: z.iso.datetime().optional(),
  /** The model that wrote a reply; absent on the user's messages and on replies stored before it was kept. */
  model: z.string().optional(),
  /** Why a failed or interrupted reply ended: a reloaded page offers what the live one did. */
  errorCode: errorCodeSchema.optional(),
  /**
   * When the message was edited or the reply written again: the id of every version, oldest
   * first, itself among them. Absent while there is only the one.
   */
  versions: z.array(z.string()).min(2).optional(),
  /** The assistant's safety check withdrew this reply: its text is a neutral stand-in. Absent otherwise. */
  withdrawn: z.literal(true).optional(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

/** Writes the session's last reply again; the one before stays, as an earlier version. */
export const regenerateReplySchema = z.object({
  sessionId: sessionIdSchema,
  /** The reply to write again: the last one shown, else the request is refused. */
  replyId: replyIdSchema,
  /** Chosen by the tab and naming the new reply, so a resent request is recognised. */
  clientMessageId: z.uuid(),
});
export type RegenerateReply = z.infer<typeof regenerateReplySchema>;

/** Sends a new version of one of my messages; what followed it stays, with the earlier version. */
export const editMessageSchema = z.object({
  sessionId: sessionIdSchema,
  messageId: z.uuid(),
  clientMessageId: z.uuid(),
  text: messageTextSchema,
});
export type EditMessage = z.infer<typeof editMessageSchema>;

/** Shows another version of a message, with what followed that version. */
export const showVersionSchema = z.object({
  sessionId: sessionIdSchema,
  messageId: z.string().min(1).max(64),
});
export type ShowVersion = z.infer<typeof showVersionSchema>;

/** The messages the session shows changed (a new or another version): tabs open it again. */
export const sessionBranchedSchema = z.object({
  sessionId: sessionIdSchema,
});
export type SessionBranched = z.infer<typeof sessionBranchedSchema>;

export const messageAddedSchema = z.object({
  sessionId: sessionIdSchema,
  message: chatMessageSchema,
});
export type MessageAdded = z.infer<typeof messageAddedSchema>;

/** A batch of reply text. `seq` counts deltas of one reply from 0, so a tab can spot a gap or a repeat. */
export const replyDeltaSchema = z.object({
  sessionId: sessionIdSchema,
  replyId: replyIdSchema,
  seq: z.number().int().nonnegative(),
  text: z.string(),
});
export type ReplyDelta = z.infer<typeof replyDeltaSchema>;

export const tokenUsageSchema = z.object({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  /** The provider reported none (llama.cpp ignores include_usage): counted by us with the model's tokenizer. */
  estimated: z.boolean().optional(),
});
export type TokenUsage = z.infer<typeof tokenUsageSchema>;

export const replyEndedSchema = z.object({
  sessionId: sessionIdSchema,
  replyId: replyIdSchema,
  kind: z.enum(['reply', 'summary']),
  status: replyStatusSchema,
  /** Number of deltas sent, so a tab knows whether it missed the tail. */
  deltaCount: z.number().int().nonnegative(),
  error: appErrorSchema.optional(),
  usage: tokenUsageSchema.optional(),
});
export type ReplyEnded = z.infer<typeof replyEndedSchema>;

/**
 * Without `assistantId`, every session of the user, with any assistant or none. `search` matches
 * title or first words, case-insensitively; a page of a search may hold fewer than `limit` (even
 * none) while `next` says older sessions are left to look at (limits.sessionSearchScan).
 */
export const listSessionsSchema = z.object({
  assistantId: assistantIdSchema.optional(),
  search: z.string().trim().max(100).optional(),
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(30),
});
export type ListSessions = z.infer<typeof listSessionsSchema>;

/** One line of the user's own words; an empty title gives the session back its first words as its name. */
export const sessionTitleSchema = z
  .string()
  .max(limits.sessionTitleMaxChars * 4)
  .transform((title) => title.replace(/\s+/g, ' ').trim())
  .pipe(z.string().max(limits.sessionTitleMaxChars, `A title is at most ${limits.sessionTitleMaxChars} characters.`))
  .refine((title) => title.isWellFormed(), 'This title contains a broken character (half of an emoji or symbol). Remove it and try again.');

export const renameSessionSchema = z.object({
  sessionId: sessionIdSchema,
  title: sessionTitleSchema,
});
export type RenameSession = z.infer<typeof renameSessionSchema>;

export const sessionSummarySchema = z.object({
  id: sessionIdSchema,
  assistant: z.object({ id: assistantIdSchema, name: z.string(), code: z.string(), avatarUrl: z.string(), deleted: z.boolean() }).nullable(),
  /** What the session is called: the title its owner gave it, else its first words; decrypted for its owner. */
  title: z.string(),
  /** The first words of the conversation, decrypted for its owner. */
  preview: z.string(),
  model: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
  /** The recap written when the session ended, decrypted for its owner. */
  summary: z.string().nullable(),
  rating: z.enum(['up', 'down']).nullable(),
  /** The session this one carries on from, with its title when this one began; null for most. */
  continuedFrom: z.object({ sessionId: sessionIdSchema, title: z.string() }).nullable(),
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

/** A reply still being written when a tab opens the session: the text through delta `nextSeq - 1`. */
export const inFlightReplySchema = z.object({
  replyId: replyIdSchema,
  kind: z.enum(['reply', 'summary']),
  text: z.string(),
  nextSeq: z.number().int().nonnegative(),
});
export type InFlightReply = z.infer<typeof inFlightReplySchema>;

export const replyStartedSchema = z.object({
  sessionId: sessionIdSchema,
  replyId: replyIdSchema,
  kind: z.enum(['reply', 'summary']),
});
export type ReplyStarted = z.infer<typeof replyStartedSchema>;

/** A reply that leaked the secret prompt, withdrawn from every tab; `replacement` is what is kept. */
export const replyRetractedSchema = z.object({
  sessionId: sessionIdSchema,
  replyId: replyIdSchema,
  replacement: z.string(),
});
export type ReplyRetracted = z.infer<typeof replyRetractedSchema>;

export const sessionUpdatedSchema = z.object({
  session: sessionSummarySchema,
});
export type SessionUpdated = z.infer<typeof sessionUpdatedSchema>;

/** To every tab of the session's owner, on every device: the history and the session's own page. */
export const sessionRenamedSchema = z.object({
  session: sessionSummarySchema,
});
export type SessionRenamed = z.infer<typeof sessionRenamedSchema>;

/** To every tab of the session's owner: it is gone, with its messages. */
export const sessionDeletedSchema = z.object({
  sessionId: sessionIdSchema,
});
export type SessionDeleted = z.infer<typeof sessionDeletedSchema>;
