import path from 'node:path';
import type { FakeProvider } from '../fixtures/fake-provider/server.ts';
import { runFanOut, type FanOutResult, type FanOutShape } from './load.ts';
import { startFloor, startOurs, type Target } from './targets.ts';

export type RelayName = 'ours (16 ms batching)' | 'ours (no batching)' | 'ours (50 ms batching)' | 'floor' | 'ours, 2 instances + Redis';

const batchWindows: Record<Exclude<RelayName, 'floor'>, number> = {
  'ours (16 ms batching)': 16,
  'ours (no batching)': 0,
  'ours (50 ms batching)': 50,
  'ours, 2 instances + Redis': 16,
};

export interface BenchContext {
  provider: FakeProvider;
  /** When set, every server process writes a CPU profile under this folder. */
  profileDir: string | undefined;
  log(line: string): void;
}

function profileFolder(context: BenchContext, name: string): string | undefined {
  return context.profileDir ? path.join(context.profileDir, name.replace(/[^a-z0-9]+/gi, '-')) : undefined;
}

async function startRelay(name: RelayName, context: BenchContext, redisUrl?: string): Promise<Target> {
  const { provider } = context;
  const profileDir = profileFolder(context, name);
  if (name === 'floor') return startFloor(provider.url, profileDir);
  const instances = name === 'ours, 2 instances + Redis' ? 2 : 1;
  return startOurs({ providerUrl: provider.url, batchWindowMs: batchWindows[name], instances, redisUrl, profileDir });
}

/** One fresh relay process (or two), one load, one measuring window. */
export async function measure(name: RelayName, shape: FanOutShape, context: BenchContext, redisUrl?: string): Promise<FanOutResult> {
  const target = await startRelay(name, context, redisUrl);
  try {
    const result = await runFanOut(name, target, context.provider, shape);
    context.log(`  ${name.padEnd(26)} ${shape.sessions} sessions × ${shape.tabsPerSession} tabs: ${Math.round(result.tokensPerSecond)} tokens/s, p50 ${result.latencyMs.p50.toFixed(1)} ms, p99 ${result.latencyMs.p99.toFixed(1)} ms, server CPU ${result.serverCpuPercent.toFixed(0)}%`);
    return result;
  } finally {
    await target.stop();
  }
}

/** The same load through each relay in turn, the floor first. */
export async function compareRelays(names: RelayName[], shape: FanOutShape, context: BenchContext): Promise<FanOutResult[]> {
  const results: FanOutResult[] = [];
  for (const name of names) results.push(await measure(name, shape, context));
  return results;
}

export interface CurvePoint {
  ours: FanOutResult;
  floor: FanOutResult;
}

export interface ScalingCurve {
  /** What grows along the curve. */
  axis: 'sessions' | 'tabsPerSession';
  points: CurvePoint[];
  /** The first point where our p99 passes `latencyLimitMs`, or null if none did. */
  capacity: { limitMs: number; firstOver: number | null; lastUnder: number | null };
  /** The same for the floor, measured at the same points. */
  floorCapacity: { limitMs: number; firstOver: number | null; lastUnder: number | null };
}

/** Latency and CPU of ours and of the floor as one dimension of the load grows. */
export async function scalingCurve(axis: ScalingCurve['axis'], values: number[], base: FanOutShape, context: BenchContext, reuse: CurvePoint[] = []): Promise<ScalingCurve> {
  const limitMs = 50;
  const points: CurvePoint[] = [];
  for (const value of values) {
    const shape = { ...base, [axis]: value };
    const known = reuse.find((point) => point.ours.shape[axis] === value && point.ours.shape.sessions === shape.sessions && point.ours.shape.tabsPerSession === shape.tabsPerSession);
    points.push(known ?? { floor: await measure('floor', shape, context), ours: await measure('ours (16 ms batching)', shape, context) });
  }
  const capacityOf = (relay: 'ours' | 'floor') => {
    const over = points.find((point) => point[relay].latencyMs.p99 > limitMs);
    const under = points.filter((point) => point[relay].latencyMs.p99 <= limitMs).at(-1);
    return { limitMs, firstOver: over ? over[relay].shape[axis] : null, lastUnder: under ? under[relay].shape[axis] : null };
  };
  return { axis, points, capacity: capacityOf('ours'), floorCapacity: capacityOf('floor') };
}
