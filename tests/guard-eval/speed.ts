import { evalPrompts } from './prompts.ts';
import { evalSet, longCoachingReply, toTokens } from './dev-set/index.ts';
import { IncrementalLeakGuard } from '../../server/src/features/guard/incremental-guard.ts';

/** What the benchmark drives: the part of the guard the reply runner calls. */
export interface StreamedGuard {
  push(textDelta: string): unknown;
  finish(): unknown;
}

export type GuardFactory = (prompt: string) => StreamedGuard;

export interface GuardSpeed {
  /** A 2,000-word honest reply streamed token by token: the common case on the server. */
  honestMicrosPerToken: number;
  /** Every evaluation reply streamed token by token, leaks and encodings included. */
  evalSetMicrosPerToken: number;
  /** Creating a guard (preparing its prompt), once per reply. */
  microsPerGuard: number;
}

interface Stream {
  prompt: string;
  tokens: string[];
}

/** Best of a few timed rounds, each long enough (≥ 50 ms) for the clock to be accurate. */
export function measureGuardSpeed(createGuard: GuardFactory = (prompt) => new IncrementalLeakGuard(prompt)): GuardSpeed {
  const honest: Stream[] = [{ prompt: evalPrompts.runningCoach, tokens: toTokens(longCoachingReply(2_000)) }];
  const evalStreams: Stream[] = evalSet.map((testCase) => ({ prompt: testCase.prompt, tokens: toTokens(testCase.reply) }));
  const prompts = evalSet.map((testCase) => testCase.prompt);
  return {
    honestMicrosPerToken: bestMicros(() => streamAll(createGuard, honest)),
    evalSetMicrosPerToken: bestMicros(() => streamAll(createGuard, evalStreams)),
    microsPerGuard: bestMicros(() => {
      for (const prompt of prompts) createGuard(prompt);
      return prompts.length;
    }),
  };
}

/** Streams every reply through a fresh guard; returns how many tokens were pushed. */
function streamAll(createGuard: GuardFactory, streams: readonly Stream[]): number {
  let tokens = 0;
  for (const { prompt, tokens: chunks } of streams) {
    const guard = createGuard(prompt);
    for (const chunk of chunks) guard.push(chunk);
    guard.finish();
    tokens += chunks.length;
  }
  return tokens;
}

function bestMicros(run: () => number): number {
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const started = performance.now();
    let units = 0;
    while (performance.now() - started < 50) units += run();
    best = Math.min(best, ((performance.now() - started) * 1000) / units);
  }
  return best;
}
