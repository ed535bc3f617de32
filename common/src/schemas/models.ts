import { z } from 'zod';

export const modelKindSchema = z.enum(['chat', 'completion']);
export type ModelKind = z.infer<typeof modelKindSchema>;

export const modelInfoSchema = z.object({
  id: z.string(),
  kind: modelKindSchema,
  /** Tokens the model takes in at once, when the provider says or the model is a known one; else null. */
  contextWindow: z.number().int().positive().nullable().optional(),
});
export type ModelInfo = z.infer<typeof modelInfoSchema>;

/** Requests that take no arguments still get a schema, so a handler can refuse junk uniformly. */
export const emptyPayloadSchema = z.object({}).strict();
