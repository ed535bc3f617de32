/**
 * Exploratory: one relay at one load, with the server's memory taken apart mid-window.
 *   PROBE_RELAY=ours|floor PROBE_SESSIONS=1000 PROBE_ENV='{"MALLOC_ARENA_MAX":"2"}' node tests/bench/memory-probe.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadavg } from 'node:os';
import { startFakeProvider } from '../fixtures/fake-provider/server.ts';
import { runFanOut } from './load.ts';
import { startFloor, startOurs } from './targets.ts';
import { cpuMicrosPerToken } from './report.ts';

const relay = process.env.PROBE_RELAY ?? 'ours';
const sessions = Number(process.env.PROBE_SESSIONS ?? 1000);
const extra = JSON.parse(process.env.PROBE_ENV ?? '{}') as Record<string, string>;
Object.assign(process.env, extra);
const provider = await startFakeProvider({ tokenDelayMs: 1 });
const target = relay === 'floor' ? await startFloor(provider.url) : await startOurs({ providerUrl: provider.url, batchWindowMs: 16 });
const pid = target.pids[0]!;
const smaps = () => Object.fromEntries(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').split('\n').map((l) => /^(\w+):\s+(\d+) kB/.exec(l)).filter((m) => m).map((m) => [m![1], Math.round(Number(m![2]) / 1024)]));
console.log('load', loadavg().map((l) => l.toFixed(2)).join(' '), 'idle', JSON.stringify(smaps()));
const shape = { sessions, tabsPerSession: 2, tokensPerReply: 150, tokenDelayMs: 20, warmupMs: 4000, durationMs: Number(process.env.PROBE_MS ?? 8000), keys: 10 };
let peak: Record<string, number> = {};
const sampler = setInterval(() => {
  const s = smaps();
  if ((s.Rss ?? 0) > (peak.Rss ?? 0)) peak = s;
}, 500);
// Snapshot once every tab is connected (one descriptor each) and the load has had its warm-up.
const openFiles = () => readdirSync(`/proc/${pid}/fd`).length;
if (process.env.PROBE_SNAPSHOT) {
  const waitForTabs = setInterval(() => {
    if (openFiles() < shape.sessions * shape.tabsPerSession) return;
    clearInterval(waitForTabs);
    setTimeout(() => process.kill(pid, 'SIGUSR2'), shape.warmupMs + 2000);
  }, 200);
}
const result = await runFanOut(relay, target, provider, shape);
clearInterval(sampler);
const m = (await target.metrics())[0]!;
console.log(JSON.stringify({ relay, sessions, extra, tokensPerSecond: Math.round(result.tokensPerSecond), p99: result.latencyMs.p99.toFixed(1), cpu: result.serverCpuPercent.toFixed(0), cpuPerToken: cpuMicrosPerToken(result).toFixed(1), rssMB: result.serverRssMB.toFixed(0), heapUsedMB: result.serverHeapUsedMB.toFixed(0), heapTotalMB: result.serverHeapTotalMB.toFixed(0), externalMB: (m.heap.externalBytes / 2 ** 20).toFixed(0), others: result.otherCpuPercent.toFixed(0), errors: result.errors }));
console.log('peak smaps MB', JSON.stringify(peak));
if (process.env.PROBE_HOLD) await sleep(Number(process.env.PROBE_HOLD));
await target.stop();
await provider.close();
