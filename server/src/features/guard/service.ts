import { IncrementalLeakGuard, type GuardOptions, type LeakRule } from './incremental-guard.ts';
import type { PromptProfile } from './prompt-profile.ts';

export { IncrementalLeakGuard, type GuardOptions, type GuardVerdict, type LeakRule, type LeakSource } from './incremental-guard.ts';
export { leakRules } from './leak-rules.ts';
export { preparePrompt, type PromptProfile } from './prompt-profile.ts';
export { baselineSimilarity } from './tfidf.ts';

/**
 * What the user sees instead of a reply that leaked the prompt. It neither confirms nor quotes the
 * prompt, and hands the conversation back so the user is not left at a dead end.
 */
export const neutralReply = "Sorry, I can't share that. Let's get back to our conversation — what would you like to do next?";

export interface LeakFinding {
  leak: boolean;
  rule: LeakRule | null;
}

/** Judges a complete reply; the same rules and result as streaming it through the guard. */
export function detectLeak(prompt: string | PromptProfile, reply: string, options: GuardOptions = {}): LeakFinding {
  const guard = new IncrementalLeakGuard(prompt, options);
  guard.push(reply);
  const leak = guard.finish() === 'leak';
  return { leak, rule: guard.rule };
}
