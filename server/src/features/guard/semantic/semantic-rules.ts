/**
 * The semantic check's thresholds and limits, in one place. Chosen on the development cases
 * (tests/guard-eval/semantic-dev-cases.ts and dev-set/), never on the blind set; `npm run eval:guard`
 * shows what they catch and flag.
 */
export const semanticRules = {
  /**
   * Share of the prompt retold (similarity.ts) at or above which a reply, or a session so far, gives
   * it away. On the development cases honest replies reach 0.66 and translations start at 0.75.
   */
  leakThreshold: 0.7,
  /**
   * A prompt sentence matched this closely counts as retold in full: a reply that quotes two of the
   * prompt's facts word for word (an honest answer) must not score like one that retells all of it.
   */
  sentenceCap: 0.4,
  /** A shorter prompt has too little of its own to retell; every on-topic reply resembles it. */
  fewestPromptSentences: 3,
  /** A reply with this many sentences is centred on its own mean, which takes its language out. */
  fewestSentencesToCentre: 3,
  /**
   * A reply sentence this close to a prompt sentence (centred on the prompt's mean) could be part of
   * a retelling: for a non-owner, it and the rest of the reply wait until the whole is judged.
   */
  holdThreshold: 0.5,
  /**
   * What a reply revealed of a prompt sentence counts in later replies of the session only at or
   * above this match: a retold or quoted sentence, not an answer on the same subject.
   */
  memoryFloor: 0.6,
  /** Earlier replies of a session read for the session memory: the most recent ones. */
  rememberedReplies: 24,
  /** Replies whose matches are kept for the session memory, so a session's next reply need not embed them again. */
  rememberedMatches: 20_000,
  /** Sentences queued for the model, all replies together; past it a reply goes unchecked rather than wait. */
  maxQueuedSentences: 256,
  /** How long the end of a reply waits for its last sentences to be judged before it is let through unchecked. */
  settleTimeoutMs: 5_000,
  /** Prompts whose sentence vectors are kept, computed once each. */
  cachedPrompts: 128,
} as const;

export type SemanticRules = { readonly [Rule in keyof typeof semanticRules]: number };
