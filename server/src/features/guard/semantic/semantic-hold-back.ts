/** Keeps back the text that could still turn out to be a leak (the reply runner's HoldBack). */
export interface HoldBack {
  push(delta: string): string;
  flush(): string;
  /** `send` gets what became clear between two deltas, as soon as it is (the reply runner's batcher). */
  onRelease?(send: (text: string) => void): void;
}

/** How much of the reply, from its start, a judge has cleared so far, and (optionally) a call when that grows. */
export interface ClearedSoFar {
  readonly clearedLength: number;
  onCleared?(listener: () => void): void;
}

/**
 * A hold-back on top of another: text goes out once both have cleared it. The semantic check
 * clears a reply sentence by sentence as the model judges them (reply-watch.ts), so a non-owner
 * sees each sentence once it is judged, and nothing from a sentence that could be part of a
 * retelling until the whole reply is judged. What the model judges between two deltas goes out
 * when the judgement comes back (onRelease), so a provider that stalls mid-reply does not hold it.
 */
export class ClearedHoldBack implements HoldBack {
  readonly #inner: HoldBack;
  readonly #judge: ClearedSoFar;
  /** Released by the inner hold-back, not yet cleared by the judge. */
  #pending = '';
  #sent = 0;

  constructor(inner: HoldBack, judge: ClearedSoFar) {
    this.#inner = inner;
    this.#judge = judge;
  }

  push(delta: string): string {
    this.#pending += this.#inner.push(delta);
    return this.#releaseCleared();
  }

  onRelease(send: (text: string) => void): void {
    this.#judge.onCleared?.(() => {
      const cleared = this.#releaseCleared();
      if (cleared) send(cleared);
    });
  }

  #releaseCleared(): string {
    const cleared = Math.min(this.#pending.length, this.#judge.clearedLength - this.#sent);
    return cleared > 0 ? this.#release(cleared) : '';
  }

  /** The guard cleared the whole reply: the rest goes out. */
  flush(): string {
    this.#pending += this.#inner.flush();
    return this.#release(this.#pending.length);
  }

  #release(length: number): string {
    const out = this.#pending.slice(0, length);
    this.#pending = this.#pending.slice(length);
    this.#sent += out.length;
    return out;
  }
}
