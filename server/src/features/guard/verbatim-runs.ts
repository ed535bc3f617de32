import { leakRules } from './leak-rules.ts';
import type { PromptProfile } from './prompt-profile.ts';

/**
 * Follows the reply word by word and marks which prompt words it has reproduced inside verbatim
 * runs of leakRules.shingleWords content words. A shingle is only built while the reply stays
 * inside the prompt's vocabulary, so ordinary text costs one set lookup per word.
 */
export class VerbatimRunTracker {
  readonly #profile: PromptProfile;
  readonly #covered: Uint8Array;
  /** The last content words of the current run of prompt-vocabulary words, at most one shingle. */
  #recent: string[] = [];
  #coveredCount = 0;

  readonly #skipsOtherWords: boolean;

  /**
   * `alreadyCovered`: prompt words earlier replies of the session reproduced; they count here too.
   * `skipsOtherWords`: a word the prompt does not have is passed over instead of ending the run, so
   * a filler word between every two prompt words ("You BANANA are BANANA a") hides nothing.
   */
  constructor(profile: PromptProfile, alreadyCovered?: Uint8Array, skipsOtherWords = false) {
    this.#profile = profile;
    this.#skipsOtherWords = skipsOtherWords;
    this.#covered = alreadyCovered ? Uint8Array.from(alreadyCovered) : new Uint8Array(profile.wordCount);
    this.#coveredCount = this.#covered.reduce((sum, flag) => sum + flag, 0);
  }

  /** One flag per prompt content word: reproduced in a verbatim run so far. */
  get covered(): Uint8Array {
    return this.#covered;
  }

  addWord(word: string): void {
    if (!this.#profile.counts.has(word)) {
      if (!this.#skipsOtherWords) this.#recent = [];
      return;
    }
    this.#recent.push(word);
    if (this.#recent.length > leakRules.shingleWords) this.#recent.shift();
    if (this.#recent.length === leakRules.shingleWords) this.#markShingle(this.#recent.join(' '));
  }

  #markShingle(key: string): void {
    for (const start of this.#profile.shingleStarts.get(key) ?? []) {
      for (let at = start; at < start + leakRules.shingleWords; at++) {
        if (this.#covered[at] === 0) {
          this.#covered[at] = 1;
          this.#coveredCount++;
        }
      }
    }
  }

  /** Prompt content words reproduced so far inside verbatim runs. */
  get coveredWords(): number {
    return this.#coveredCount;
  }

  get isLeak(): boolean {
    return this.#coveredCount > 0 && this.#coveredCount >= this.#profile.verbatimRunWords;
  }
}
