/**
 * Where one core is not enough: several instances of ours on this machine behind the Redis adapter,
 * tabs spread over them as a load balancer with no session affinity would, and how many sessions
 * each count holds at p99 under the capacity line. One instance runs without Redis, as it would alone.
 */
import { Redis } from 'ioredis';
import { runFanOut, type FanOutResult, type FanOutShape } from './load.ts';
import type { BenchContext } from './scenarios.ts';
import { startOurs } from './targets.ts';

/** Separate processes on their own ports (the load generator spreads the tabs), or WORKERS=N on one port (the kernel does). */
export type InstancesMode = 'processes' | 'workers';

export interface InstancesCurve {
  limitMs: number;
  points: Array<{ instances: number; mode: InstancesMode; result: FanOutResult }>;
  /** Per instance count: the most sessions measured under the line, and the first over it. */
  capacity: Array<{ instances: number; mode: InstancesMode; lastUnder: number | null; firstOver: number | null }>;
}

export interface InstancesSettings {
  instanceSteps: number[];
  /** Worker counts to measure as production's WORKERS=N runs them (Node's cluster). */
  workerSteps: number[];
  sessionSteps: number[];
  redisUrl: string;
}

const limitMs = 50;

/** Redis's process id, if it runs on this machine (its CPU is then measured beside ours). */
async function redisPidOf(url: string): Promise<number | undefined> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const pid = Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1]);
    return Number.isFinite(pid) ? pid : undefined;
  } catch {
    return undefined;
  } finally {
    redis.disconnect();
  }
}

export async function measureInstances(settings: InstancesSettings, base: FanOutShape, context: BenchContext): Promise<InstancesCurve> {
  const redisPid = await redisPidOf(settings.redisUrl);
  const points: InstancesCurve['points'] = [];
  const capacity: InstancesCurve['capacity'] = [];
  const series = [...settings.instanceSteps.map((n) => ({ instances: n, mode: 'processes' as const })), ...settings.workerSteps.map((n) => ({ instances: n, mode: 'workers' as const }))];
  for (const { instances, mode } of series) {
    let lastUnder: number | null = null;
    let firstOver: number | null = null;
    for (const sessions of settings.sessionSteps) {
      const redisUrl = instances > 1 ? settings.redisUrl : undefined;
      const target = await startOurs({
        providerUrl: context.provider.url,
        batchWindowMs: 16,
        redisUrl,
        redisPid,
        ...(mode === 'workers' ? { env: { WORKERS: String(instances) } } : { instances }),
      });
      const label = mode === 'workers' ? `ours, WORKERS=${instances}` : `ours × ${instances}`;
      try {
        const result = await runFanOut(label, target, context.provider, { ...base, sessions, placement: 'balanced' });
        points.push({ instances, mode, result });
        const redisCpu = result.sidecarCpuPercent === undefined ? '' : `, Redis ${result.sidecarCpuPercent.toFixed(0)}%`;
        context.log(`  ${label} ${sessions} sessions × ${base.tabsPerSession}: load ${result.loadAtStart.toFixed(2)}, ${Math.round(result.tokensPerSecond)} tokens/s, p99 ${result.latencyMs.p99.toFixed(1)} ms, server CPU ${result.serverCpuPercent.toFixed(0)}%${redisCpu}, others ${result.otherCpuPercent.toFixed(0)}%`);
        if (result.latencyMs.p99 > limitMs) {
          firstOver = sessions;
          break; // past its capacity: larger loads only say it more loudly
        }
        lastUnder = sessions;
      } finally {
        await target.stop();
      }
    }
    capacity.push({ instances, mode, lastUnder, firstOver });
  }
  return { limitMs, points, capacity };
}
