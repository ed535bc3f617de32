import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FakeProvider } from '../fixtures/fake-provider/server.ts';
import { markerFor, TokenLedger, type DeliveryErrors } from './ledger.ts';
import { loadavg } from 'node:os';
import { CpuMeter, residentParts, rssBytes } from './process-stats.ts';
import { now, type LatencySummary } from './stats.ts';
import { benchKey, openFloorSession, openOursSession, type BenchSession } from './tabs.ts';
import type { ServerMetrics, Target } from './targets.ts';

export interface FanOutShape {
  sessions: number;
  tabsPerSession: number;
  tokensPerReply: number;
  /** Upstream delay before each token: 20 ms is 50 tokens/s per session. */
  tokenDelayMs: number;
  warmupMs: number;
  durationMs: number;
  /** Distinct API keys (users); sessions are dealt round-robin. */
  keys: number;
  /**
   * With several instances: 'cross' puts every reader on another instance than the writer (the
   * worst case for Redis); 'balanced' puts each tab on an instance at random, as a load balancer
   * with no session affinity would (a session's tabs share an instance 1/N of the time).
   */
  placement?: 'cross' | 'balanced';
}

export interface FanOutResult {
  label: string;
  shape: FanOutShape;
  tabs: number;
  setupSeconds: number;
  tokensPerSecond: number;
  framesPerSecond: number;
  upstreamChunksPerSecond: number;
  latencyMs: LatencySummary;
  /** Newest token of each frame: what remains once a batching window is discounted. */
  freshestMs: LatencySummary;
  /** Tabs on another instance than the one writing the reply (two-instance runs). */
  crossInstanceMs?: LatencySummary;
  eventLoopLagP99Ms: number;
  serverCpuPercent: number;
  serverRssMB: number;
  /** The JS heap: what is live, and what V8 has reserved for it (the rest of RSS is native memory). */
  serverHeapUsedMB: number;
  serverHeapTotalMB: number;
  /** Memory V8 accounts to JS objects outside its heap: Buffers and ArrayBuffers above all. */
  serverExternalMB: number;
  /** RSS that is not file-backed: the heap, malloc arenas, buffers (what the load adds to). */
  serverAnonymousMB: number;
  /** The machine's 1-minute load average when this measurement started: a busy machine shows here first. */
  loadAtStart: number;
  benchCpuPercent: number;
  machineBusyPercent: number;
  /** CPU of everything else on the machine (other users' tests; Redis unless measured apart), % of one core. */
  otherCpuPercent: number;
  /** Of that, Redis's (when the relay uses it and it runs here; other users of the same Redis included). */
  sidecarCpuPercent?: number;
  errors: DeliveryErrors;
  /** The measuring window on the monotonic clock V8's CPU profiles use (µs), to profile only that window. */
  windowMonotonicMicros: [number, number];
}

/** CLOCK_MONOTONIC in µs: the clock of a .cpuprofile's timestamps, in every process on the machine. */
const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

const setupConcurrency = 50;

