import { alnum, number, token, wordsOf, type SecretDetails } from './secret-details.ts';

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
  #found = false;

  constructor(secrets: SecretDetails) {
    this.#secrets = secrets;
    this.#tailLength = Math.max(0, ...secrets.phrases.map((p) => p.length)) + 2;
  }

  get isLeak(): boolean {
    return this.#found;
  }

  get isEmpty(): boolean {
    const { codes, numbers, phrases } = this.#secrets;
    return codes.size === 0 && numbers.size === 0 && phrases.length === 0;
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
    if (phrases.length === 0) return;
    // The last words before this delta, then its words: a phrase split across deltas is still whole here.
    const recent = ` ${this.#words} ${wordsOf(complete)} `.replace(/ +/gu, ' ');
    if (phrases.some((phrase) => recent.includes(` ${phrase} `))) this.#found = true;
    this.#words = recent.slice(-this.#tailLength).trim();
  }
}

/** Where the last whole token ends: after the last character that is not part of a token or a number. */
function lastBoundary(text: string): number {
  for (let at = text.length - 1; at >= 0; at--) {
    if (!/[\p{L}\p{N},.\-_]/u.test(text.charAt(at))) return at + 1;
  }
  return 0;
}
