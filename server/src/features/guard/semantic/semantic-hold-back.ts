/** Keeps back the text that could still turn out to be a leak (the reply runner's HoldBack). */
export interface HoldBack {
  push(delta: string): string;
  flush(): string;
}

/** How much of the reply, from its start, a judge has cleared so far. */
export interface ClearedSoFar {
  readonly clearedLength: number;
}

/**
 * A hold-back on top of another: text goes out once both have cleared it. The semantic check
 * clears a reply sentence by sentence as the model judges them (reply-watch.ts), so a non-owner
 * sees each sentence once it is judged, and nothing from a sentence that could be part of a
 * retelling until the whole reply is judged. What the model judged between two deltas goes out
 * with the next one, or at flush.
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
