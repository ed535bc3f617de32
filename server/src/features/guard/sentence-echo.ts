import { leakRules } from './leak-rules.ts';
import type { PromptProfile, PromptSentence } from './prompt-profile.ts';

/**
 * Finds prompt sentences the reply echoes: some window of the reply holds most of a sentence's
 * content words (leakRules.echoContainment), whatever the punctuation, casing or a word changed.
 *
 * Only windows ending on a word of the sentence are checked: a window ending on any other word
 * holds no more of the sentence than the window one word earlier, so this finds every echo the
 * exhaustive scan would, while a reply word wakes only the sentences that contain it.
 */
export class SentenceEchoTracker {
  readonly #profile: PromptProfile;
  readonly #words: string[] = [];
  readonly #echoed: Set<number>;

  /** `alreadyEchoed`: the sentences earlier replies of the session gave away; they count here too. */
  constructor(profile: PromptProfile, alreadyEchoed: ReadonlySet<number> = new Set()) {
    this.#profile = profile;
    this.#echoed = new Set(alreadyEchoed);
  }

  /** Ids of the prompt sentences echoed so far. */
  get echoed(): ReadonlySet<number> {
    return this.#echoed;
  }

  addWord(word: string): void {
    this.#words.push(word);
    const end = this.#words.length - 1;
    for (const id of this.#profile.sentencesByWord.get(word) ?? []) {
      const sentence = this.#profile.sentences[id];
      if (sentence && !this.#echoed.has(id) && windowEchoes(sentence, this.#words, end)) this.#echoed.add(id);
    }
  }

  get echoedSentences(): number {
    return this.#echoed.size;
  }

  get isLeak(): boolean {
    if (this.#echoed.size >= leakRules.echoedSentencesForLeak) return true;
    for (const id of this.#echoed) if (this.#profile.sentences[id]?.secret) return true;
    return false;
  }
}

/** Counts the sentence's words (as a multiset) inside the window of the reply ending at `end`. */
function windowEchoes(sentence: PromptSentence, words: readonly string[], end: number): boolean {
  const used = new Map<string, number>();
  let matched = 0;
  for (let at = Math.max(0, end - sentence.window + 1); at <= end; at++) {
    const word = words[at] ?? '';
    const available = sentence.counts.get(word) ?? 0;
    const taken = used.get(word) ?? 0;
    if (taken < available) {
      used.set(word, taken + 1);
      matched++;
    }
  }
  return matched >= sentence.needed;
}
