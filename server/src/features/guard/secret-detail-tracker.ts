import { alnum, isMarkedNumber, number, token, wordsOf, type SecretDetails } from './secret-details.ts';

/** Characters kept for two-digit secrets: the number, a currency before it and a unit after. */
const recentChars = 40;

/**
 * Follows a streamed reply and says when it gives one of the details away. Whole tokens are
 * compared once the character after them has arrived; phrases are looked for in a bounded tail of
 * the reply's words, so the cost per delta does not grow with the reply.
 */
export class SecretDetailTracker {
  readonly #secrets: SecretDetails;
  readonly #tailLength: number;
  #partial = '';
  #words = '';
  #recentText = '';
  #found = false;

  constructor(secrets: SecretDetails) {
    this.#secrets = secrets;
    this.#tailLength = Math.max(0, ...secrets.phrases.map((p) => p.length)) + 2;
  }

  get isLeak(): boolean {
    return this.#found;
  }

  get isEmpty(): boolean {
    const { codes, numbers, markedNumbers, phrases } = this.#secrets;
    return codes.size === 0 && numbers.size === 0 && markedNumbers.size === 0 && phrases.length === 0;
  }

  push(delta: string): boolean {
    if (this.#found) return true;
    const text = this.#partial + delta;
    const boundary = lastBoundary(text);
    this.#partial = text.slice(boundary);
    this.#read(text.slice(0, boundary));
    return this.#found;
  }

  finish(): boolean {
    if (!this.#found) this.#read(`${this.#partial} `);
    this.#partial = '';
    return this.#found;
  }

  #read(complete: string): void {
    if (complete === '') return;
    const { codes, numbers, phrases } = this.#secrets;
    for (const [word] of complete.matchAll(token)) if (codes.has(alnum(word))) this.#found = true;
    for (const [digits] of complete.matchAll(number)) if (numbers.has(digits.replace(/[,.]/gu, ''))) this.#found = true;
    if (this.#secrets.markedNumbers.size > 0) this.#readMarkedNumbers(complete);
    if (phrases.length === 0) return;
    // The last words before this delta, then its words: a phrase split across deltas is still whole here.
    const recent = ` ${this.#words} ${wordsOf(complete)} `.replace(/ +/gu, ' ');
    if (phrases.some((phrase) => recent.includes(` ${phrase} `))) this.#found = true;
    this.#words = recent.slice(-this.#tailLength).trim();
  }

  /**
   * Two-digit secrets in the last few dozen characters, so a unit written after the number ("15
   * percent") is seen once it arrives; a number cut at the start of that tail is skipped.
   */
  #readMarkedNumbers(complete: string): void {
    const recent = this.#recentText + complete;
    const cut = recent.length > recentChars;
    for (const found of recent.matchAll(number)) {
      if (cut && found.index === 0) continue;
      if (this.#secrets.markedNumbers.has(found[0].replace(/[,.]/gu, '')) && isMarkedNumber(recent, found.index, found[0])) this.#found = true;
    }
    this.#recentText = recent.slice(-recentChars);
  }
}

/** Where the last whole token ends: after the last character that is not part of a token or a number. */
function lastBoundary(text: string): number {
  for (let at = text.length - 1; at >= 0; at--) {
    if (!/[\p{L}\p{N},.\-_]/u.test(text.charAt(at))) return at + 1;
  }
  return 0;
}
