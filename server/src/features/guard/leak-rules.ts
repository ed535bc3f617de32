/**
 * The thresholds of the prompt-leak guard, in one place so they are tuned together against
 * eval-set.ts. Word counts are *content words*: scikit-learn tokens minus English stop words.
 */
export const leakRules = {
  /** The original app's rule: TF-IDF cosine of the whole reply vs the prompt at or above this. */
  baselineThreshold: 0.65,
  /**
   * Prompts with fewer content words than this get the baseline alone: their words are common
   * phrases ("helpful assistant", "talk like a pirate") that an in-character reply repeats.
   */
  minPromptWords: 8,
  /** Length of the prompt shingles looked for in the reply; 8 content words ≈ 15 running words. */
  shingleWords: 8,
  /**
   * Verbatim runs must reproduce this many prompt content words in all (or the whole prompt, if
   * shorter): about two sentences, above a mandated catchphrase or one quoted fact.
   */
  verbatimRunWords: 20,
  /** Prompt sentences shorter than this are too generic to count as echoed on their own. */
  minSentenceWords: 6,
  /** Run-on prompt text without punctuation is cut into pieces of at most this many words. */
  maxSentenceWords: 20,
  /**
   * Share of a sentence's content words that must reappear within one window of the reply: 6 of 8,
   * so two swapped words still count. In eval-set.ts no honest reply echoes a second sentence above 0.5.
   */
  echoContainment: 0.75,
  /** The window is the sentence's length plus this share, so a few inserted words still match. */
  echoWindowSlack: 0.25,
  /** "A few sentences": one echoed sentence is a self-introduction or a quoted fact, two are a leak. */
  echoedSentencesForLeak: 2,
  /** The baseline is applied to the reply so far only once it has this many content words. */
  minWordsSoFar: 12,
} as const;
