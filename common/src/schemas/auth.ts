import { z } from 'zod';
import { limits } from '../limits.ts';

/** What a tab sends in the Socket.IO handshake. The key travels only here, never in a URL. */
export const handshakeAuthSchema = z.object({
  apiKey: z.string().trim().min(1, 'Enter your API key.').max(limits.apiKeyMaxLength),
  // Credentials inside the URL would be kept and logged like a URL; the key field is the only secret.
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .max(limits.baseUrlMaxLength)
    .refine((url) => !/^https?:\/\/[^/?#]*@/i.test(url), 'Leave user names and passwords out of the base URL; the API key is sent on its own.')
    .optional(),
  protocol: z.number().int(),
});
export type HandshakeAuth = z.infer<typeof handshakeAuthSchema>;
