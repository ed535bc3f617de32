import { monitorEventLoopDelay } from 'node:perf_hooks';
import express, { type Router } from 'express';

const nsPerMs = 1e6;
const resolutionMs = 10;
/** The histogram records each sampling interval whole; the lag is what exceeds the interval. */
const lagMs = (ns: number) => Math.max(0, ns / nsPerMs - resolutionMs);

/**
 * GET /internal/metrics for the benchmark (`METRICS=true` only; never on by default): event-loop
 * lag percentiles since the previous read (each read resets them), RSS, the JS heap (live and
 * reserved) and CPU time so far.
 */
export function metricsRoutes(): Router {
  const delay = monitorEventLoopDelay({ resolution: resolutionMs });
  delay.enable();
  const router = express.Router();
  router.get('/internal/metrics', (_req, res) => {
    const eventLoopLagMs = { p50: lagMs(delay.percentile(50)), p99: lagMs(delay.percentile(99)), max: lagMs(delay.max) };
    delay.reset();
    const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
    res.json({ eventLoopLagMs, rssBytes: rss, heap: { usedBytes: heapUsed, totalBytes: heapTotal, externalBytes: external }, cpuMicros: process.cpuUsage() });
  });
  return router;
}
