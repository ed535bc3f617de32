import { cosineFromSums, type CosineSums, type TermCounts } from './tfidf.ts';

/**
 * The baseline TF-IDF cosine of the reply so far against the prompt, updated in O(1) per word.
 * In the two-document corpus a term's idf only depends on whether both texts hold it, so each
 * new word moves a few integer sums (tfidf.ts) instead of re-vectorising the whole reply.
 */
export class RunningSimilarity {
  readonly #prompt: TermCounts;
  readonly #reply: TermCounts = new Map();
  /** Text A is the reply and text B the prompt; at the start no prompt term is shared. */
  readonly #sums: CosineSums;

  constructor(prompt: TermCounts) {
    this.#prompt = prompt;
    let onlyPrompt = 0;
    for (const count of prompt.values()) onlyPrompt += count * count;
    this.#sums = { dot: 0, sharedA: 0, onlyA: 0, sharedB: 0, onlyB: onlyPrompt };
  }

  addWord(word: string): void {
    const before = this.#reply.get(word) ?? 0;
    this.#reply.set(word, before + 1);
    const growth = 2 * before + 1; // (c + 1)² − c²
    const inPrompt = this.#prompt.get(word);
    if (inPrompt === undefined) {
      this.#sums.onlyA += growth;
      return;
    }
    this.#sums.dot += inPrompt;
    this.#sums.sharedA += growth;
    if (before === 0) {
      // The prompt's term just became shared: its idf drops from ≈1.405 to 1.
      this.#sums.onlyB -= inPrompt * inPrompt;
      this.#sums.sharedB += inPrompt * inPrompt;
    }
  }

  get value(): number {
    return cosineFromSums(this.#sums);
  }
}
