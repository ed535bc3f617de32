import type { ScalingCurve } from './scenarios.ts';

const panel = { width: 440, height: 250, left: 56, right: 20, top: 34, bottom: 46 };
const colours = { ours: '#2563eb', floor: '#6b7280', limit: '#dc2626', grid: '#e5e7eb', text: '#111827' };

interface Metric {
  title: string;
  /** Log scale for latency (it spans decades), linear for CPU. */
  log: boolean;
  ours: (point: ScalingCurve['points'][number]) => number;
  floor: (point: ScalingCurve['points'][number]) => number;
  /** Gridlines, also the axis range. */
  grid: (max: number) => number[];
  limit?: (curve: ScalingCurve) => number;
}

const decades = (max: number) => [1, 10, 100, 1000, 10_000].filter((v, i, all) => v <= max || (i > 0 && all[i - 1]! < max));
const cpuSteps = (max: number) => Array.from({ length: Math.max(2, Math.ceil(max / 50) + 1) }, (_, i) => i * 50);

const metrics: Metric[] = [
  { title: 'p99 latency, ms (log scale)', log: true, ours: (p) => p.ours.latencyMs.p99, floor: (p) => p.floor.latencyMs.p99, grid: decades, limit: (c) => c.capacity.limitMs },
  { title: 'server CPU, % of one core', log: false, ours: (p) => p.ours.serverCpuPercent, floor: (p) => p.floor.serverCpuPercent, grid: cpuSteps },
];

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

function axisName(curve: ScalingCurve): string {
  const first = curve.points[0]?.ours.shape;
  return curve.axis === 'sessions' ? `sessions (× ${first?.tabsPerSession} tabs each)` : `tabs per session (${first?.sessions} sessions)`;
}

/** One metric of one curve, ours against the floor; the x axis (what grows) is logarithmic. */
function plot(curve: ScalingCurve, metric: Metric, offsetX: number, offsetY: number): string {
  const xs = curve.points.map((p) => p.ours.shape[curve.axis]);
  const values = curve.points.flatMap((p) => [metric.ours(p), metric.floor(p)]);
  const grid = metric.grid(Math.max(...values, metric.limit?.(curve) ?? 0));
  const [yMin, yMax] = [grid[0]!, grid.at(-1)!];
  const [xMin, xMax] = [Math.min(...xs), Math.max(...xs)];
  const plotW = panel.width - panel.left - panel.right;
  const plotH = panel.height - panel.top - panel.bottom;
  const left = offsetX + panel.left;
  const scale = (v: number) => (metric.log ? Math.log(Math.max(v, yMin)) : v);
  const x = (v: number) => left + (xMax === xMin ? plotW / 2 : ((Math.log(v) - Math.log(xMin)) / (Math.log(xMax) - Math.log(xMin))) * plotW);
  const y = (v: number) => offsetY + panel.top + plotH - ((scale(v) - scale(yMin)) / (scale(yMax) - scale(yMin) || 1)) * plotH;
  const series = (pick: (p: ScalingCurve['points'][number]) => number, colour: string) => {
    const points = curve.points.map((p, i) => `${x(xs[i]!).toFixed(1)},${y(pick(p)).toFixed(1)}`);
    return `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points.join(' ')}"/>` + points.map((xy) => `<circle cx="${xy.split(',')[0]}" cy="${xy.split(',')[1]}" r="3" fill="${colour}"/>`).join('');
  };
  const gridLines = grid.map((v) => `<line x1="${left}" x2="${left + plotW}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="${colours.grid}"/><text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${v.toLocaleString('en-US')}</text>`);
  const xTicks = xs.map((v) => `<text x="${x(v).toFixed(1)}" y="${offsetY + panel.height - 28}" text-anchor="middle">${v.toLocaleString('en-US')}</text>`);
  const limit = metric.limit ? `<line x1="${left}" x2="${left + plotW}" y1="${y(metric.limit(curve)).toFixed(1)}" y2="${y(metric.limit(curve)).toFixed(1)}" stroke="${colours.limit}" stroke-dasharray="5 4"/>` : '';
  return [
    `<text x="${left}" y="${offsetY + 20}" font-weight="bold">${escape(metric.title)}</text>`,
    ...gridLines,
    limit,
    series(metric.floor, colours.floor),
    series(metric.ours, colours.ours),
    ...xTicks,
    `<text x="${left + plotW / 2}" y="${offsetY + panel.height - 10}" text-anchor="middle" fill="#374151">${escape(axisName(curve))}</text>`,
  ].join('\n');
}

/**
 * The scaling curves as one SVG for the README: a column per curve, a row per metric (p99 latency,
 * server CPU), ours in blue, the floor in grey, the 50 ms capacity line in red. White background,
 * so it reads the same on a dark page.
 */
export function curvesChart(curves: ScalingCurve[]): string {
  const width = panel.width * curves.length;
  const height = panel.height * metrics.length + 28;
  const cells = metrics.flatMap((metric, row) => curves.map((curve, column) => plot(curve, metric, column * panel.width, row * panel.height)));
  const legendY = height - 10;
  const legend = [
    `<text x="${panel.left}" y="${legendY}"><tspan fill="${colours.ours}" font-weight="bold">━ ours (16 ms batching)</tspan>   <tspan fill="${colours.floor}" font-weight="bold">━ floor (bare SSE → WebSocket pass-through)</tspan>   <tspan fill="${colours.limit}">- - 50 ms: the capacity line</tspan></text>`,
  ];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11" fill="${colours.text}">\n<rect width="100%" height="100%" fill="white"/>\n${cells.join('\n')}\n${legend.join('\n')}\n</svg>\n`;
}
