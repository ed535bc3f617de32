import { defaultSemanticModelDir, semanticModelAt } from '../../server/src/features/guard/semantic/model-files.ts';
import type { SemanticLeakCheck, SemanticFinding } from '../../server/src/features/guard/semantic/semantic-check.ts';
import { sentencesOf } from '../../server/src/features/guard/semantic/sentences.ts';
import { startSemanticCheck } from '../../server/src/features/guard/semantic/start.ts';
import { createLogger } from '../../server/src/logger.ts';
import { blindSet, formatBlind, scoreBlind, secondBlindSet, withSessionMemory, type BlindCase, type SessionJudge } from './blind-set.ts';
import { evalSet, knownLimits } from './dev-set/index.ts';
import { guardJudge, sessionGuardJudge, type LeakJudge } from './score.ts';
import { isSemanticLeak, semanticDevCases } from './semantic-dev-cases.ts';

/** The installed model's check; null when scripts/setup-semantic-model.sh has not run, or with GUARD_SEMANTIC=off (a quicker report). */
export async function openSemanticCheck(env: NodeJS.ProcessEnv = process.env): Promise<SemanticLeakCheck | null> {
  const modelDir = env.GUARD_SEMANTIC_MODEL_DIR || defaultSemanticModelDir(env);
  if (env.GUARD_SEMANTIC === 'off' || !semanticModelAt(modelDir)) return null;
  return startSemanticCheck({ mode: 'on', modelDir }, createLogger('silent'));
}

export interface SemanticCost {
  replies: number;
  sentences: number;
  msPerReply: number;
  p95MsPerReply: number;
  msPerSentence: number;
  msPerPrompt: number;
}

/** Every reply judged once, one after another (as the one model thread would), each prompt's vectors first. */
export async function judgeAll(check: SemanticLeakCheck, pairs: ReadonlyArray<{ prompt: string; reply: string }>) {
  const findings = new Map<string, SemanticFinding>();
  const prompts = [...new Set(pairs.map((p) => p.prompt))];
  const promptStarted = performance.now();
  for (const prompt of prompts) await check.judge(prompt, '');
  const msPerPrompt = (performance.now() - promptStarted) / prompts.length;
  const times: number[] = [];
  let sentences = 0;
  for (const { prompt, reply } of pairs) {
    const key = keyOf(prompt, reply);
    if (findings.has(key)) continue;
    const started = performance.now();
    findings.set(key, await check.judge(prompt, reply));
    times.push(performance.now() - started);
    sentences += sentencesOf(reply).length;
  }
  times.sort((a, b) => a - b);
  const total = times.reduce((sum, t) => sum + t, 0);
  const cost: SemanticCost = {
    replies: times.length,
    sentences,
    msPerReply: total / Math.max(1, times.length),
    p95MsPerReply: times[Math.floor(times.length * 0.95)] ?? 0,
    msPerSentence: total / Math.max(1, sentences),
    msPerPrompt,
  };
  return { findings, cost };
}

const keyOf = (prompt: string, reply: string) => `${prompt}\u0000${reply}`;

/** The semantic columns of `npm run eval:guard`, from verdicts computed once up front. */
export async function semanticEvaluation(check: SemanticLeakCheck, threshold: number) {
  const semanticCases: BlindCase[] = semanticDevCases.map((c, at) => ({ id: `semantic-${at}`, kind: c.kind, leak: isSemanticLeak(c), prompt: c.prompt, replies: [c.reply] }));
  const pairs = [
    ...[...evalSet, ...knownLimits, ...semanticDevCases].map((c) => ({ prompt: c.prompt, reply: c.reply })),
    ...[...blindSet, ...secondBlindSet].flatMap((c) => c.replies.map((reply) => ({ prompt: c.prompt, reply }))),
  ];
  const { findings, cost } = await judgeAll(check, pairs);
  const semantic: LeakJudge = (prompt, reply) => findings.get(keyOf(prompt, reply))?.verdict === 'leak';
  const guard = guardJudge(threshold);
  const sessionGuard = sessionGuardJudge(threshold);
  const withSemantic: SessionJudge = withSessionMemory((prompt, reply, earlier) => sessionGuard(prompt, reply, earlier) || semantic(prompt, reply));
  const devJudges: Record<string, LeakJudge> = { semantic, 'guard + semantic': (prompt, reply) => guard(prompt, reply) || semantic(prompt, reply) };
  const blindJudges: Record<string, SessionJudge> = { 'guard + semantic': withSemantic };
  const semanticDevJudges: Record<string, SessionJudge> = {
    guard: withSessionMemory(sessionGuard),
    semantic: (prompt, replies) => replies.some((reply) => semantic(prompt, reply)),
    'guard + semantic': withSemantic,
  };
  const semanticDevTable = formatBlind(scoreBlind(semanticDevJudges, semanticCases), Object.keys(semanticDevJudges));
  const unchecked = [...findings.values()].filter((f) => f.verdict === 'unchecked').length;
  return { devJudges, blindJudges, semanticDevTable, cost, unchecked };
}
