import type { Logger } from '../../../logger.ts';
import type { ReplyWatch, SemanticFinding } from './reply-watch.ts';
import type { SemanticLeakCheck } from './semantic-check.ts';
import { ClearedHoldBack, type HoldBack } from './semantic-hold-back.ts';

type Verdict = 'ok' | 'leak';

/** The reply runner's guard, as the lexical guard provides it. */
export interface StreamedGuard {
  push(delta: string): Verdict;
  finish(): Verdict;
  replacement: string;
}

export interface SettledGuard extends StreamedGuard {
  /** After finish() said 'ok': the semantic judgement of the whole reply. */
  settle(): Promise<Verdict>;
  /** For a non-owner's tabs: `holdBack` with the sentences the semantic check has not cleared yet held too. */
  guardedHoldBack(holdBack: HoldBack): HoldBack;
}

/**
 * The lexical guard with the semantic check alongside: the text streams to the check as it
 * comes, a reply is withdrawn as soon as what the check has judged retells the prompt (the next
 * push says 'leak'), and `settle` judges the whole. A reply the model could not judge in time is
 * let through (the lexical guard has already cleared it) and reported to `onUnchecked`.
 */
export function withSemanticCheck(guard: StreamedGuard, watch: ReplyWatch, onUnchecked: (finding: SemanticFinding) => void): SettledGuard {
  return {
    replacement: guard.replacement,
    push(delta) {
      if (guard.push(delta) === 'leak') return 'leak';
      watch.push(delta);
      return watch.leaked ? 'leak' : 'ok';
    },
    finish: () => (guard.finish() === 'leak' || watch.leaked ? 'leak' : 'ok'),
    async settle() {
      const finding = await watch.settle();
      if (finding.verdict === 'unchecked') onUnchecked(finding);
      return finding.verdict === 'leak' ? 'leak' : 'ok';
    },
    guardedHoldBack: (holdBack) => new ClearedHoldBack(holdBack, watch),
  };
}

/** What the server wraps every lexical guard in: the semantic check, or nothing when it is off. */
export type SemanticLayer = (prompt: string, guard: StreamedGuard, earlierReplies?: readonly string[]) => StreamedGuard | SettledGuard;

/** Adds the semantic check to every guard the server creates, or leaves them as they are when it is off. */
export function semanticLayer(check: SemanticLeakCheck | null, logger: Logger): SemanticLayer {
  if (!check) return (_prompt, guard) => guard;
  const onUnchecked = (finding: SemanticFinding) => logger.warn({ reason: finding.reason }, '[guard] a reply went without the semantic check');
  return (prompt, guard, earlierReplies = []) => withSemanticCheck(guard, check.watch(prompt, earlierReplies), onUnchecked);
}
