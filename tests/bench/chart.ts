import type { ScalingCurve } from './scenarios.ts';

const panel = { width: 420, height: 260, left: 56, right: 16, top: 36, bottom: 44 };
const colours = { ours: '#2563eb', floor: '#9ca3af', limit: '#dc2626' };

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/** One panel: p99 latency of ours and of the floor against the growing dimension (log scales). */
function curvePanel(curve: ScalingCurve, offsetX: number): string {
  const xs = curve.points.map((p) => p.ours.shape[curve.axis]);
  const ys = curve.points.flatMap((p) => [p.ours.latencyMs.p99, p.floor.latencyMs.p99, curve.capacity.limitMs]).filter((y) => y > 0);
  const [xMin, xMax] = [Math.min(...xs), Math.max(...xs)];
  const [yMin, yMax] = [Math.max(0.1, Math.min(...ys)), Math.max(...ys)];
  const plotW = panel.width - panel.left - panel.right;
  const plotH = panel.height - panel.top - panel.bottom;
  const x = (v: number) => offsetX + panel.left + (xMax === xMin ? plotW / 2 : ((Math.log(v) - Math.log(xMin)) / (Math.log(xMax) - Math.log(xMin))) * plotW);
  const y = (v: number) => panel.top + plotH - ((Math.log(Math.max(v, yMin)) - Math.log(yMin)) / (Math.log(yMax) - Math.log(yMin) || 1)) * plotH;
  const line = (values: number[], colour: string) =>
    `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${values.map((v, i) => `${x(xs[i]!).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}"/>` +
    values.map((v, i) => `<circle cx="${x(xs[i]!).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${colour}"/>`).join('');
  const ticks = xs.map((v) => `<text x="${x(v).toFixed(1)}" y="${panel.height - 24}" text-anchor="middle">${v}</text>`).join('');
  const yTicks = [yMin, Math.sqrt(yMin * yMax), yMax].map((v) => `<text x="${offsetX + panel.left - 6}" y="${y(v).toFixed(1)}" text-anchor="end">${v.toFixed(v < 10 ? 1 : 0)}</text>`).join('');
  const limit = y(curve.capacity.limitMs);
  const title = curve.axis === 'sessions' ? `p99 latency (ms) as sessions grow (× ${curve.points[0]?.ours.shape.tabsPerSession} tabs)` : `p99 latency (ms) as tabs per session grow (${curve.points[0]?.ours.shape.sessions} sessions)`;
  return [
    `<text x="${offsetX + panel.left}" y="20" font-weight="bold">${escape(title)}</text>`,
    `<line x1="${offsetX + panel.left}" x2="${offsetX + panel.width - panel.right}" y1="${limit}" y2="${limit}" stroke="${colours.limit}" stroke-dasharray="4 4"/>`,
    line(curve.points.map((p) => p.floor.latencyMs.p99), colours.floor),
    line(curve.points.map((p) => p.ours.latencyMs.p99), colours.ours),
    ticks,
    yTicks,
  ].join('\n');
}

/** The scaling curves as one SVG, for the README: ours in blue, the floor in grey, 50 ms in red. */
export function curvesChart(curves: ScalingCurve[]): string {
  const width = panel.width * curves.length;
  const legend = `<text x="${panel.left}" y="${panel.height - 6}"><tspan fill="${colours.ours}">■ ours (16 ms batching)</tspan>  <tspan fill="${colours.floor}">■ floor</tspan>  <tspan fill="${colours.limit}">- - 50 ms capacity line</tspan></text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${panel.height}" font-family="sans-serif" font-size="11">\n<rect width="100%" height="100%" fill="white"/>\n${curves.map((curve, i) => curvePanel(curve, i * panel.width)).join('\n')}\n${legend}\n</svg>\n`;
}
