/**
 * Scores the prompt-leak guard against the original app's TF-IDF rule on the labelled evaluation
 * set (dev-set/) and on each blind held-out set (blind/, blind-2/, blind-3/), reported apart, and times it per
 * streamed token. Uses GUARD_BASELINE_THRESHOLD like the server:
 *   npm run eval:guard
 *   GUARD_BASELINE_THRESHOLD=0.5 npm run eval:guard
 */
import { loadConfig } from '../../server/src/config.ts';
import { evalPrompts } from './prompts.ts';
import { evalSet, isLeak } from './dev-set/index.ts';
import { holdBackDelay } from './hold-back-delay.ts';
import { baselineJudge, formatScores, guardJudge, scoreEvaluation, sessionGuardJudge } from './score.ts';
import { measureGuardSpeed } from './speed.ts';
import { blindSet, formatBlind, replyByReply, scoreBlind, secondBlindSet, thirdBlindSet, withSessionMemory } from './blind-set.ts';
import { IncrementalLeakGuard } from '../../server/src/features/guard/incremental-guard.ts';
import { openSemanticModel, semanticEvaluation } from './semantic-eval.ts';

const threshold = loadConfig().guardBaselineThreshold;
// The semantic check's columns appear when its model is installed (scripts/setup-semantic-model.sh);
// the model's vectors are cached on disk (vector-cache.ts), so only the first run takes minutes.
// GUARD_SEMANTIC=off leaves them out.
const semanticModel = await openSemanticModel();
const semantic = semanticModel && (await semanticEvaluation(semanticModel, threshold));
const scores = scoreEvaluation({ baseline: baselineJudge(threshold), guard: guardJudge(threshold), ...semantic?.devJudges });
console.log(`Prompt-leak guard, threshold ${threshold}: ${evalSet.length} labelled replies to ${Object.keys(evalPrompts).length} prompts\n`);
console.log(formatScores(scores));
console.log(`\nKnown limits the guard misses:\n${(scores.missedLimits.guard ?? []).map((name) => `  - ${name}`).join('\n')}`);

const speed = measureGuardSpeed((prompt) => new IncrementalLeakGuard(prompt, { baselineThreshold: threshold }));
console.log(`\nSpeed (best of 5 rounds):
  ${speed.honestMicrosPerToken.toFixed(2)} µs per token streaming a 2,000-word honest reply
  ${speed.evalSetMicrosPerToken.toFixed(2)} µs per token streaming every evaluation reply
  ${speed.microsPerGuard.toFixed(0)} µs to create a guard (prepare its prompt), once per reply`);

const blindJudges = {
  baseline: replyByReply(baselineJudge(threshold)),
  'guard, reply by reply': replyByReply(guardJudge(threshold)),
  guard: withSessionMemory(sessionGuardJudge(threshold)),
  ...semantic?.blindJudges,
};
console.log(`\nBlind held-out set (never tuned against; tests/guard-eval/blind): ${blindSet.length} sessions\n`);
console.log(formatBlind(scoreBlind(blindJudges), Object.keys(blindJudges)));
console.log(`\nSecond blind held-out set (never tuned against; tests/guard-eval/blind-2): ${secondBlindSet.length} sessions\n`);
console.log(formatBlind(scoreBlind(blindJudges, secondBlindSet), Object.keys(blindJudges)));
console.log(`\nThird blind held-out set (never tuned against; tests/guard-eval/blind-3): ${thirdBlindSet.length} sessions\n`);
console.log(formatBlind(scoreBlind(blindJudges, thirdBlindSet), Object.keys(blindJudges)));

// Hold-back, for a non-owner's tabs: what it costs honest replies, per character, in tokens of delay.
const honestReplies = [
  ...evalSet.filter((c) => !isLeak(c)).map((c) => ({ prompt: c.prompt, reply: c.reply })),
  ...[...blindSet, ...secondBlindSet].filter((c) => !c.leak).flatMap((c) => c.replies.map((reply) => ({ prompt: c.prompt, reply }))),
];
const delay = holdBackDelay(honestReplies);
const at50TokensPerSecond = (tokens: number) => `${Math.round(tokens * 20)} ms`;
console.log(`\nHold-back on ${honestReplies.length} honest replies (${delay.tokens} characters), delay counted in tokens (ms at 50 tokens/s):
  held at all: ${(delay.heldShare * 100).toFixed(1)}% of characters; held over 3 tokens: ${(delay.heldLongShare * 100).toFixed(1)}%
  p50 ${delay.p50} (${at50TokensPerSecond(delay.p50)}), p99 ${delay.p99} (${at50TokensPerSecond(delay.p99)}), max ${delay.max} (${at50TokensPerSecond(delay.max)})`);

if (semantic && semanticModel) {
  const { cost, delay } = semantic;
  console.log(`\nSemantic check on its own development cases (tests/guard-eval/semantic-dev-cases.ts):\n${semantic.semanticDevTable}`);
  console.log(`\nSemantic hold-back for a non-owner, on every honest reply (${delay.characters} characters), in tokens after arrival, the model answering at once:
  held over 3 tokens: ${(delay.heldShare * 100).toFixed(1)}% of characters; p50 ${delay.p50}, p90 ${delay.p90}, p99 ${delay.p99} (${at50TokensPerSecond(delay.p99)} at 50 tokens/s, plus the model's time per sentence below)`);
  if (cost) console.log(`\nSemantic check cost, live model, one thread, a sample of ${cost.replies} replies (${cost.sentences} sentences, ${cost.tokens} tokens):
  ${cost.msPerReply.toFixed(0)} ms per reply (p95 ${cost.p95MsPerReply.toFixed(0)} ms), ${cost.msPerSentence.toFixed(1)} ms per sentence, ${(cost.msPerToken * 1000).toFixed(0)} µs per token
  ${cost.msPerPrompt.toFixed(0)} ms per prompt, once (its sentence vectors are cached)
  RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB with the model loaded`);
  await semanticModel.live.close();
} else {
  console.log('\nSemantic check: model not installed (scripts/setup-semantic-model.sh installs it); its columns are left out.');
}
