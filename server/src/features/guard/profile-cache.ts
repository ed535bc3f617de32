import { LRUCache } from 'lru-cache';
import { preparePrompt, type PromptProfile } from './prompt-profile.ts';

/**
 * Prepared prompts, kept for the assistants in use: preparing one (its shingles under every Caesar
 * shift among them) costs about a millisecond, and an assistant's prompt is the same for every reply.
 */
export class PromptProfiles {
  readonly #cache: LRUCache<string, PromptProfile>;

  constructor(maxPrompts = 500) {
    this.#cache = new LRUCache({ max: maxPrompts });
  }

  of(prompt: string): PromptProfile {
    const cached = this.#cache.get(prompt);
    if (cached) return cached;
    const profile = preparePrompt(prompt);
    this.#cache.set(prompt, profile);
    return profile;
  }
}
