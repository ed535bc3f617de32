import { DecodedText } from './decoded-text.ts';
import { leakRules } from './leak-rules.ts';

/**
 * One run of bytes a decoder reads (hex pairs, binary or decimal codes): the first bytes wait
 * until the run has leakRules.hexMinBytes, so a colour code, a "deadbeef" or a short list of
 * scores is never decoded; from then on every byte goes straight to the decoded text.
 */
export class ByteRun {
  readonly #decoded = new DecodedText();
  /** Bytes of a run not yet long enough to decode. */
  #pending: number[] = [];
  #decoding = false;

  addByte(byte: number): void {
    if (this.#decoding) return this.#decoded.addByte(byte);
    this.#pending.push(byte);
    if (this.#pending.length < leakRules.hexMinBytes) return;
    for (const early of this.#pending) this.#decoded.addByte(early);
    this.#pending = [];
    this.#decoding = true;
  }

  /** The run ended: a run long enough is completed and kept apart from the next; a short one is dropped. */
  endRun(): void {
    if (this.#decoding) this.#decoded.endRun();
    this.#decoding = false;
    this.#pending = [];
  }

  /** The text decoded since the last take(). */
  take(): string {
    return this.#decoded.take();
  }
}
