/**
 * Where a process spent its CPU: self time per function and per package from a V8 .cpuprofile
 * (written by `node --cpu-prof`, which `BENCH_PROFILE=1 npm run bench` passes to the servers).
 *
 *   node tests/bench/profile-summary.ts bench-results/profiles-…/ours-16-ms-batching-/CPU.*.cpuprofile [top] [--windows=bench-results/RUN.json]
 *
 * With --windows, only samples inside that run's measuring windows count (no start-up, no teardown).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  /** µs on CLOCK_MONOTONIC, like each sample's time (startTime plus the deltas so far). */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** [start, end] in µs on CLOCK_MONOTONIC: the benchmark's measuring windows (FanOutResult.windowMonotonicMicros). */
export type ProfileWindow = [number, number];

export interface ProfileEntry {
  name: string;
  percent: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  functions: ProfileEntry[];
  packages: ProfileEntry[];
  /**
   * Each sample charged to the innermost of our own modules on its stack (server/src/features/guard,
   * server/src/realtime/…): what our code asked for, libraries and Node included. Samples with none
   * of ours on the stack are charged to what they are (GC, module loading, socket.io on its own).
   */
  owners: ProfileEntry[];
  /** Time with the function anywhere on the stack (its callees included), once per sample. */
  inclusive: ProfileEntry[];
}

/** server/src/features/guard/x.ts → server/src/features/guard; server/src/app.ts → server/src/app.ts. */
function ownModuleOf(url: string): string | null {
  const match = /\/(server\/src\/(?:features|realtime|llm|store|http)\/[^/]+|server\/src\/[^/]+\.ts|common\/src\/[^/]+)/.exec(url);
  if (!match?.[1]) return null;
  return match[1].replace(/\/(sqlite|mongo)$/, '/$1');
}

/** `node_modules/socket.io-parser/...` → socket.io-parser; our own files → server/src/<folder>. */
function packageOf(url: string): string {
  if (!url) return '(native / V8)';
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules?.[1]) return inModules[1];
  if (url.startsWith('node:')) return url.split('/')[0] ?? url;
  const ours = /\/(server\/src\/[^/]+|common\/src|tests\/[^/]+)/.exec(url);
  return ours?.[1] ?? url;
}

function top(totals: Map<string, number>, all: number, count: number): ProfileEntry[] {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, micros]) => ({ name, percent: (100 * micros) / all }));
}

/** Self time per profile node; with windows, only the samples taken inside one of them (start-up and teardown left out). */
function selfTimes(profile: CpuProfile, windows: ProfileWindow[] | undefined): Map<number, number> {
  const selfMicros = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (windows && !windows.some(([start, end]) => at >= start && at <= end)) return;
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + delta);
  });
  return selfMicros;
}

const frameName = (frame: ProfileNode['callFrame']) => {
  const where = frame.url ? `${frame.url.replace(/^.*\/(node_modules|work\/main|server\/src|tests\/bench)\//, '$1/')}:${frame.lineNumber + 1}` : '';
  return `${frame.functionName || '(anonymous)'} ${where}`.trim();
};

export function summarizeProfile(file: string, count = 15, windows?: ProfileWindow[]): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = selfTimes(profile, windows);
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const ownerCache = new Map<number, string>();
  const ownerOf = (id: number): string => {
    const cached = ownerCache.get(id);
    if (cached !== undefined) return cached;
    let owner: string | null = null;
    for (let at: number | undefined = id; at !== undefined && owner === null; at = parentOf.get(at)) owner = ownModuleOf(byId.get(at)?.callFrame.url ?? '');
    const frame = byId.get(id)?.callFrame;
    const result = owner ?? `(none of ours) ${frame?.functionName.startsWith('(') ? frame.functionName : packageOf(frame?.url ?? '')}`;
    ownerCache.set(id, result);
    return result;
  };
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  const owners = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let all = 0;
  for (const [id, micros] of selfMicros) {
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') continue;
    all += micros;
    const name = frameName(frame);
    functions.set(name, (functions.get(name) ?? 0) + micros);
    const onStack = new Set<string>();
    for (let up: number | undefined = id; up !== undefined; up = parentOf.get(up)) onStack.add(frameName(byId.get(up)!.callFrame));
    for (const caller of onStack) inclusive.set(caller, (inclusive.get(caller) ?? 0) + micros);
    const pkg = packageOf(frame.url);
    packages.set(pkg, (packages.get(pkg) ?? 0) + micros);
    const owner = ownerOf(id);
    owners.set(owner, (owners.get(owner) ?? 0) + micros);
  }
  inclusive.delete('(root)');
  return { file, totalMs: all / 1000, functions: top(functions, all, count), packages: top(packages, all, count), owners: top(owners, all, count), inclusive: top(inclusive, all, count) };
}

/** The measuring windows recorded anywhere in a run's results, to leave start-up and teardown out of a profile. */
export function windowsIn(results: unknown): ProfileWindow[] {
  const windows: ProfileWindow[] = [];
  JSON.stringify(results, (key, value: unknown) => {
    if (key === 'windowMonotonicMicros') windows.push(value as ProfileWindow);
    return value;
  });
  return windows;
}

const windowsOf = (resultsFile: string) => windowsIn(JSON.parse(readFileSync(resultsFile, 'utf8')));

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const resultsFile = args.find((arg) => arg.startsWith('--windows='))?.slice('--windows='.length);
  const [file, count] = args.filter((arg) => !arg.startsWith('--'));
  if (!file) throw new Error('usage: node tests/bench/profile-summary.ts FILE.cpuprofile [top] [--windows=bench-results/RUN.json]');
  const summary = summarizeProfile(file, Number(count ?? 25), resultsFile ? windowsOf(resultsFile) : undefined);
  console.log(`${summary.file}: ${summary.totalMs.toFixed(0)} ms of CPU (idle excluded)\n\nBy our module that asked for it:`);
  for (const entry of summary.owners) console.log(`  ${entry.percent.toFixed(1).padStart(5)}%  ${entry.name}`);
  console.log('\nBy package (self time):');
  for (const entry of summary.packages) console.log(`  ${entry.percent.toFixed(1).padStart(5)}%  ${entry.name}`);
  console.log('\nBy function (self time):');
  for (const entry of summary.functions) console.log(`  ${entry.percent.toFixed(1).padStart(5)}%  ${entry.name}`);
  console.log('\nBy function (inclusive: with what it called):');
  for (const entry of summary.inclusive) console.log(`  ${entry.percent.toFixed(1).padStart(5)}%  ${entry.name}`);
}
