import type { CatchUpShape } from './catch-up.ts';
import type { CompareSettings } from './compare.ts';
import type { FairnessShape } from './fairness.ts';
import type { FanOutShape } from './load.ts';

export const phases = ['fanout', 'redis', 'curves', 'instances', 'connections', 'catchup', 'fairness', 'compare'] as const;
export type Phase = (typeof phases)[number];

export interface BenchOptions {
  quick: boolean;
  /** Seconds-long run of every phase at toy sizes, for CI: it proves the benchmark works, not speed. */
  smoke: boolean;
  profile: boolean;
  only: Set<Phase>;
  headline: FanOutShape;
  curveShape: FanOutShape;
  sessionSteps: number[];
  tabSteps: number[];
  /** Sessions of the tabs-per-session curve. */
  tabCurveSessions: number;
  idleSockets: number;
  stormKeys: number[];
  catchUp: CatchUpShape;
  fairness: FairnessShape;
  redisUrl: string | undefined;
  /** The instances phase: instance counts, and the session counts tried for each until p99 passes the line. */
  instanceSteps: number[];
  /** WORKERS=N series (production's cluster mode) beside the separate processes. */
  workerSteps: number[];
  instanceSessionSteps: number[];
  /** The compare phase: an earlier commit and variants beside the current code (compare.ts). */
  compare: CompareSettings & { baseline: string | undefined; variants: string[] };
}

/** `--name=value` flags win over BENCH_NAME environment variables. */
function setting(argv: string[], name: string): string | undefined {
  const flag = argv.find((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (flag) return flag.includes('=') ? flag.slice(flag.indexOf('=') + 1) : 'true';
  return process.env[`BENCH_${name.toUpperCase()}`];
}

/** Every `--name=value` of a flag that may be given several times. */
function allSettings(argv: string[], name: string): string[] {
  return argv.filter((arg) => arg.startsWith(`--${name}=`)).map((arg) => arg.slice(name.length + 3));
}

const listOfNumbers = (value: string | undefined) => value?.split(',').map(Number).filter((n) => Number.isFinite(n) && n > 0);

const isOn = (value: string | undefined) => value !== undefined && value !== '0' && value !== 'false';

const smokeOptions = (base: BenchOptions): BenchOptions => {
  const headline: FanOutShape = { sessions: 10, tabsPerSession: 2, tokensPerReply: 40, tokenDelayMs: 20, warmupMs: 500, durationMs: 1500, keys: 2 };
  return {
    ...base,
    quick: true,
    smoke: true,
    headline,
    curveShape: headline,
    sessionSteps: [5, 10],
    tabSteps: [1, 3],
    tabCurveSessions: 5,
    instanceSteps: [1, 2],
    workerSteps: [2],
    instanceSessionSteps: [5],
    compare: { ...base.compare, sessions: [5], rounds: 1 },
    idleSockets: 200,
    stormKeys: [1],
    catchUp: { sessions: 4, tokensPerReply: 60, tokenDelayMs: 20, durationMs: 4000, dropEveryMs: 1500 },
    fairness: { durationMs: 1000, longExchanges: 3 },
  };
};

export function readOptions(argv = process.argv.slice(2)): BenchOptions {
  const smoke = isOn(setting(argv, 'smoke'));
  const quick = smoke || isOn(setting(argv, 'quick'));
  const only = setting(argv, 'only')?.split(',').filter((p): p is Phase => (phases as readonly string[]).includes(p));
  const baseline = setting(argv, 'baseline');
  const variants = allSettings(argv, 'variant');
  // Compare runs only when there is something to compare with.
  const defaultPhases = phases.filter((phase) => phase !== 'compare' || baseline !== undefined || variants.length > 0);
  const sessions = Number(setting(argv, 'sessions') ?? (quick ? 50 : 1000));
  const headline: FanOutShape = quick
    ? { sessions, tabsPerSession: 2, tokensPerReply: 60, tokenDelayMs: 20, warmupMs: 1500, durationMs: 4000, keys: 10 }
    : { sessions, tabsPerSession: 2, tokensPerReply: 150, tokenDelayMs: 20, warmupMs: 4000, durationMs: 15_000, keys: 10 };
  const options: BenchOptions = {
    quick,
    smoke: false,
    profile: isOn(setting(argv, 'profile')),
    only: new Set(only?.length ? only : defaultPhases),
    headline,
    curveShape: { ...headline, durationMs: quick ? 3000 : 10_000 },
    sessionSteps: quick ? [10, sessions] : [10, 25, 50, 100, 200, 500, sessions],
    tabSteps: quick ? [1, 5] : [1, 5, 20],
    tabCurveSessions: quick ? 10 : 100,
    idleSockets: Number(setting(argv, 'idle') ?? (quick ? 1000 : 20_000)),
    stormKeys: quick ? [1, 20] : [1, 500],
    catchUp: quick
      ? { sessions: 10, tokensPerReply: 100, tokenDelayMs: 20, durationMs: 10_000, dropEveryMs: 4000 }
      : { sessions: 100, tokensPerReply: 300, tokenDelayMs: 20, durationMs: 35_000, dropEveryMs: 15_000 },
    fairness: quick ? { durationMs: 3000, longExchanges: 20 } : { durationMs: 8000, longExchanges: 40 },
    redisUrl: process.env.REDIS_URL || undefined,
    instanceSteps: listOfNumbers(setting(argv, 'instances')) ?? (quick ? [1, 2] : [1, 2, 3]),
    workerSteps: listOfNumbers(setting(argv, 'workers')) ?? [2],
    instanceSessionSteps: listOfNumbers(setting(argv, 'instance-sessions')) ?? (quick ? [50, 200] : [100, 200, 500, 1000]),
    compare: {
      sessions: listOfNumbers(setting(argv, 'compare-sessions')) ?? (quick ? [sessions] : [100, 1000]),
      instances: Number(setting(argv, 'compare-instances') ?? 1),
      redisUrl: process.env.REDIS_URL || undefined,
      rounds: Number(setting(argv, 'rounds') ?? (quick ? 1 : 2)),
      othersLimitPercent: Number(setting(argv, 'others-limit') ?? 30),
      baseline,
      variants,
    },
  };
  return smoke ? smokeOptions(options) : options;
}
