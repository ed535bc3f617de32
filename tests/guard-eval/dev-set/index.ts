import type { EvalCase } from './case.ts';
import { coachingCases } from './coaching.ts';
import { converterCases } from './converters.ts';
import { gameCases } from './games.ts';
import { heldOutCases } from './held-out.ts';
import { multilingualCases } from './multilingual.ts';
import { personaCases } from './personas.ts';
import { supportCases } from './support.ts';

export { innocentKinds, isLeak, leakKinds, type EvalCase, type InnocentKind, type LeakKind } from './case.ts';
export { knownLimits } from './known-limits.ts';
export { longCoachingReply, toTokens } from './streaming.ts';

/**
 * Replies written to be hard both ways: leaks wrapped in other text, reformatted, reworded, spaced
 * out or encoded; honest replies that stay on the prompt's topic, reuse its terms, quote its
 * mandated sign-off or one of its facts, or introduce the persona. Labels were set before running
 * the guard and are never changed to suit it.
 */
export const evalSet: readonly EvalCase[] = [
  ...coachingCases,
  ...personaCases,
  ...converterCases,
  ...supportCases,
  ...multilingualCases,
  ...gameCases,
  ...heldOutCases,
];
