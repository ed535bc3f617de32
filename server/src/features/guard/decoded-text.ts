/**
 * Collects the bytes a decoder finds in one delta and turns them into text. UTF-8 is decoded in
 * streaming mode, so a character whose bytes span two deltas comes out whole; invalid bytes
 * become U+FFFD and match nothing.
 */
export class DecodedText {
  readonly #utf8 = new TextDecoder('utf-8');
  #bytes: number[] = [];
  #text = '';

  addByte(byte: number): void {
    this.#bytes.push(byte);
  }

  /** Ends one encoded run: its last character is completed and a line break keeps runs apart. */
  endRun(): void {
    this.#text += this.#utf8.decode(Uint8Array.from(this.#bytes)) + '\n';
    this.#bytes = [];
  }

  /** The text decoded since the last take(); bytes of an unfinished character wait. */
  take(): string {
    if (this.#bytes.length > 0) this.#text += this.#utf8.decode(Uint8Array.from(this.#bytes), { stream: true });
    this.#bytes = [];
    const text = this.#text;
    this.#text = '';
    return text;
  }
}
