import { EchoHoldBack } from '../../server/src/features/guard/hold-back.ts';
import { IncrementalLeakGuard } from '../../server/src/features/guard/incremental-guard.ts';
import type { Embedder } from '../../server/src/features/guard/semantic/embedder.ts';
import { defaultSemanticModelDir, semanticModelAt } from '../../server/src/features/guard/semantic/model-files.ts';
import { SemanticLeakCheck, type SemanticFinding } from '../../server/src/features/guard/semantic/semantic-check.ts';
import { ClearedHoldBack } from '../../server/src/features/guard/semantic/semantic-hold-back.ts';
import { semanticRules } from '../../server/src/features/guard/semantic/semantic-rules.ts';
import { sentencesOf } from '../../server/src/features/guard/semantic/sentences.ts';
import { WorkerEmbedder } from '../../server/src/features/guard/semantic/worker-embedder.ts';
import { blindSet, formatBlind, scoreBlind, secondBlindSet, thirdBlindSet, type BlindCase, type SessionJudge } from './blind-set.ts';
import { evalSet, isLeak, knownLimits, toTokens } from './dev-set/index.ts';
import { type LeakJudge } from './score.ts';
import { isSemanticLeak, semanticDevCases } from './semantic-dev-cases.ts';
import { CachedEmbedder, defaultVectorCache } from './vector-cache.ts';

/** The installed model, live and behind the on-disk vector cache; null when scripts/setup-semantic-model.sh has not run, or with GUARD_SEMANTIC=off. */
export async function openSemanticModel(env: NodeJS.ProcessEnv = process.env): Promise<{ live: Embedder; cached: Embedder } | null> {
  const modelDir = env.GUARD_SEMANTIC_MODEL_DIR || defaultSemanticModelDir(env);
  const files = semanticModelAt(modelDir);
  if (env.GUARD_SEMANTIC === 'off' || !files) return null;
  const live = await WorkerEmbedder.start(files, 100_000);
  return { live, cached: new CachedEmbedder(live, defaultVectorCache) };
}

/** The installed model's check, for tests; null when the model is not installed. */
export async function openSemanticCheck(env: NodeJS.ProcessEnv = process.env): Promise<SemanticLeakCheck | null> {
  const model = await openSemanticModel(env);
  return model && new SemanticLeakCheck(model.cached);
}

export interface SemanticCost {
  replies: number;
  sentences: number;
  tokens: number;
  msPerReply: number;
  p95MsPerReply: number;
  msPerSentence: number;
  msPerToken: number;
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
  let tokens = 0;
  for (const { prompt, reply } of pairs) {
    const key = keyOf(prompt, reply);
    if (findings.has(key)) continue;
    const started = performance.now();
    findings.set(key, await check.judge(prompt, reply));
    times.push(performance.now() - started);
    sentences += sentencesOf(reply).length;
    tokens += toTokens(reply).length;
  }
  times.sort((a, b) => a - b);
  const total = times.reduce((sum, t) => sum + t, 0);
  const cost: SemanticCost = {
    replies: times.length,
    sentences,
    tokens,
    msPerReply: total / Math.max(1, times.length),
    p95MsPerReply: times[Math.floor(times.length * 0.95)] ?? 0,
    msPerSentence: total / Math.max(1, sentences),
    msPerToken: total / Math.max(1, tokens),
    msPerPrompt,
  };
  return { findings, cost };
}

const keyOf = (prompt: string, reply: string) => `${prompt}\u0000${reply}`;
const sessionKey = (prompt: string, replies: readonly string[]) => [prompt, ...replies].join('\u0000');

/** What streaming one session through the guard as the server runs it found. */
interface StreamedSession {
  lexical: boolean;
  semantic: boolean;
  /** Per character of every honest reply: how many tokens after its own it reached a non-owner. */
  delays: number[];
}

/**
 * Streams each reply of a session token by token through the lexical guard and the semantic
 * watch, each reply with the session's earlier replies, as the reply runner does; the model
 * answers between tokens (its vectors are cached), so the delays count tokens, not milliseconds.
 */
async function streamSession(check: SemanticLeakCheck, prompt: string, replies: readonly string[], threshold: number, honest: boolean): Promise<StreamedSession> {
  const found: StreamedSession = { lexical: false, semantic: false, delays: [] };
  for (const [at, reply] of replies.entries()) {
    const earlierReplies = replies.slice(0, at);
    const lexical = new IncrementalLeakGuard(prompt, { baselineThreshold: threshold, earlierReplies });
    const watch = check.watch(prompt, earlierReplies);
    const holdBack = new ClearedHoldBack(new EchoHoldBack(prompt), watch);
    const tokens = toTokens(reply);
    const arrivedAt: number[] = [];
    let released = 0;
    const release = (text: string, now: number) => {
      for (let i = 0; i < text.length; i++) found.delays.push(now - (arrivedAt[released + i] ?? now));
      released += text.length;
    };
    // As the reply runner does: what a judgement clears goes out when it comes back, between tokens.
    let current = 0;
    holdBack.onRelease((text) => {
      if (honest) release(text, current);
    });
    for (const [now, token] of tokens.entries()) {
      current = now;
      for (let i = 0; i < token.length; i++) arrivedAt.push(now);
      if (lexical.push(token) === 'leak') found.lexical = true;
      watch.push(token);
      await new Promise(setImmediate);
      if (watch.leaked) found.semantic = true;
      if (honest) release(holdBack.push(token), now);
    }
    if (lexical.finish() === 'leak') found.lexical = true;
    current = tokens.length;
    if ((await watch.settle()).verdict === 'leak') found.semantic = true;
    if (honest) release(holdBack.flush(), tokens.length);
  }
  if (!honest) found.delays = [];
  return found;
}

