import { LRUCache } from 'lru-cache';
import type { Embedder } from './embedder.ts';
import { ReplyWatch, type SemanticFinding } from './reply-watch.ts';
import { semanticRules, type SemanticRules } from './semantic-rules.ts';
import { sentencesOf } from './sentences.ts';
import { preparePromptVectors, type PromptVectors } from './similarity.ts';

export type { SemanticFinding, SemanticVerdict } from './reply-watch.ts';

/**
 * Judges whether a reply retells an assistant's secret prompt in other words or another
 * language, which word overlap cannot see: sentence vectors from a local multilingual model,
 * compared as similarity.ts describes. The prompt's vectors are computed once per prompt.
 */
export class SemanticLeakCheck {
  readonly #embedder: Embedder;
  readonly #rules: SemanticRules;
  readonly #prompts: LRUCache<string, Promise<PromptVectors | null>>;

  constructor(embedder: Embedder, rules: SemanticRules = semanticRules) {
    this.#embedder = embedder;
    this.#rules = rules;
    this.#prompts = new LRUCache({ max: rules.cachedPrompts });
  }

  /** Follows a reply as it streams; call `settle` on the watch once it is complete. */
  watch(prompt: string): ReplyWatch {
    return new ReplyWatch(this.#promptVectors(prompt), this.#embedder, this.#rules);
  }

  /** Judges a complete reply. */
  judge(prompt: string, reply: string): Promise<SemanticFinding> {
    const watch = this.watch(prompt);
    watch.push(reply);
    return watch.settle();
  }

  close(): Promise<void> {
    return this.#embedder.close();
  }

  /** null for a prompt too short to judge this way. A failed computation is forgotten, to be tried again. */
  #promptVectors(prompt: string): Promise<PromptVectors | null> {
    const cached = this.#prompts.get(prompt);
    if (cached) return cached;
    const sentences = sentencesOf(prompt);
    const vectors = sentences.length < this.#rules.fewestPromptSentences ? Promise.resolve(null) : this.#embedder.embed(sentences).then(preparePromptVectors);
    vectors.catch(() => this.#prompts.delete(prompt));
    this.#prompts.set(prompt, vectors);
    return vectors;
  }
}
