import { createHmac, hkdfSync, pbkdf2 } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);

/**
 * PBKDF2-HMAC-SHA256 iterations for the user id. Provider API keys carry well over 128 bits of
 * entropy, so iterations only slow guesses at weak self-hosted keys. 100,000 measured 11 ms on one
 * core of our 2-core machine (`npm run bench:identity`), paid once per key per instance thanks to
 * IdentityCache; docs/identity.md has the trade-off.
 */
export const userIdIterations = 100_000;

export interface DerivedIdentity {
  userId: string;
  /** Encrypts this user's messages; derived apart from the user id, so the id cannot decrypt. */
  messageKey: Uint8Array;
}

/**
 * Keys of self-hosted servers are often trivial and shared ("ollama", "none"); the base URL is part
 * of the identity when it is not the default provider, so two such users never share an account.
 */
function identityInput(apiKey: string, baseUrl: string, defaultBaseUrl: string): string {
  return baseUrl === defaultBaseUrl ? apiKey : `${baseUrl}\n${apiKey}`;
}

export async function deriveIdentity(apiKey: string, baseUrl: string, defaultBaseUrl: string, serverSecret: Buffer, iterations = userIdIterations): Promise<DerivedIdentity> {
  const input = identityInput(apiKey, baseUrl, defaultBaseUrl);
  const userIdSalt = createHmac('sha256', serverSecret).update('gptlab/user-id-salt/v1').digest();
  const userId = (await pbkdf2Async(input, userIdSalt, iterations, 32, 'sha256')).toString('hex');
  const messageKey = new Uint8Array(hkdfSync('sha256', input, serverSecret, 'gptlab/message-key/v1', 32));
  return { userId, messageKey };
}

/** The key that seals prompts and drafts at rest, derived from the server secret alone. */
export function derivePromptKey(serverSecret: Buffer): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', serverSecret, Buffer.alloc(0), 'gptlab/prompt-key/v1', 32));
}
