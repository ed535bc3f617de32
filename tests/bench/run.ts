/**
 * `npm run bench`: the product against a floor, in the same run, on this machine. Prints tables and
 * writes bench-results/<timestamp>.json (and a chart of the scaling curves). Options: README.md,
 * section Benchmark; tests/bench/options.ts.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeProvider } from '../fixtures/fake-provider/server.ts';
import { measureConnections } from './capacity.ts';
import { checkoutOf } from './baseline.ts';
import { measureCatchUp } from './catch-up.ts';
import { compareContenders, parseVariant, type Contender } from './compare.ts';
import { measureFairness } from './fairness.ts';
import { measureInstances } from './instances.ts';
import { curvesChart } from './chart.ts';
import { checkDesignTargets } from './design-targets.ts';
import { readOptions, type Phase } from './options.ts';
import { summarizeProfile, windowsIn, type ProfileSummary } from './profile-summary.ts';
import { catchUpTable, comparisonTable, connectionsTable, instancesTable, curveTable, fairnessTable, fanOutTable, type BenchResults } from './report.ts';
import { deliveryProblems } from './sanity.ts';
import { compareRelays, measure, scalingCurve, type BenchContext, type CurvePoint } from './scenarios.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const options = readOptions();
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const outDir = path.join(repoRoot, 'bench-results');
const profileDir = options.profile ? path.join(outDir, `profiles-${stamp}`) : undefined;
const started = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const shapeText = (s: { sessions: number; tabsPerSession: number; tokensPerReply: number; tokenDelayMs: number }) =>
  `${s.sessions} sessions × ${s.tabsPerSession} tabs, replies of ${s.tokensPerReply} tokens at ${Math.round(1000 / s.tokenDelayMs)} tokens/s each`;
const machine = () => ({ cpus: cpus().length, model: cpus()[0]?.model ?? '?', memoryGB: Math.round(totalmem() / 2 ** 30), node: process.version, loadavg: loadavg().map((l) => Number(l.toFixed(2))) });

const provider = await startFakeProvider({ tokenDelayMs: 1 });
const context: BenchContext = { provider, profileDir, log };
const results: BenchResults = {};
const machineAtStart = machine();
const run = (phase: Phase) => options.only.has(phase);
log(`GPT Lab benchmark${options.smoke ? ' (smoke)' : options.quick ? ' (quick)' : ''} on ${machineAtStart.cpus} × ${machineAtStart.model}, load ${machineAtStart.loadavg.join(' ')}`);

try {
  if (run('compare')) {
    const { baseline, variants } = options.compare;
    const before = baseline ? await checkoutOf(baseline) : undefined;
    const contenders: Contender[] = [
      { label: 'floor', kind: 'floor' },
      ...(before ? [{ label: 'before', kind: 'ours' as const, root: before.root }] : []),
      ...variants.map(parseVariant),
      { label: 'ours', kind: 'ours' },
    ];
    log(`Compare: ${contenders.map((c) => c.label).join(', ')}${before ? ` ("before" is ${before.commit})` : ''}, ${options.compare.rounds} round(s) at ${options.compare.sessions.join(', ')} sessions`);
    const points = await compareContenders(contenders, options.curveShape, options.compare, context);
    results.comparison = { contenders: contenders.map((c) => c.label), baselineCommit: before?.commit, points };
  }
  if (run('fanout') || run('curves')) {
    log(`Fan-out: ${shapeText(options.headline)}`);
    results.fanOut = await compareRelays(['floor', 'ours (16 ms batching)', 'ours (no batching)', ...(options.quick ? [] : ['ours (50 ms batching)' as const])], options.headline, context);
  }
  if (run('redis')) {
    if (options.redisUrl) {
      log('Two instances over Redis (REDIS_URL), tabs split across them');
      const redis = await measure('ours, 2 instances + Redis', options.headline, context, options.redisUrl);
      results.redis = redis;
    } else {
      log('Two instances over Redis: skipped, REDIS_URL is not set');
      results.redis = { skipped: 'REDIS_URL is not set' };
    }
  }
  if (run('curves')) {
    const reuse: CurvePoint[] = [];
    const floor = results.fanOut?.find((r) => r.label === 'floor');
    const ours = results.fanOut?.find((r) => r.label === 'ours (16 ms batching)');
    if (floor && ours) reuse.push({ floor, ours });
    log('Scaling curve: sessions');
    const bySessions = await scalingCurve('sessions', options.sessionSteps, options.curveShape, context, reuse);
    log('Scaling curve: tabs per session');
    const byTabs = await scalingCurve('tabsPerSession', options.tabSteps, { ...options.curveShape, sessions: options.tabCurveSessions }, context);
    results.curves = [bySessions, byTabs];
  }
  if (run('instances')) {
    if (options.redisUrl) {
      log(`Instances × capacity: ${options.instanceSteps.join(', ')} instance(s) over Redis, up to ${options.instanceSessionSteps.join(', ')} sessions`);
      results.instances = await measureInstances({ instanceSteps: options.instanceSteps, workerSteps: options.workerSteps, sessionSteps: options.instanceSessionSteps, redisUrl: options.redisUrl }, options.curveShape, context);
    } else {
      log('Instances × capacity: skipped, REDIS_URL is not set');
      results.instances = { skipped: 'REDIS_URL is not set' };
    }
  }
  if (run('connections')) {
    log(`Connections: ${options.idleSockets} idle signed-in sockets, then reconnect storms`);
    results.connections = await measureConnections(provider, { sockets: options.idleSockets, stormKeys: options.stormKeys, profileDir: profileDir && path.join(profileDir, 'connections'), log });
  }
  if (run('catchup')) {
    log('Catch-up: tabs dropped mid-reply');
    results.catchUp = await measureCatchUp(provider, options.catchUp);
  }
  if (run('fairness')) {
    log('Fairness: one user floods each expensive request at its allowed rate');
    results.fairness = await measureFairness(provider, options.fairness, log);
  }
} finally {
  await provider.close();
}

const profiles: ProfileSummary[] = [];
if (profileDir) {
  // The connections phase has no measuring window: its profile covers the whole process.
  const windows = windowsIn(results);
  for (const folder of await readdir(profileDir).catch(() => [])) {
    for (const file of await readdir(path.join(profileDir, folder))) profiles.push({ ...summarizeProfile(path.join(profileDir, folder, file), 12, folder === 'connections' ? undefined : windows), file: path.join(folder, file) });
  }
}

const targets = checkDesignTargets(results);
const sections: string[] = [];
if (results.fanOut) sections.push(`## Fan-out: ${shapeText(options.headline)}\n\n${fanOutTable(results.redis && 'label' in results.redis ? [...results.fanOut, results.redis] : results.fanOut)}`);
if (results.comparison) sections.push(`## Compare: the same load through each in turn\n\n${comparisonTable(results.comparison)}`);
if (results.curves) for (const curve of results.curves) sections.push(`## Scaling: ${curve.axis === 'sessions' ? 'sessions grow' : 'tabs per session grow'}\n\n${curveTable(curve)}`);
if (results.instances && 'points' in results.instances) sections.push(`## Instances × capacity\n\n${instancesTable(results.instances)}`);
if (results.connections) sections.push(`## Connections\n\n${connectionsTable(results.connections)}`);
if (results.catchUp) sections.push(`## Catch-up\n\n${catchUpTable(results.catchUp)}`);
if (results.fairness) sections.push(`## Fairness: a bystander opening a small session while one tab floods (at its allowed 30 requests/s)\n\n${fairnessTable(results.fairness)}`);
sections.push(`## DESIGN.md section 5 targets\n\n${targets.map((t) => `- [${t.met === null ? ' ' : t.met ? 'met' : 'MISSED'}] ${t.target}: ${t.measured}`).join('\n')}`);
for (const profile of profiles) {
  const lines = (entries: typeof profile.functions) => entries.map((f) => `  ${f.percent.toFixed(1).padStart(5)}%  ${f.name}`).join('\n');
  sections.push(`## CPU profile ${profile.file} (${profile.totalMs.toFixed(0)} ms in the measuring windows)\n\nBy our module that asked for it:\n${lines(profile.owners)}\n\nBy function (self time):\n${lines(profile.functions)}\n\nBy function (inclusive):\n${lines(profile.inclusive)}`);
}

const machineAtEnd = machine();
const notes = `Latency: upstream chunk written by the fake provider → frame parsed at the tab, one clock. "newest p99": per frame, its newest token (what a batching window does not explain). Figures in ms; CPU in % of one core (200% = both cores of this machine); "bench CPU" is the load generator with the fake provider; "others CPU" is every other process on the machine during the window (other users' tests; Redis in the Redis run). Load average at start ${machineAtStart.loadavg.join(' ')}, at end ${machineAtEnd.loadavg.join(' ')}.`;
console.log(`\n${sections.join('\n\n')}\n\n${notes}`);

await mkdir(outDir, { recursive: true });
const jsonFile = path.join(outDir, `${stamp}.json`);
await writeFile(jsonFile, JSON.stringify({ startedAt: stamp, options: { ...options, only: [...options.only], redisUrl: options.redisUrl ? 'set' : undefined }, machineAtStart, machineAtEnd, results, targets, profiles }, null, 2));
if (results.curves) await writeFile(path.join(outDir, `${stamp}-curves.svg`), curvesChart(results.curves));
log(`Results written to ${path.relative(repoRoot, jsonFile)}${profileDir ? `; CPU profiles in ${path.relative(repoRoot, profileDir)}` : ''}`);
const problems = deliveryProblems(results);
for (const problem of problems) log(`PROBLEM: ${problem}`);
if (options.smoke && problems.length > 0) process.exitCode = 1;
