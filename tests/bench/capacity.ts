import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { FakeProvider } from '../fixtures/fake-provider/server.ts';
import { repoRoot, startServerProcess, type ServerProcess } from './server-process.ts';
import type { IdleTabsCommand, IdleTabsMessage } from './idle-tabs.ts';
import { cpuSeconds, CpuSampler, rssBytes } from './process-stats.ts';
import { now, summarize, type LatencySummary } from './stats.ts';
import { oursEnv } from './targets.ts';

export interface StormResult {
  keys: number;
  sockets: number;
  back: number;
  /** Kill -9 of the old process → the new one listening. */
  restartMs: number;
  backFromKillMs: LatencySummary;
  backFromReadyMs: LatencySummary;
  /** Of the new process from listening until every socket was back (or the deadline). */
  cpuSeconds: number;
  avgCpuPercent: number;
  peakCpuPercent: number;
  /** The processes holding the tabs, meanwhile: if they are busy, the clients set the pace. */
  clientsCpuPercent: number;
}

export interface CapacityResult {
  target: number;
  reached: number;
  refused: number;
  connectSeconds: number;
  baselineRssMB: number;
  rssMB: number;
  kbPerSocket: number;
  storms: StormResult[];
}

export interface CapacityOptions {
  sockets: number;
  /** Distinct keys per storm: one user's many tabs, then many users. */
  stormKeys: number[];
  /** Where the last server process writes its CPU profile (it covers the last storm). */
  profileDir?: string | undefined;
  log(line: string): void;
}

const workerScript = fileURLToPath(new URL('./idle-tabs.ts', import.meta.url));
const socketsPerWorker = 10_000;
const stormDeadlineMs = 60_000;

class IdleTabsWorker {
  readonly child: ChildProcess;
  connected = 0;
  refused = 0;
  back = 0;
  private reports: Array<(message: Extract<IdleTabsMessage, { type: 'report' }>) => void> = [];

  constructor() {
    this.child = fork(workerScript, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (message: IdleTabsMessage) => {
      if (message.type === 'progress') Object.assign(this, { connected: message.connected, refused: message.refused, back: message.back });
      else this.reports.shift()?.(message);
    });
  }

  command(command: IdleTabsCommand): void {
    this.child.send(command);
  }

  report(since: number): Promise<Extract<IdleTabsMessage, { type: 'report' }>> {
    return new Promise((resolve) => {
      this.reports.push(resolve);
      this.command({ type: 'report', since });
    });
  }

  close(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.command({ type: 'close' });
    return exited;
  }
}

const total = (workers: IdleTabsWorker[], field: 'connected' | 'refused' | 'back') => workers.reduce((sum, worker) => sum + worker[field], 0);

/** Waits until `done()`, or until the count has not changed for `plateauMs`; resolves with the count. */
async function waitForCount(count: () => number, done: () => boolean, deadlineMs: number, plateauMs = 8_000): Promise<number> {
  const deadline = performance.now() + deadlineMs;
  let last = -1;
  let lastChange = performance.now();
  while (!done() && performance.now() < deadline && performance.now() - lastChange < plateauMs) {
    await sleep(100);
    if (count() !== last) {
      last = count();
      lastChange = performance.now();
    }
  }
  return count();
}

async function connectIdleTabs(url: string, sockets: number, keyCount: number, keyOffset: number): Promise<IdleTabsWorker[]> {
  const workers = Array.from({ length: Math.ceil(sockets / socketsPerWorker) }, () => new IdleTabsWorker());
  workers.forEach((worker, i) => {
    const count = Math.min(socketsPerWorker, sockets - i * socketsPerWorker);
    worker.command({ type: 'connect', url, count, keyCount, keyOffset, concurrency: 100 });
  });
  await waitForCount(() => total(workers, 'connected'), () => total(workers, 'connected') + total(workers, 'refused') >= sockets, 180_000);
  return workers;
}

