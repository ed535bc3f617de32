import { LRUCache } from 'lru-cache';
import type { Embedder } from './embedder.ts';
import { ReplyWatch, type SemanticFinding } from './reply-watch.ts';
import { semanticRules, type SemanticRules } from './semantic-rules.ts';
import { sentencesOf } from './sentences.ts';
import { SessionMemory } from './session-memory.ts';
import { preparePromptVectors, type PromptVectors } from './similarity.ts';

export type { SemanticFinding, SemanticVerdict } from './reply-watch.ts';

/**
 * Judges whether a reply retells an assistant's secret prompt in other words or another
 * language, which word overlap cannot see: sentence vectors from a local multilingual model,
 * compared as similarity.ts describes, with what the session's earlier replies revealed. The
 * prompt's vectors are computed once per prompt.
 */
export class SemanticLeakCheck {
  readonly #embedder: Embedder;
  readonly #rules: SemanticRules;
  readonly #prompts: LRUCache<string, Promise<PromptVectors>>;
  readonly #memory: SessionMemory;

  constructor(embedder: Embedder, rules: SemanticRules = semanticRules) {
    this.#embedder = embedder;
    this.#rules = rules;
    this.#prompts = new LRUCache({ max: rules.cachedPrompts });
    this.#memory = new SessionMemory(rules);
  }

  /** Follows a reply as it streams; `earlierReplies` are the session's replies before it, as stored. Call `settle` once it is complete. */
  watch(prompt: string, earlierReplies: readonly string[] = []): ReplyWatch {
    const vectors = this.#promptVectors(prompt);
    const revealedBefore = vectors ? this.#memory.revealedBy(prompt, vectors, earlierReplies, this.#embedder) : Promise.resolve(null);
    const onJudged = (reply: string, matches: Float32Array) => this.#memory.remember(prompt, reply, matches);
    return new ReplyWatch({ prompt: vectors, revealedBefore, onJudged }, this.#embedder, this.#rules);
  }

  /** Judges a complete reply. */
  judge(prompt: string, reply: string, earlierReplies: readonly string[] = []): Promise<SemanticFinding> {
    const watch = this.watch(prompt, earlierReplies);
    watch.push(reply);
    return watch.settle();
  }

  close(): Promise<void> {
    return this.#embedder.close();
  }

  /** null for a prompt too short to judge this way. A failed computation is forgotten, to be tried again. */
  #promptVectors(prompt: string): Promise<PromptVectors> | null {
    const cached = this.#prompts.get(prompt);
    if (cached) return cached;
    const sentences = sentencesOf(prompt);
    if (sentences.length < this.#rules.fewestPromptSentences) return null;
    const vectors = this.#embedder.embed(sentences).then(preparePromptVectors);
    vectors.catch(() => this.#prompts.delete(prompt));
    this.#prompts.set(prompt, vectors);
    return vectors;
  }
}
