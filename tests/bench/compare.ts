/**
 * Before and after in the same run: the floor, an earlier commit's server (`--baseline=<commit>`),
 * variants of ours (`--variant=label:NAME=value;NAME=value`, e.g. a NODE_OPTIONS flag or
 * MALLOC_ARENA_MAX) and the current code, measured in turn at each load, in rounds whose order
 * alternates so that a machine growing busier does not favour whichever runs last.
 */
import path from 'node:path';
import { runFanOut, type FanOutResult, type FanOutShape } from './load.ts';
import type { BenchContext } from './scenarios.ts';
import { startFloor, startOurs, type Target } from './targets.ts';

export interface Contender {
  label: string;
  kind: 'floor' | 'ours';
  /** Another checkout (the baseline); this one when unset. */
  root?: string;
  env?: Record<string, string>;
}

export interface ComparedPoint {
  sessions: number;
  /** Every measurement at this load, every round, in the order taken. */
  results: FanOutResult[];
}

export interface Comparison {
  contenders: string[];
  baselineCommit?: string;
  points: ComparedPoint[];
}

export interface CompareSettings {
  sessions: number[];
  /** Above 1: every one of ours runs as that many instances over Redis, tabs spread across them. */
  instances: number;
  redisUrl: string | undefined;
  rounds: number;
  /** A measurement during which other processes used more than this (% of one core) is taken again, once. */
  othersLimitPercent: number;
}

/** `label:NAME=value;NAME=value` → a contender running this checkout with those variables set. */
export function parseVariant(spec: string): Contender {
  const colon = spec.indexOf(':');
  if (colon < 1) throw new Error(`--variant=${spec}: expected label:NAME=value;NAME=value`);
  const env: Record<string, string> = {};
  for (const pair of spec.slice(colon + 1).split(';').filter(Boolean)) {
    const equals = pair.indexOf('=');
    if (equals < 1) throw new Error(`--variant=${spec}: "${pair}" is not NAME=value`);
    env[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  return { label: spec.slice(0, colon), kind: 'ours', env };
}

function start(contender: Contender, settings: CompareSettings, context: BenchContext): Promise<Target> {
  const profileDir = context.profileDir && path.join(context.profileDir, `compare-${contender.label.replace(/[^a-z0-9]+/gi, '-')}`);
  if (contender.kind === 'floor') return startFloor(context.provider.url, profileDir);
  const { instances, redisUrl } = settings;
  if (instances > 1 && !redisUrl) throw new Error('--compare-instances above 1 needs REDIS_URL');
  return startOurs({ providerUrl: context.provider.url, batchWindowMs: 16, root: contender.root, env: contender.env, profileDir, instances, redisUrl: instances > 1 ? redisUrl : undefined });
}

async function measureOnce(contender: Contender, shape: FanOutShape, settings: CompareSettings, context: BenchContext): Promise<FanOutResult> {
  const target = await start(contender, settings, context);
  try {
    return await runFanOut(contender.label, target, context.provider, shape);
  } finally {
    await target.stop();
  }
}

const pauseBeforeRetryMs = 15_000;

async function measureQuietly(contender: Contender, shape: FanOutShape, settings: CompareSettings, context: BenchContext): Promise<FanOutResult> {
  const first = await measureOnce(contender, shape, settings, context);
  if (first.otherCpuPercent <= settings.othersLimitPercent) return first;
  context.log(`    others used ${first.otherCpuPercent.toFixed(0)}% of a core during ${contender.label}: measuring again`);
  await new Promise((resolve) => setTimeout(resolve, pauseBeforeRetryMs));
  const second = await measureOnce(contender, shape, settings, context);
  return second.otherCpuPercent < first.otherCpuPercent ? second : first;
}

export async function compareContenders(contenders: Contender[], base: FanOutShape, settings: CompareSettings, context: BenchContext): Promise<ComparedPoint[]> {
  const points: ComparedPoint[] = [];
  for (const sessions of settings.sessions) {
    const shape = { ...base, sessions };
    const results: FanOutResult[] = [];
    for (let round = 0; round < settings.rounds; round++) {
      const order = round % 2 === 0 ? contenders : [...contenders].reverse();
      for (const contender of order) {
        const result = await measureQuietly(contender, shape, settings, context);
        context.log(`  ${contender.label.padEnd(24)} ${sessions} × ${shape.tabsPerSession}, round ${round + 1}: load ${result.loadAtStart.toFixed(2)}, ${Math.round(result.tokensPerSecond)} tokens/s, p99 ${result.latencyMs.p99.toFixed(1)} ms, CPU ${result.serverCpuPercent.toFixed(0)}%, RSS ${result.serverRssMB.toFixed(0)} MB, others ${result.otherCpuPercent.toFixed(0)}%`);
        results.push(result);
      }
    }
    points.push({ sessions, results });
  }
  return points;
}