async function inBatches<T>(count: number, concurrency: number, make: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await make(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

function openSessions(target: Target, shape: FanOutShape, ledger: TokenLedger): Promise<BenchSession[]> {
  return inBatches(shape.sessions, setupConcurrency, (i) => {
    const apiKey = benchKey(i % shape.keys);
    if (target.kind === 'floor') return openFloorSession(target.urls[0]!, shape.tabsPerSession, apiKey, ledger);
    const count = target.urls.length;
    // 'cross': the writing tab alternates, and every other tab sits on the next instance.
    const writer = shape.placement === 'balanced' ? Math.floor(Math.random() * count) : i % count;
    const placements = Array.from({ length: shape.tabsPerSession }, (_, tab) => {
      const instance = tab === 0 ? writer : shape.placement === 'balanced' ? Math.floor(Math.random() * count) : (writer + 1) % count;
      return { url: target.urls[instance]!, cross: instance !== writer, protocol: target.protocol };
    });
    return openOursSession(placements, apiKey, ledger);
  });
}

/** Each session asks for one reply after another until told to stop; starts are spread over one reply. */
async function converse(session: BenchSession, shape: FanOutShape, ledger: TokenLedger, stopping: () => boolean): Promise<void> {
  const replyMs = shape.tokensPerReply * shape.tokenDelayMs;
  await sleep(Math.random() * replyMs);
  while (!stopping()) {
    const key = randomUUID();
    const text = `[[tokens:${shape.tokensPerReply}]] [[delay:${shape.tokenDelayMs}]] ${markerFor(key)}`;
    try {
      await session.exchange(key, text, replyMs * 4 + 30_000);
    } catch (err) {
      ledger.fail((err as Error).message);
      await sleep(1000);
    }
    await sleep(20 + Math.random() * 80);
  }
}

const sumOf = (values: number[]) => values.reduce((sum, value) => sum + value, 0);

/**
 * Runs the fan-out load against one relay: opens every session and tab, lets the conversations
 * settle, then measures a window of `durationMs`.
 */
export async function runFanOut(label: string, target: Target, provider: FakeProvider, shape: FanOutShape): Promise<FanOutResult> {
  const loadAtStart = loadavg()[0] ?? Number.NaN;
  const ledger = new TokenLedger(provider, shape.tokensPerReply);
  const setupStart = performance.now();
  const sessions = await openSessions(target, shape, ledger);
  const setupSeconds = (performance.now() - setupStart) / 1000;
  let stopping = false;
  const conversations = sessions.map((session) => converse(session, shape, ledger, () => stopping));
  try {
    await sleep(shape.warmupMs);
    const meter = new CpuMeter(target.pids);
    const sidecars = new CpuMeter(target.sidecarPids ?? []);
    await target.metrics(); // resets the event-loop histograms
    meter.start();
    sidecars.start();
    const windowStart = now();
    const windowStartMicros = monotonicMicros();
    ledger.openWindow(windowStart);
    await sleep(shape.durationMs);
    const windowEnd = now();
    const windowEndMicros = monotonicMicros();
    ledger.closeWindow(windowEnd);
    const cpu = meter.stop();
    const sidecarCpu = sidecars.stop();
    const metrics: ServerMetrics[] = await target.metrics();
    const resident = target.pids.map(residentParts);
    const seconds = (windowEnd - windowStart) / 1000;
    const serverCpuPercent = sumOf(cpu.processes.map((p) => p.percent));
    stopping = true;
    await Promise.all(conversations);
    return {
      label,
      shape,
      tabs: shape.sessions * shape.tabsPerSession,
      setupSeconds,
      tokensPerSecond: ledger.deliveries / seconds,
      framesPerSecond: ledger.frames / seconds,
      upstreamChunksPerSecond: ledger.upstreamChunks / seconds,
      latencyMs: ledger.latency.summary(),
      freshestMs: ledger.freshest.summary(),
      crossInstanceMs: target.urls.length > 1 ? ledger.cross.summary() : undefined,
      eventLoopLagP99Ms: Math.max(...metrics.map((m) => m.eventLoopLagMs.p99)),
      serverCpuPercent,
      // From /proc, so that every process counts (a cluster's primary and workers answer metrics one at a time).
      serverRssMB: sumOf(target.pids.map(rssBytes)) / 2 ** 20,
      serverHeapUsedMB: sumOf(metrics.map((m) => m.heap.usedBytes)) / 2 ** 20,
      serverHeapTotalMB: sumOf(metrics.map((m) => m.heap.totalBytes)) / 2 ** 20,
      serverExternalMB: sumOf(metrics.map((m) => m.heap.externalBytes)) / 2 ** 20,
      serverAnonymousMB: sumOf(resident.map((r) => r.anonymousBytes)) / 2 ** 20,
      loadAtStart,
      benchCpuPercent: cpu.benchProcess.percent,
      machineBusyPercent: cpu.machineBusyPercent,
      otherCpuPercent: Math.max(0, cpu.machineBusyPercent * cpu.cores - serverCpuPercent - cpu.benchProcess.percent - sumOf(sidecarCpu.processes.map((p) => p.percent))),
      errors: ledger.errors,
      sidecarCpuPercent: target.sidecarPids?.length ? sumOf(sidecarCpu.processes.map((p) => p.percent)) : undefined,
      windowMonotonicMicros: [windowStartMicros, windowEndMicros],
    };
  } finally {
    stopping = true;
    for (const session of sessions) session.close();
    ledger.close();
  }
}
