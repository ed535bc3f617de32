/**
 * Puts one streamed reply back together from its numbered deltas. Deltas may repeat (a resend after a
 * reconnect) or arrive early (a catch-up racing the live stream), so text is appended strictly in `seq`
 * order, each `seq` at most once.
 */
export class ReplyAssembler {
  #text = '';
  #nextSeq = 0;
  readonly #early = new Map<number, string>();

  /** Picks up a reply mid-stream from a catch-up snapshot: its text through delta `nextSeq - 1`. */
  static resume(text: string, nextSeq: number): ReplyAssembler {
    const reply = new ReplyAssembler();
    reply.#text = text;
    reply.#nextSeq = nextSeq;
    return reply;
  }

  get text(): string {
    return this.#text;
  }

  /** The `seq` the next in-order delta must carry; also the number of deltas applied so far. */
  get nextSeq(): number {
    return this.#nextSeq;
  }

  /** True while a delta is held back because an earlier one has not arrived. */
  get hasGap(): boolean {
    return this.#early.size > 0;
  }

  /** Applies one delta and returns the text it made available, in order ('' for a repeat or an early delta). */
  apply(seq: number, text: string): string {
    if (seq < this.#nextSeq || this.#early.has(seq)) return '';
    if (seq > this.#nextSeq) {
      this.#early.set(seq, text);
      return '';
    }
    let appended = text;
    this.#nextSeq += 1;
    for (let next = this.#early.get(this.#nextSeq); next !== undefined; next = this.#early.get(this.#nextSeq)) {
      this.#early.delete(this.#nextSeq);
      appended += next;
      this.#nextSeq += 1;
    }
    this.#text += appended;
    return appended;
  }

  /** Whether every delta of a reply that ended after `deltaCount` deltas has been applied. */
  isCompleteAt(deltaCount: number): boolean {
    return this.#nextSeq >= deltaCount;
  }
}
