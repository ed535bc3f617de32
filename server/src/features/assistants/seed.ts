import type { Store } from '../../store/store.ts';
import { seal } from '../identity/sealing.ts';
import { defaultSummaryPrompt, exampleAssistants } from './examples.ts';

/** Showcased examples belong to the operator, not to any user. */
export const operatorId = 'operator';

const defaultSettings = { model: 'gpt-4o-mini', temperature: 0.7, maxTokens: 1024, topP: 1, frequencyPenalty: 0, presencePenalty: 0 };

/** Loads the example assistants; running it again leaves existing ones as they are. Returns how many were added. */
export async function seedExampleAssistants(store: Store, promptKey: Uint8Array, model?: string): Promise<number> {
  let added = 0;
  for (const example of exampleAssistants) {
    if (await store.getAssistant(example.id)) continue;
    const now = new Date();
    await store.createAssistant({
      id: example.id,
      code: example.code,
      ownerId: operatorId,
      name: example.name,
      tagline: example.tagline,
      description: example.description,
      sealedPrompt: seal(example.prompt, promptKey),
      sealedSummaryPrompt: seal(defaultSummaryPrompt, promptKey),
      settings: { ...defaultSettings, ...(model ? { model } : {}), ...example.settings },
      condensing: example.condensing,
      starters: example.starters,
      showcased: true,
      hidden: false,
      // The examples are the operator's own and public anyway; they run for everyone.
      anyProvider: true,
      deletedAt: null,
      sessionCount: 0,
      createdAt: now,
      updatedAt: now,
    });
    added++;
  }
  return added;
}
