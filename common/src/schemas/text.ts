import { z } from 'zod';
import { limits } from '../limits.ts';

/** Half of a UTF-16 surrogate pair with no other half: no character, and stored it becomes U+FFFD. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What a user sends to be answered: trimmed, not empty, within the limit, and exactly storable. */
export const messageTextSchema = z
  .string()
  .trim()
  .min(1, 'Type a message first.')
  .max(limits.messageMaxChars)
  .refine((text) => !loneSurrogate.test(text), 'This message contains a broken character (half of an emoji or symbol). Remove it and send again.');
