import { ByteRun } from './byte-run.ts';

/** Hex digits read as their value (0-15); other characters as one of these. */
const letterX = -2;
const prefix = -3;
const separator = -4;
const other = -1;

const hexCodes = Int8Array.from({ length: 128 }, (_, code) => {
  const char = String.fromCharCode(code);
  if (/[0-9a-f]/iu.test(char)) return Number.parseInt(char, 16);
  if (char === 'x' || char === 'X') return letterX;
  if (char === '\\' || char === '%') return prefix;
  return /[\s,:;-]/u.test(char) ? separator : other;
});

/**
 * Finds hex-encoded text in a streamed reply and decodes it as it arrives: byte pairs written
 * together ("596f75"), apart ("59 6f 75", "59:6f"), or with prefixes ("\x59\x6f", "0x59, 0x6f",
 * "%59%6F"). A run is decoded once it has leakRules.hexMinBytes bytes, so a colour code or a
 * "deadbeef" is skipped; an odd digit or any other character ends the run.
 */
export class HexRunDecoder {
  readonly #run = new ByteRun();
  /** The first digit of the byte being read, or -1. */
  #high = -1;
  #afterBackslash = false;

  /** The text decoded from this delta, often empty. */
  push(delta: string): string {
    for (let at = 0; at < delta.length; at++) {
      const code = delta.charCodeAt(at);
      this.#read(code < 128 ? (hexCodes[code] ?? other) : other);
    }
    return this.#run.take();
  }

  flush(): string {
    this.#endRun();
    return this.#run.take();
  }

  #read(kind: number): void {
    const afterBackslash = this.#afterBackslash;
    this.#afterBackslash = false;
    if (kind >= 0) return this.#readDigit(kind);
    if (kind === letterX && this.#high === 0) {
      this.#high = -1; // the "0" of a "0x" prefix
      return;
    }
    if (kind === prefix) this.#afterBackslash = true;
    const between = this.#high < 0;
    const allowed = kind === separator || kind === prefix || (kind === letterX && afterBackslash);
    if (!(between && allowed)) this.#endRun();
  }

  #readDigit(value: number): void {
    if (this.#high < 0) {
      this.#high = value;
      return;
    }
    this.#run.addByte(this.#high * 16 + value);
    this.#high = -1;
  }

  #endRun(): void {
    this.#run.endRun();
    this.#high = -1;
  }
}