/** Kills the server outright, starts a new one on the same port, and times every tab's return. */
async function storm(instance: ServerProcess, env: Record<string, string>, workers: IdleTabsWorker[], keys: number): Promise<{ result: StormResult; instance: ServerProcess }> {
  const sockets = total(workers, 'connected');
  const port = new URL(instance.url).port;
  const killedAt = now();
  for (const worker of workers) worker.command({ type: 'storm', since: killedAt });
  await instance.stop('SIGKILL');
  const next = await startServerProcess(repoRoot, { ...env, PORT: port });
  const readyAt = now();
  const pid = next.process.pid!;
  const cpuAtReady = cpuSeconds(pid);
  const clientPids = workers.map((worker) => worker.child.pid!);
  const clientsAtReady = clientPids.map(cpuSeconds);
  const sampler = new CpuSampler(pid);
  sampler.start(250);
  // Longer than the client's longest back-off (5 s ± 50%), so a pause in returns is not taken for the end.
  await waitForCount(() => total(workers, 'back'), () => total(workers, 'back') >= sockets, stormDeadlineMs, 15_000);
  const allBackAt = now();
  sampler.stop();
  const used = cpuSeconds(pid) - cpuAtReady;
  const clientsUsed = clientPids.reduce((sum, clientPid, i) => sum + cpuSeconds(clientPid) - clientsAtReady[i]!, 0);
  const reports = await Promise.all(workers.map((worker) => worker.report(killedAt)));
  const backAt = reports.flatMap((report) => report.backAt);
  const result: StormResult = {
    keys,
    sockets,
    back: backAt.length,
    restartMs: readyAt - killedAt,
    backFromKillMs: summarize(backAt.map((at) => at - killedAt)),
    backFromReadyMs: summarize(backAt.map((at) => Math.max(0, at - readyAt))),
    cpuSeconds: used,
    avgCpuPercent: (100 * used * 1000) / Math.max(1, allBackAt - readyAt),
    peakCpuPercent: sampler.peak,
    clientsCpuPercent: (100 * clientsUsed * 1000) / Math.max(1, allBackAt - readyAt),
  };
  return { result, instance: next };
}

/**
 * How many idle signed-in sockets one instance holds and what each costs in RSS; then reconnect
 * storms: all of them connected, the server killed and restarted on the same port.
 */
export async function measureConnections(provider: FakeProvider, options: CapacityOptions): Promise<CapacityResult> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'gptlab-bench-idle-'));
  const env = oursEnv({ providerUrl: provider.url, batchWindowMs: 16, profileDir: options.profileDir }, dataDir, randomBytes(32).toString('base64'));
  let instance = await startServerProcess(repoRoot, env);
  let workers: IdleTabsWorker[] = [];
  try {
    await sleep(2000);
    const baseline = rssBytes(instance.process.pid!);
    const started = performance.now();
    workers = await connectIdleTabs(instance.url, options.sockets, options.stormKeys[0] ?? 1, 1000);
    const connectSeconds = (performance.now() - started) / 1000;
    await sleep(3000);
    const reached = total(workers, 'connected');
    const rss = rssBytes(instance.process.pid!);
    options.log(`  ${reached} of ${options.sockets} idle sockets in ${connectSeconds.toFixed(1)} s, ${((rss - baseline) / 1024 / Math.max(1, reached)).toFixed(1)} KB RSS each`);
    const result: CapacityResult = {
      target: options.sockets,
      reached,
      refused: total(workers, 'refused'),
      connectSeconds,
      baselineRssMB: baseline / 2 ** 20,
      rssMB: rss / 2 ** 20,
      kbPerSocket: (rss - baseline) / 1024 / Math.max(1, reached),
      storms: [],
    };
    for (const [i, keys] of options.stormKeys.entries()) {
      if (i > 0) {
        await Promise.all(workers.map((worker) => worker.close()));
        workers = await connectIdleTabs(instance.url, reached, keys, 1000 + i * 100_000);
      }
      const outcome = await storm(instance, env, workers, keys);
      instance = outcome.instance;
      const { result: s } = outcome;
      options.log(`  storm, ${keys} key(s): ${s.back}/${s.sockets} back, p50 ${(s.backFromKillMs.p50 / 1000).toFixed(2)} s, p95 ${(s.backFromKillMs.p95 / 1000).toFixed(2)} s after the kill; server CPU avg ${s.avgCpuPercent.toFixed(0)}%, peak ${s.peakCpuPercent.toFixed(0)}%, clients ${s.clientsCpuPercent.toFixed(0)}%`);
      result.storms.push(s);
    }
    return result;
  } finally {
    await Promise.all(workers.map((worker) => worker.close()));
    await instance.stop('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  }
}
