import { z } from 'zod';
import { limits } from '../limits.ts';
import { appErrorSchema } from '../errors.ts';

export const sessionIdSchema = z.uuid();
export const replyIdSchema = z.string().min(1).max(64);

export const sendMessageSchema = z.object({
  sessionId: sessionIdSchema,
  /** Chosen by the tab so a double-click or a resend after a reconnect is recognised as the same message. */
  clientMessageId: z.uuid(),
  text: z.string().trim().min(1, 'Type a message first.').max(limits.messageMaxChars),
  model: z.string().min(1).max(limits.modelIdMaxLength).optional(),
});
export type SendMessage = z.infer<typeof sendMessageSchema>;

export const chatMessageSchema = z.object({
  id: z.string(),
  role: z.enum(['user', 'assistant']),
  text: z.string(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

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

export const replyStatusSchema = z.enum(['complete', 'stopped', 'failed']);
export type ReplyStatus = z.infer<typeof replyStatusSchema>;

export const tokenUsageSchema = z.object({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
});
export type TokenUsage = z.infer<typeof tokenUsageSchema>;

export const replyEndedSchema = z.object({
  sessionId: sessionIdSchema,
  replyId: replyIdSchema,
  status: replyStatusSchema,
  /** Number of deltas sent, so a tab knows whether it missed the tail. */
  deltaCount: z.number().int().nonnegative(),
  error: appErrorSchema.optional(),
  usage: tokenUsageSchema.optional(),
});
export type ReplyEnded = z.infer<typeof replyEndedSchema>;
