import { DecodedText } from './decoded-text.ts';
import { leakRules } from './leak-rules.ts';

const padding = -2;
const whitespace = -3;
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** The URL-safe alphabet writes - and _ for + and /. */
const urlSafe: Readonly<Record<string, number>> = { '-': 62, _: 63 };
const base64Values = Int8Array.from({ length: 128 }, (_, code) => {
  const char = String.fromCharCode(code);
  const at = alphabet.includes(char) ? alphabet.indexOf(char) : (urlSafe[char] ?? -1);
  if (at >= 0) return at;
  if (code === 0x3d) return padding;
  return /\s/u.test(String.fromCharCode(code)) ? whitespace : -1;
});

/**
 * Finds base64 (standard or URL-safe) in a streamed reply and decodes it as it arrives, one character at a time. A run
 * is decoded once it is leakRules.base64MinRun characters long, so ordinary words are skipped;
 * a run may continue on the next line when the line ended on a whole 4-character group, as
 * wrapped base64 does. Garbage decoded from a long word matches nothing.
 */
export class Base64RunDecoder {
  readonly #decoded = new DecodedText();
  /** Characters of a run not yet long enough to decode. */
  #pending: number[] = [];
  /** 'paused': a decoded run stopped at a line break on a group boundary and may continue. */
  #state: 'idle' | 'decoding' | 'paused' = 'idle';
  #group = 0;
  #groupLength = 0;

  /** The text decoded from this delta, often empty. */
  push(delta: string): string {
    for (let at = 0; at < delta.length; at++) {
      const code = delta.charCodeAt(at);
      this.#read(code < 128 ? (base64Values[code] ?? -1) : -1);
    }
    return this.#decoded.take();
  }

  flush(): string {
    if (this.#state === 'paused') this.#feedPending();
    if (this.#state !== 'idle') this.#endRun();
    return this.#decoded.take();
  }

  #read(value: number): void {
    if (value >= 0) return this.#readDigit(value);
    if (this.#state === 'idle') {
      this.#pending = [];
      return;
    }
    if (value === padding) {
      this.#feedPending();
      return this.#endRun();
    }
    const wholeGroups = this.#groupLength === 0;
    if (value === whitespace && this.#state === 'decoding' && wholeGroups) this.#state = 'paused';
    else if (value === whitespace && this.#state === 'paused' && this.#pending.length % 4 === 0) this.#feedPending();
    else this.#endRun();
  }

  #readDigit(value: number): void {
    if (this.#state === 'decoding') return this.#feed(value);
    this.#pending.push(value);
    if (this.#pending.length >= leakRules.base64MinRun) {
      this.#feedPending();
      this.#state = 'decoding';
    }
  }

  #feedPending(): void {
    for (const value of this.#pending) this.#feed(value);
    this.#pending = [];
  }

  #feed(value: number): void {
    this.#group = (this.#group << 6) | value;
    this.#groupLength++;
    if (this.#groupLength < 4) return;
    this.#decoded.addByte((this.#group >> 16) & 0xff);
    this.#decoded.addByte((this.#group >> 8) & 0xff);
    this.#decoded.addByte(this.#group & 0xff);
    this.#group = 0;
    this.#groupLength = 0;
  }

  /** A final group of 2 or 3 characters holds 1 or 2 bytes. */
  #endRun(): void {
    if (this.#groupLength >= 2) this.#decoded.addByte((this.#group >> (this.#groupLength === 2 ? 4 : 10)) & 0xff);
    if (this.#groupLength === 3) this.#decoded.addByte((this.#group >> 2) & 0xff);
    this.#decoded.endRun();
    this.#group = 0;
    this.#groupLength = 0;
    this.#pending = [];
    this.#state = 'idle';
  }
}
