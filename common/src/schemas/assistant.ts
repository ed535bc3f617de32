import { z } from 'zod';

export const assistantIdSchema = z.string().min(1).max(64);
/** Short share codes: lowercase letters and digits without look-alikes (see server codes.ts). */
export const assistantCodeSchema = z.string().trim().toLowerCase().regex(/^[a-z0-9]{4,16}$/, 'An assistant code is 4 to 16 letters or digits.');

/** What anyone may see of an assistant. Never the prompt. */
export const assistantCardSchema = z.object({
  id: assistantIdSchema,
  code: assistantCodeSchema,
  name: z.string(),
  tagline: z.string(),
  description: z.string(),
  model: z.string(),
  starters: z.array(z.string()),
  showcased: z.boolean(),
  ownedByMe: z.boolean(),
  sessionCount: z.number().int().nonnegative(),
  deleted: z.boolean(),
});
export type AssistantCard = z.infer<typeof assistantCardSchema>;

export const listAssistantsSchema = z.object({
  scope: z.enum(['showcased', 'mine']).default('showcased'),
  search: z.string().trim().max(100).optional(),
  sort: z.enum(['newest', 'popular']).default('popular'),
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(24),
});
export type ListAssistants = z.infer<typeof listAssistantsSchema>;

export const findAssistantSchema = z.object({
  code: assistantCodeSchema,
});
export type FindAssistant = z.infer<typeof findAssistantSchema>;
