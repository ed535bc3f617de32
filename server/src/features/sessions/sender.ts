import type { ProviderCredentials } from '../../llm/provider.ts';
import type { Runner } from '../assistants/service.ts';

/** Who asks for a reply: whose session, whose key seals it, whose provider writes it. */
export interface Sender {
  userId: string;
  messageKey: Uint8Array;
  credentials: ProviderCredentials;
}

export function runnerOf(sender: Sender): Runner {
  return { userId: sender.userId, baseUrl: sender.credentials.baseUrl };
}
