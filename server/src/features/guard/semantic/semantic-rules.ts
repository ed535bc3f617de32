/**
 * The semantic check's thresholds and limits, in one place. Chosen on the development cases
 * (tests/guard-eval/semantic-dev-cases.ts and dev-set/), never on the blind set; `npm run eval:guard`
 * shows what they catch and flag.
 */
export const semanticRules = {
  /** Prompt coverage (similarity.ts) at or above which a reply retells the prompt. */
  leakThreshold: 0.35,
  /**
   * What one prompt sentence can add to the coverage at most: a reply that quotes two of the
   * prompt's facts word for word (an honest answer) must not score like one that retells all of it.
   */
  sentenceCap: 0.5,
  /** A shorter prompt has too little of its own to retell; every on-topic reply resembles it. */
  fewestPromptSentences: 3,
  /** A reply with this many sentences is centred on its own mean, which takes its language out. */
  fewestSentencesToCentre: 3,
  /** Sentences queued for the model, all replies together; past it a reply goes unchecked rather than wait. */
  maxQueuedSentences: 256,
  /** How long the end of a reply waits for its last sentences to be judged before it is let through unchecked. */
  settleTimeoutMs: 5_000,
  /** Prompts whose sentence vectors are kept, computed once each. */
  cachedPrompts: 128,
} as const;

export type SemanticRules = { readonly [Rule in keyof typeof semanticRules]: number };
