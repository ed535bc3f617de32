/**
 * Redraws the scaling-curves chart of a finished run, e.g. for docs/performance/:
 *   node tests/bench/draw-chart.ts bench-results/<timestamp>.json docs/performance/scaling-curves.svg
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { curvesChart } from './chart.ts';
import type { BenchResults } from './report.ts';

const [input, output] = process.argv.slice(2);
if (!input || !output) throw new Error('usage: node tests/bench/draw-chart.ts RESULTS.json OUT.svg');
const { results } = JSON.parse(readFileSync(input, 'utf8')) as { results: BenchResults };
if (!results.curves) throw new Error(`${input} has no scaling curves (run without --only, or with --only=curves)`);
writeFileSync(output, curvesChart(results.curves));
