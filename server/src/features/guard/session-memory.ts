import { canonicalWords, normaliseText } from './normalise.ts';
import type { PromptProfile } from './prompt-profile.ts';
import { SentenceEchoTracker } from './sentence-echo.ts';
import { VerbatimRunTracker } from './verbatim-runs.ts';

/**
 * What the earlier replies of a session already gave away of the prompt: the sentences they
 * echoed and the prompt words they reproduced verbatim. A reply's guard starts from it, so a
 * prompt handed out one sentence per reply adds up to a leak as it would in one reply.
 */
export interface SessionRevelations {
  readonly echoed: ReadonlySet<number>;
  readonly covered: Uint8Array | undefined;
}

export const nothingRevealed: SessionRevelations = { echoed: new Set(), covered: undefined };

/** Reads the earlier replies one by one (a run or an echo never spans two replies). */
export function revelationsOf(profile: PromptProfile, earlierReplies: readonly string[]): SessionRevelations {
  if (profile.isShort || earlierReplies.length === 0) return nothingRevealed;
  let revealed = nothingRevealed;
  for (const reply of earlierReplies) {
    const runs = new VerbatimRunTracker(profile, revealed.covered);
    const echoes = new SentenceEchoTracker(profile, revealed.echoed);
    for (const word of canonicalWords(normaliseText(reply))) {
      runs.addWord(word);
      echoes.addWord(word);
    }
    revealed = { echoed: echoes.echoed, covered: runs.covered };
  }
  return revealed;
}
