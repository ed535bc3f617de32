/**
 * The thresholds of the prompt-leak guard, in one place so they are tuned together against
 * tests/guard-eval/dev-set/. Word counts are *content words*: scikit-learn tokens minus English stop words.
 */
export const leakRules = {
  /** The original app's rule: TF-IDF cosine of the whole reply vs the prompt at or above this. GUARD_BASELINE_THRESHOLD overrides it. */
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
   * so two swapped words still count. In the development set the closest honest reply echoes a second sentence at 0.64.
   */
  echoContainment: 0.75,
  /** The window is the sentence's length plus this share, so a few inserted words still match. */
  echoWindowSlack: 0.25,
  /** "A few sentences": one echoed sentence is a self-introduction or a quoted fact, two are a leak. */
  echoedSentencesForLeak: 2,
  /** The baseline is applied to the reply so far only once it has this many content words. */
  minWordsSoFar: 12,
  /**
   * Letter windows compared when words are broken apart (letter-runs.ts): 24 letters are four or
   * five words, longer than a name or a sign-off like "keepmovingyouvegotthis" (22).
   */
  letterShingle: 24,
  /** Letters in all that make a leak (or this share of the prompt's letters, if fewer): about 20 content words. */
  letterRunLetters: 160,
  /** Share of a sentence's letters a reply must reproduce in shared windows for the sentence to count as echoed. */
  letterEchoShare: 0.8,
  /** Prompt sentences with fewer letters than this are too generic to count as echoed on their own. */
  minSentenceLetters: 30,
  /**
   * A run of base64 characters is decoded once it is this long: longer than nearly every word, and
   * 15 decoded bytes, a few words of prompt.
   */
  base64MinRun: 20,
  /** A run of hex byte pairs is decoded once it has this many bytes; "deadbeef" or a colour code has fewer. */
  hexMinBytes: 8,
} as const;
