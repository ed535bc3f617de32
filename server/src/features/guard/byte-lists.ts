import { ByteRun } from './byte-run.ts';

type Form = 'binary' | 'decimal';

/** What separates the numbers of a byte list: spaces, commas, semicolons. */
const separator = /[\s,;]/u;
/** A longer token is no byte: a word or a blob. */
const longestToken = 8;

/**
 * Finds text written as a list of byte values and decodes it as it arrives: binary
 * ("01011001 01101111") or decimal character codes ("89, 111, 117"). A run is decoded once it has
 * leakRules.hexMinBytes bytes of one form; a decimal outside the printable range (a count, a small
 * number) or any other token ends it, so a list of prices or scores decodes to garbage that matches
 * nothing, if it decodes at all.
 */
export class ByteListDecoder {
  readonly #run = new ByteRun();
  #token = '';
  #form: Form | null = null;

  /** The text decoded from this delta, often empty. */
  push(delta: string): string {
    for (const char of delta) {
      if (separator.test(char)) this.#endToken();
      else if (this.#token.length <= longestToken) this.#token += char;
    }
    return this.#run.take();
  }

  flush(): string {
    this.#endToken();
    this.#endRun();
    return this.#run.take();
  }

  #endToken(): void {
    const token = this.#token;
    this.#token = '';
    if (token === '') return;
    const read = byteOf(token);
    if (read === null || (this.#form !== null && read.form !== this.#form)) {
      this.#endRun();
      if (read === null) return;
    }
    this.#form = read.form;
    this.#run.addByte(read.byte);
  }

  #endRun(): void {
    this.#run.endRun();
    this.#form = null;
  }
}

/** A binary byte of 7 or 8 digits, or a decimal code of printable text (or a byte of a UTF-8 character). */
function byteOf(token: string): { form: Form; byte: number } | null {
  if (/^[01]{7,8}$/u.test(token)) return { form: 'binary', byte: Number.parseInt(token, 2) };
  if (!/^\d{2,3}$/u.test(token)) return null;
  const byte = Number(token);
  return byte >= 32 && byte <= 255 && byte !== 127 ? { form: 'decimal', byte } : null;
}
