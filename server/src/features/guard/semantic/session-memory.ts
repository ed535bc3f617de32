import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Embedder } from './embedder.ts';
import type { SemanticRules } from './semantic-rules.ts';
import { sentencesOf } from './sentences.ts';
import { bestPerPromptSentence, matchMatrix, strongerOf, strongOnly, type PromptVectors } from './similarity.ts';

/**
 * What a session's earlier replies revealed of the prompt, sentence by sentence, so a prompt
 * retold one sentence per reply adds up as it would in one reply. Each judged reply leaves its
 * matches here (keyed by a hash of the prompt and the reply, as the session stores it); a reply
 * not seen by this instance (after a restart, or written on another one) is embedded once, when
 * the session's next reply starts. A match below semanticRules.memoryFloor is forgotten: an answer
 * on the same subject is not a retelling, however many of them a session has.
 */
export class SessionMemory {
  readonly #rules: SemanticRules;
  readonly #matches: LRUCache<string, Float32Array>;

  constructor(rules: SemanticRules) {
    this.#rules = rules;
    this.#matches = new LRUCache({ max: rules.rememberedMatches });
  }

  remember(prompt: string, reply: string, matches: Float32Array): void {
    this.#matches.set(keyOf(prompt, reply), strongOnly(matches, this.#rules.memoryFloor));
  }

  /** The strongest match per prompt sentence over the session's recent replies; null when it has none. */
  async revealedBy(prompt: string, vectors: Promise<PromptVectors>, earlierReplies: readonly string[], embedder: Embedder): Promise<Float32Array | null> {
    const recent = earlierReplies.slice(-this.#rules.rememberedReplies).filter((reply) => reply.trim() !== '');
    if (recent.length === 0) return null;
    const unseen = recent.filter((reply) => !this.#matches.has(keyOf(prompt, reply)));
    if (unseen.length > 0) await this.#read(prompt, await vectors, unseen, embedder).catch(() => undefined);
    let revealed: Float32Array | null = null;
    for (const reply of recent) {
      const matches = this.#matches.get(keyOf(prompt, reply));
      if (matches) revealed = revealed ? strongerOf(revealed, matches) : matches;
    }
    return revealed;
  }

  /** One request for every unseen reply's sentences; if the model refuses, those replies are left out. */
  async #read(prompt: string, vectors: PromptVectors, replies: readonly string[], embedder: Embedder): Promise<void> {
    const sentences = replies.map(sentencesOf);
    const embedded = await embedder.embed(sentences.flat());
    let at = 0;
    replies.forEach((reply, index) => {
      const own = embedded.slice(at, (at += sentences[index]!.length));
      this.remember(prompt, reply, bestPerPromptSentence(matchMatrix(vectors, own, this.#rules.fewestSentencesToCentre), vectors.centred.length));
    });
  }
}

function keyOf(prompt: string, reply: string): string {
  return createHash('sha256').update(prompt).update('\u0000').update(reply).digest('base64');
}
