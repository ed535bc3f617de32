import type { Logger } from '../../../logger.ts';
import type { ReplyWatch, SemanticFinding } from './reply-watch.ts';
import type { SemanticLeakCheck } from './semantic-check.ts';

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
}

/**
 * The lexical guard, with the semantic check added at the end of the reply: the text streams
 * to the check as it comes, and `settle` withdraws a reply that retells the prompt. A reply the
 * model could not judge in time is let through (the lexical guard has already cleared it) and
 * reported to `onUnchecked`.
 */
export function withSemanticCheck(guard: StreamedGuard, watch: ReplyWatch, onUnchecked: (finding: SemanticFinding) => void): SettledGuard {
  return {
    replacement: guard.replacement,
    push(delta) {
      const verdict = guard.push(delta);
      if (verdict === 'ok') watch.push(delta);
      return verdict;
    },
    finish: () => guard.finish(),
    async settle() {
      const finding = await watch.settle();
      if (finding.verdict === 'unchecked') onUnchecked(finding);
      return finding.verdict === 'leak' ? 'leak' : 'ok';
    },
  };
}

/** Adds the semantic check to every guard the server creates, or leaves them as they are when it is off. */
export function semanticLayer(check: SemanticLeakCheck | null, logger: Logger): (prompt: string, guard: StreamedGuard) => StreamedGuard | SettledGuard {
  if (!check) return (_prompt, guard) => guard;
  const onUnchecked = (finding: SemanticFinding) => logger.warn({ reason: finding.reason }, '[guard] a reply went without the semantic check');
  return (prompt, guard) => withSemanticCheck(guard, check.watch(prompt), onUnchecked);
}
