export type DeltaSink = (seq: number, text: string) => void;

/**
 * Coalesces reply text into one event per window. One event per token is what made peers' relays
 * burn CPU; a quiet stream still sends its first token at once (leading edge), so batching adds
 * latency only when tokens arrive faster than the window.
 */
export class DeltaBatcher {
  private pending = '';
  private timer: NodeJS.Timeout | undefined;
  private lastSentAt = -Infinity;
  private nextSeq = 0;
  private readonly windowMs: number;
  private readonly sink: DeltaSink;

  constructor(windowMs: number, sink: DeltaSink) {
    this.windowMs = windowMs;
    this.sink = sink;
  }

  /** How many deltas have gone out so far. */
  get sentCount(): number {
    return this.nextSeq;
  }

  push(text: string): void {
    this.pending += text;
    if (this.timer) return;
    const wait = this.lastSentAt + this.windowMs - performance.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Drops what is pending, unsent: a withdrawn reply must not leak out on a late timer. */
  discard(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = '';
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending) return;
    const text = this.pending;
    this.pending = '';
    this.lastSentAt = performance.now();
    this.sink(this.nextSeq++, text);
  }
}