export interface SemanticDelay {
  characters: number;
  heldShare: number;
  p50: number;
  p90: number;
  p99: number;
}

function delayOf(delays: readonly number[]): SemanticDelay {
  const sorted = delays.toSorted((a, b) => a - b);
  const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { characters: sorted.length, heldShare: sorted.filter((d) => d > 3).length / Math.max(1, sorted.length), p50: pick(0.5), p90: pick(0.9), p99: pick(0.99) };
}

/**
 * The semantic columns of `npm run eval:guard`: every case streamed through the guard with the
 * semantic check as the server runs it (cached vectors), then the live model timed on a sample.
 */
export async function semanticEvaluation(model: { live: Embedder; cached: Embedder }, threshold: number) {
  const check = new SemanticLeakCheck(model.cached);
  const single = new Map<string, StreamedSession>();
  const singles = [
    ...evalSet.map((c) => ({ prompt: c.prompt, reply: c.reply, leak: isLeak(c) })),
    ...knownLimits.map((c) => ({ prompt: c.prompt, reply: c.reply, leak: true })),
    ...semanticDevCases.map((c) => ({ prompt: c.prompt, reply: c.reply, leak: isSemanticLeak(c) })),
  ];
  for (const c of singles) single.set(keyOf(c.prompt, c.reply), await streamSession(check, c.prompt, [c.reply], threshold, !c.leak));
  const sessions = new Map<string, StreamedSession>();
  for (const c of [...blindSet, ...secondBlindSet, ...thirdBlindSet]) sessions.set(sessionKey(c.prompt, c.replies), await streamSession(check, c.prompt, c.replies, threshold, !c.leak));

  const semantic: LeakJudge = (prompt, reply) => single.get(keyOf(prompt, reply))?.semantic ?? false;
  const combined: LeakJudge = (prompt, reply) => { const s = single.get(keyOf(prompt, reply)); return Boolean(s && (s.lexical || s.semantic)); };
  const sessionCombined: SessionJudge = (prompt, replies) => { const s = sessions.get(sessionKey(prompt, replies)); return Boolean(s && (s.lexical || s.semantic)); };
  const devJudges: Record<string, LeakJudge> = { semantic, 'guard + semantic': combined };
  const blindJudges: Record<string, SessionJudge> = { 'guard + semantic': sessionCombined };

  const semanticCases: BlindCase[] = semanticDevCases.map((c, at) => ({ id: `semantic-${at}`, kind: c.kind, leak: isSemanticLeak(c), prompt: c.prompt, replies: [c.reply] }));
  const semanticDevJudges: Record<string, SessionJudge> = {
    guard: (prompt, replies) => replies.some((reply) => single.get(keyOf(prompt, reply))?.lexical ?? false),
    semantic: (prompt, replies) => replies.some((reply) => semantic(prompt, reply)),
    'guard + semantic': (prompt, replies) => replies.some((reply) => combined(prompt, reply)),
  };
  const semanticDevTable = formatBlind(scoreBlind(semanticDevJudges, semanticCases), Object.keys(semanticDevJudges));

  const honestDelays = [...single.values(), ...sessions.values()].flatMap((s) => s.delays);
  // GUARD_EVAL_COST=off skips timing the live model (a minute or two), for a quicker report.
  const cost = process.env.GUARD_EVAL_COST === 'off' ? null : (await liveCost(model.live)).cost;
  return { devJudges, blindJudges, semanticDevTable, cost, delay: delayOf(honestDelays) };
}

/** The live model (no cache) on a fixed sample of replies from every set: what the check costs per reply. */
async function liveCost(live: Embedder) {
  const pairs = [
    ...[...evalSet, ...semanticDevCases].map((c) => ({ prompt: c.prompt, reply: c.reply })),
    ...[...blindSet, ...secondBlindSet].flatMap((c) => c.replies.map((reply) => ({ prompt: c.prompt, reply }))),
  ];
  const sample = pairs.filter((_, at) => at % 8 === 0);
  return judgeAll(new SemanticLeakCheck(live, { ...semanticRules, settleTimeoutMs: 60_000 }), sample);
}
