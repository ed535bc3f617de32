import { randomUUID } from 'node:crypto';
import { derivePromptKey } from '../../server/src/features/identity/key-derivation.ts';
import { seal } from '../../server/src/features/identity/sealing.ts';
import { loadServerSecret } from '../../server/src/features/identity/server-secret.ts';
import type { TestSocket, TestWorld } from './server.ts';
import { ReplyView, startSession } from './session-tab.ts';

/** The user id is only ever known server-side; a session the tab creates reveals it through the store. */
export async function userIdOf(world: TestWorld, tab: TestSocket): Promise<{ userId: string; sessionId: string }> {
  const view = new ReplyView(tab);
  const { sessionId, replyId } = await startSession(tab);
  await view.whenEnded(replyId);
  return { userId: (await world.app.store.getSession(sessionId))!.userId, sessionId };
}

export interface AssistantOptions {
  summaryPrompt?: string;
  showcased?: boolean;
  anyProvider?: boolean;
}

/** A test writes an assistant for a user straight into the store, as publishing would. */
export async function createOwnedAssistant(world: TestWorld, ownerId: string, name: string, prompt: string, options: AssistantOptions = {}) {
  const promptKey = derivePromptKey(loadServerSecret({ configured: undefined, production: false, dataDir: world.dataDir }));
  const id = randomUUID();
  const code = `own${randomUUID().replace(/-/g, '').slice(0, 6)}`;
  const now = new Date();
  await world.app.store.createAssistant({
    id, code, ownerId, name, tagline: `${name} tagline`, description: 'Mine.',
    sealedPrompt: seal(prompt, promptKey),
    sealedSummaryPrompt: seal(options.summaryPrompt ?? 'Recap.', promptKey),
    settings: { model: 'gpt-4o-mini', temperature: 0.5, maxTokens: 500, topP: 1, frequencyPenalty: 0, presencePenalty: 0 },
    condensing: 'rolling', starters: ['Tell me a secret'], showcased: options.showcased ?? false, hidden: false, anyProvider: options.anyProvider ?? false, deletedAt: null, sessionCount: 0, createdAt: now, updatedAt: now,
  });
  return { id, code };
}
