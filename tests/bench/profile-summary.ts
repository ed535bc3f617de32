/**
 * Where a process spent its CPU: self time per function and per package from a V8 .cpuprofile
 * (written by `node --cpu-prof`, which `BENCH_PROFILE=1 npm run bench` passes to the servers).
 *
 *   node tests/bench/profile-summary.ts bench-results/profiles/ours-16ms/CPU.*.cpuprofile [top]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  name: string;
  percent: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  functions: ProfileEntry[];
  packages: ProfileEntry[];
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

export function summarizeProfile(file: string, count = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  let all = 0;
  for (const [id, micros] of selfMicros) {
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') continue;
    all += micros;
    const where = frame.url ? `${frame.url.replace(/^.*\/(node_modules|work\/main)\//, '')}:${frame.lineNumber + 1}` : '';
    const name = `${frame.functionName || '(anonymous)'} ${where}`.trim();
    functions.set(name, (functions.get(name) ?? 0) + micros);
    const pkg = packageOf(frame.url);
    packages.set(pkg, (packages.get(pkg) ?? 0) + micros);
  }
  return { file, totalMs: all / 1000, functions: top(functions, all, count), packages: top(packages, all, count) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, count] = process.argv.slice(2);
  if (!file) throw new Error('usage: node tests/bench/profile-summary.ts FILE.cpuprofile [top]');
  const summary = summarizeProfile(file, Number(count ?? 25));
  console.log(`${summary.file}: ${summary.totalMs.toFixed(0)} ms of CPU (idle excluded)\n\nBy package:`);
  for (const entry of summary.packages) console.log(`  ${entry.percent.toFixed(1).padStart(5)}%  ${entry.name}`);
  console.log('\nBy function (self time):');
  for (const entry of summary.functions) console.log(`  ${entry.percent.toFixed(1).padStart(5)}%  ${entry.name}`);
}
