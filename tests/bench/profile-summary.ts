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
  children?: number[];
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
  /**
   * Each sample charged to the innermost of our own modules on its stack (server/src/features/guard,
   * server/src/realtime/…): what our code asked for, libraries and Node included. Samples with none
   * of ours on the stack are charged to what they are (GC, module loading, socket.io on its own).
   */
  owners: ProfileEntry[];
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

export function summarizeProfile(file: string, count = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
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
    const owner = ownerOf(id);
    owners.set(owner, (owners.get(owner) ?? 0) + micros);
  }
  return { file, totalMs: all / 1000, functions: top(functions, all, count), packages: top(packages, all, count), owners: top(owners, all, count) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, count] = process.argv.slice(2);
  if (!file) throw new Error('usage: node tests/bench/profile-summary.ts FILE.cpuprofile [top]');
  const summary = summarizeProfile(file, Number(count ?? 25));
  console.log(`${summary.file}: ${summary.totalMs.toFixed(0)} ms of CPU (idle excluded)\n\nBy our module that asked for it:`);
  for (const entry of summary.owners) console.log(`  ${entry.percent.toFixed(1).padStart(5)}%  ${entry.name}`);
  console.log('\nBy package (self time):');
  for (const entry of summary.packages) console.log(`  ${entry.percent.toFixed(1).padStart(5)}%  ${entry.name}`);
  console.log('\nBy function (self time):');
  for (const entry of summary.functions) console.log(`  ${entry.percent.toFixed(1).padStart(5)}%  ${entry.name}`);
}
