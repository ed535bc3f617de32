/** One clock for the whole benchmark: the fake provider stamps `writtenAt` with the same formula. */
export const now = (): number => performance.timeOrigin + performance.now();

const bucketMs = 0.05;
const bucketCount = 200_000; // 10 s at 0.05 ms

/**
 * Latencies in fixed 0.05 ms buckets up to 10 s (one overflow bucket above): millions of samples in
 * 800 KB, percentiles exact to the bucket width.
 */
export class LatencyHistogram {
  private readonly buckets = new Uint32Array(bucketCount + 1);
  count = 0;
  private sum = 0;
  max = 0;

  record(ms: number): void {
    const value = ms < 0 ? 0 : ms;
    this.buckets[Math.min(bucketCount, Math.floor(value / bucketMs))]! += 1;
    this.count += 1;
    this.sum += value;
    if (value > this.max) this.max = value;
  }

  get mean(): number {
    return this.count ? this.sum / this.count : 0;
  }

  percentile(p: number): number {
    if (!this.count) return Number.NaN;
    const rank = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (let i = 0; i <= bucketCount; i++) {
      seen += this.buckets[i]!;
      if (seen >= rank) return i === bucketCount ? this.max : (i + 1) * bucketMs;
    }
    return this.max;
  }

  summary(): LatencySummary {
    return { count: this.count, p50: this.percentile(50), p95: this.percentile(95), p99: this.percentile(99), max: this.max, mean: this.mean };
  }
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Percentiles of a small list of samples (reconnect times, catch-up times). */
export function summarize(samples: number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : Number.NaN);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return { count: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted.at(-1) ?? Number.NaN, mean: sorted.length ? sum / sorted.length : Number.NaN };
}

/** ours / floor, or NaN when the floor has nothing to compare with. */
export function ratio(ours: number, floor: number): number {
  return floor > 0 && Number.isFinite(ours) && Number.isFinite(floor) ? ours / floor : Number.NaN;
}
