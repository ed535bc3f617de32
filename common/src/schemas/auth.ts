import { z } from 'zod';
import { limits } from '../limits.ts';

/** What a tab sends in the Socket.IO handshake. The key travels only here, never in a URL. */
export const handshakeAuthSchema = z.object({
  apiKey: z.string().trim().min(1, 'Enter your API key.').max(limits.apiKeyMaxLength),
  baseUrl: z.url({ protocol: /^https?$/ }).max(limits.baseUrlMaxLength).optional(),
  protocol: z.number().int(),
});
export type HandshakeAuth = z.infer<typeof handshakeAuthSchema>;
