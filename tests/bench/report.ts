import type { CapacityResult } from './capacity.ts';
import type { CatchUpResult } from './catch-up.ts';
import type { Comparison } from './compare.ts';
import type { FairnessResult } from './fairness.ts';
import type { InstancesCurve } from './instances.ts';
import type { FanOutResult } from './load.ts';
import type { ScalingCurve } from './scenarios.ts';
import { ratio, type LatencySummary } from './stats.ts';

export interface BenchResults {
  fanOut?: FanOutResult[];
  redis?: FanOutResult | { skipped: string };
  curves?: ScalingCurve[];
  connections?: CapacityResult;
  catchUp?: CatchUpResult;
  fairness?: FairnessResult;
  comparison?: Comparison;
  instances?: InstancesCurve | { skipped: string };
}

const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '–' : value >= 100 ? value.toFixed(0) : value.toFixed(1));
const int = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '–');
const times = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '–');

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  return [line(headers), `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** Server CPU spent per token delivered to a tab, in µs. */
export const cpuMicrosPerToken = (r: FanOutResult) => (r.serverCpuPercent / 100) * 1e6 / r.tokensPerSecond;
/** Server memory per tab connected, in KB. */
export const rssKbPerTab = (r: FanOutResult) => (r.serverRssMB * 1024) / r.tabs;

export const errorCount = (r: FanOutResult) => r.errors.failures + r.errors.outOfOrder + r.errors.incompleteReplies;

function fanOutRow(r: FanOutResult): string[] {
  return [
    r.label,
    int(r.tokensPerSecond),
    int(r.framesPerSecond),
    ms(r.latencyMs.p50),
    ms(r.latencyMs.p95),
    ms(r.latencyMs.p99),
    ms(r.freshestMs.p99),
    ms(r.crossInstanceMs?.p99),
    ms(r.eventLoopLagP99Ms),
    int(r.serverCpuPercent),
    int(r.serverRssMB),
    `${int(r.serverHeapUsedMB)} / ${int(r.serverHeapTotalMB)}`,
    int(r.benchCpuPercent),
    int(r.otherCpuPercent),
    String(errorCount(r)),
  ];
}

function ratioRow(r: FanOutResult, floor: FanOutResult): string[] {
  return [
    `${r.label} / floor`,
    times(ratio(r.tokensPerSecond, floor.tokensPerSecond)),
    times(ratio(r.framesPerSecond, floor.framesPerSecond)),
    times(ratio(r.latencyMs.p50, floor.latencyMs.p50)),
    times(ratio(r.latencyMs.p95, floor.latencyMs.p95)),
    times(ratio(r.latencyMs.p99, floor.latencyMs.p99)),
    times(ratio(r.freshestMs.p99, floor.freshestMs.p99)),
    times(ratio(r.crossInstanceMs?.p99 ?? Number.NaN, floor.latencyMs.p99)),
    times(ratio(r.eventLoopLagP99Ms, floor.eventLoopLagP99Ms)),
    times(ratio(r.serverCpuPercent, floor.serverCpuPercent)),
    times(ratio(r.serverRssMB, floor.serverRssMB)),
    '',
    '',
    '',
    '',
  ];
}

const fanOutHeaders = ['relay', 'tokens/s', 'frames/s', 'p50 ms', 'p95 ms', 'p99 ms', 'newest p99', 'cross p99', 'loop lag p99', 'server CPU %', 'RSS MB', 'heap MB live / reserved', 'bench CPU %', 'others CPU %', 'errors'];

export function fanOutTable(results: FanOutResult[]): string {
  const floor = results.find((r) => r.label === 'floor');
  const rows = results.map(fanOutRow);
  if (floor) for (const r of results) if (r !== floor) rows.push(ratioRow(r, floor));
  return table(fanOutHeaders, rows);
}

export function curveTable(curve: ScalingCurve): string {
  const rows = curve.points.map(({ ours, floor }) => [
    `${ours.shape.sessions} × ${ours.shape.tabsPerSession}`,
    int(ours.tokensPerSecond),
    int(floor.tokensPerSecond),
    ms(ours.latencyMs.p50),
    ms(floor.latencyMs.p50),
    ms(ours.latencyMs.p99),
    ms(floor.latencyMs.p99),
    times(ratio(ours.latencyMs.p99, floor.latencyMs.p99)),
    ms(ours.eventLoopLagP99Ms),
    int(ours.serverCpuPercent),
    int(floor.serverCpuPercent),
    ms(cpuMicrosPerToken(ours)),
    ms(cpuMicrosPerToken(floor)),
    times(ratio(cpuMicrosPerToken(ours), cpuMicrosPerToken(floor))),
    int(ours.serverRssMB),
    ms(rssKbPerTab(ours)),
    ms(rssKbPerTab(floor)),
    times(ratio(ours.serverRssMB, floor.serverRssMB)),
    int(ours.otherCpuPercent),
    int(floor.otherCpuPercent),
  ]);
  const unit = curve.axis === 'sessions' ? 'sessions' : 'tabs per session';
  const said = ({ limitMs, firstOver, lastUnder }: ScalingCurve['capacity']) =>
    firstOver === null ? `p99 stayed ≤ ${limitMs} ms up to ${lastUnder} ${unit}` : `p99 passes ${limitMs} ms between ${lastUnder ?? 0} and ${firstOver} ${unit}`;
  const capacity = `ours: ${said(curve.capacity)}; floor: ${said(curve.floorCapacity)}`;
  return `${table(['sessions × tabs', 'ours tok/s', 'floor tok/s', 'ours p50', 'floor p50', 'ours p99', 'floor p99', 'p99 ratio', 'ours lag p99', 'ours CPU %', 'floor CPU %', 'ours CPU µs/token', 'floor CPU µs/token', 'CPU/token ratio', 'ours RSS MB', 'ours RSS KB/tab', 'floor RSS KB/tab', 'RSS ratio', 'others CPU % (ours run)', 'others CPU % (floor run)'], rows)}\nCapacity: ${capacity}.`;
}

export function connectionsTable(c: CapacityResult): string {
  const head = `Idle signed-in sockets: ${int(c.reached)} of ${int(c.target)} (${c.refused} refused) in ${c.connectSeconds.toFixed(1)} s; server RSS ${int(c.baselineRssMB)} → ${int(c.rssMB)} MB = ${c.kbPerSocket.toFixed(1)} KB per socket.`;
  const rows = c.storms.map((s) => [
    `${s.keys} key(s)`,
    `${int(s.back)} / ${int(s.sockets)}`,
    ms(s.restartMs),
    ms(s.backFromKillMs.p50),
    ms(s.backFromKillMs.p95),
    ms(s.backFromKillMs.max),
    ms(s.backFromReadyMs.p95),
    s.cpuSeconds.toFixed(2),
    int(s.avgCpuPercent),
    int(s.peakCpuPercent),
    int(s.clientsCpuPercent),
  ]);
  return `${head}\n\nReconnect storm (kill -9, new process on the same port):\n${table(['sign-in keys', 'back', 'restart ms', 'p50 ms', 'p95 ms', 'max ms', 'p95 from ready', 'CPU s', 'server avg CPU %', 'server peak CPU %', 'tab processes CPU %'], rows)}`;
}

export function catchUpTable(c: CatchUpResult): string {
  return [
    `${c.shape.sessions} sessions × 2 tabs, the second tab dropped every ${c.shape.dropEveryMs / 1000} s (${c.drops} drops):`,
    table(['measure', 'count', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'], [
      ['reconnected → text so far (mid-reply)', String(c.catchUpMs.count), ms(c.catchUpMs.p50), ms(c.catchUpMs.p95), ms(c.catchUpMs.p99), ms(c.catchUpMs.max)],
      ['dropped → signed in again', String(c.reconnectMs.count), ms(c.reconnectMs.p50), ms(c.reconnectMs.p95), ms(c.reconnectMs.p99), ms(c.reconnectMs.max)],
    ]),
    `Replies seen ending live by the dropping tab: ${c.repliesExact}/${c.repliesChecked} exact (every token once, in order); of those cut by a drop: ${c.repliesAcrossDropsExact}/${c.repliesAcrossDrops}. Failures: ${c.failures}.`,
  ].join('\n');
}

export function fairnessTable(f: FairnessResult): string {
  const row = (flood: string, sent: string, refused: string, l: LatencySummary) => [flood, sent, refused, ms(l.p50), ms(l.p99), ms(l.max), times(l.p99 / f.baseline.p99)];
  return table(
    ['flood (one tab)', 'sent/s', 'refused', 'bystander p50', 'p99', 'max', 'p99 vs alone'],
    [row('none (the bystander alone)', '–', '–', f.baseline), ...f.rows.map((r) => row(r.flood, r.sentPerSecond.toFixed(0), int(r.refused), r.bystander))],
  );
}

const meanOf = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
/** The mean of the rounds, and their spread when there were several. */
const spread = (values: number[], format: (value: number) => string) =>
  values.length > 1 ? `${format(meanOf(values))} (${format(Math.min(...values))}–${format(Math.max(...values))})` : format(values[0] ?? Number.NaN);

/** One row per contender and load, rounds averaged; ratios are to the floor's mean at the same load. */
export function comparisonTable(comparison: Comparison): string {
  const rows: string[][] = [];
  for (const point of comparison.points) {
    const of = (label: string) => point.results.filter((r) => r.label === label);
    const floor = of('floor');
    const floorCpu = floor.length ? meanOf(floor.map(cpuMicrosPerToken)) : Number.NaN;
    const floorRss = floor.length ? meanOf(floor.map((r) => r.serverRssMB)) : Number.NaN;
    for (const label of comparison.contenders) {
      const runs = of(label);
      if (!runs.length) continue;
      const cpu = runs.map(cpuMicrosPerToken);
      const rss = runs.map((r) => r.serverRssMB);
      rows.push([
        `${point.sessions} × ${runs[0]!.shape.tabsPerSession}`,
        label,
        runs.map((r) => r.loadAtStart.toFixed(1)).join(', '),
        int(meanOf(runs.map((r) => r.tokensPerSecond))),
        spread(runs.map((r) => r.latencyMs.p99), ms),
        spread(runs.map((r) => r.freshestMs.p99), ms),
        spread(cpu, ms),
        times(ratio(meanOf(cpu), floorCpu)),
        spread(rss, int),
        times(ratio(meanOf(rss), floorRss)),
        int(meanOf(runs.map((r) => r.serverAnonymousMB))),
        `${int(meanOf(runs.map((r) => r.serverHeapUsedMB)))} / ${int(meanOf(runs.map((r) => r.serverHeapTotalMB)))}`,
        int(meanOf(runs.map((r) => r.serverExternalMB))),
        runs.map((r) => int(r.otherCpuPercent)).join(', '),
        String(runs.reduce((sum, r) => sum + errorCount(r), 0)),
      ]);
    }
  }
  const headers = ['sessions × tabs', 'relay', 'load at start', 'tokens/s', 'p99 ms', 'newest p99', 'CPU µs/token', 'CPU ×floor', 'RSS MB', 'RSS ×floor', 'anonymous MB', 'heap MB live / reserved', 'external MB', 'others CPU %', 'errors'];
  const baseline = comparison.baselineCommit ? ` "before" is commit ${comparison.baselineCommit}.` : '';
  return `${table(headers, rows)}\nMean of the rounds (lowest–highest).${baseline}`;
}

export function instancesTable(curve: InstancesCurve): string {
  const rows = curve.points.map(({ instances, mode, result: r }) => {
    const redis = r.sidecarCpuPercent;
    const withRedis = redis === undefined ? Number.NaN : ((r.serverCpuPercent + redis) / 100) * 1e6 / r.tokensPerSecond;
    return [
      mode === 'workers' ? `WORKERS=${instances}` : `${instances} process(es)`,
      `${r.shape.sessions} × ${r.shape.tabsPerSession}`,
      r.loadAtStart.toFixed(1),
      int(r.tokensPerSecond),
      ms(r.latencyMs.p50),
      ms(r.latencyMs.p99),
      ms(r.freshestMs.p99),
      ms(r.crossInstanceMs?.p99),
      int(r.serverCpuPercent),
      redis === undefined ? '–' : int(redis),
      ms(cpuMicrosPerToken(r)),
      ms(withRedis),
      int(r.serverRssMB),
      int(r.otherCpuPercent),
      String(errorCount(r)),
    ];
  });
  const capacity = curve.capacity
    .map(({ instances, mode, lastUnder, firstOver }) => `${mode === 'workers' ? `WORKERS=${instances}` : `${instances} process(es)`}: ${firstOver === null ? `p99 ≤ ${curve.limitMs} ms up to ${lastUnder} sessions (the most tried)` : `between ${lastUnder ?? 0} and ${firstOver} sessions`}`)
    .join('; ');
  const headers = ['instances', 'sessions × tabs', 'load at start', 'tokens/s', 'p50 ms', 'p99 ms', 'newest p99', 'cross p99', 'server CPU %', 'Redis CPU %', 'server CPU µs/token', 'with Redis', 'RSS MB', 'others CPU %', 'errors'];
  return `${table(headers, rows)}\nCapacity (p99 under ${curve.limitMs} ms): ${capacity}. Tabs spread at random over separate processes; WORKERS=N shares one port and the kernel spreads the connections. Redis is shared with whatever else uses it. Heap figures of WORKERS runs are one worker's.`;
}
