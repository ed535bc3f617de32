import { stems } from './confidential-sentences.ts';
import { alnum, amountAfter, amountBefore, dottedName, number, numberContextWords, secretRunWords, token, wordsOf, type SecretDetails } from './secret-details.ts';

/** A short amount seen in the reply, waiting for one of its context words among the next few words. */
interface PendingNumber {
  number: string;
  context: ReadonlySet<string>;
  wordsLeft: number;
}

/**
 * Follows a streamed reply and says when it gives one of the details away. Whole tokens are
 * compared once the character after them has arrived; phrases, runs and the words around short
 * numbers are looked for in a bounded tail of the reply's words, so the cost per delta does not
 * grow with the reply.
 */
export class SecretDetailTracker {
  readonly #secrets: SecretDetails;
  readonly #tailLength: number;
  #partial = '';
  #words = '';
  /** The last stems read, at most numberContextWords (or a run less one, if longer). */
  #stems: string[] = [];
  #pending: PendingNumber[] = [];
  /** The end of the text read before, so a "$" in one delta still marks the "45" of the next as an amount. */
  #before = '';
  #found = false;
  /** What was given away, for logs and tuning: which kind of detail, and the detail itself. */
  foundDetail = '';

  constructor(secrets: SecretDetails) {
    this.#secrets = secrets;
    this.#tailLength = Math.max(0, ...secrets.phrases.map((p) => p.length)) + 2;
  }

  get isLeak(): boolean {
    return this.#found;
  }

  get isEmpty(): boolean {
    const { codes, numbers, phrases, numbersInContext, runs } = this.#secrets;
    return codes.size === 0 && numbers.size === 0 && phrases.length === 0 && numbersInContext.size === 0 && runs.size === 0;
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
    for (const [word] of complete.matchAll(token)) if (codes.has(alnum(word))) this.#note(`code ${word}`);
    for (const [name] of complete.matchAll(dottedName)) if (codes.has(alnum(name))) this.#note(`name ${name}`);
    for (const [digits] of complete.matchAll(number)) if (numbers.has(digits.replace(/[,.]/gu, ''))) this.#note(`number ${digits}`);
    this.#readWordsAndNumbers(complete);
    if (phrases.length === 0) return;
    // The last words before this delta, then its words: a phrase split across deltas is still whole here.
    const recent = ` ${this.#words} ${wordsOf(complete)} `.replace(/ +/gu, ' ');
    const phrase = phrases.find((p) => recent.includes(` ${p} `));
    if (phrase !== undefined) this.#note(`phrase ${phrase}`);
    this.#words = recent.slice(-this.#tailLength).trim();
  }

  /** Words and numbers in reply order: a run of a confidential clause, or a short amount next to its context. */
  #readWordsAndNumbers(text: string): void {
    const { numbersInContext, runs } = this.#secrets;
    if (numbersInContext.size === 0 && runs.size === 0) return;
    for (const match of text.matchAll(/(?<![\p{L}\p{N}])\d(?:[\d,.]*\d)?|\p{L}[\p{L}'-]*/gu)) {
      const piece = match[0];
      if (!/^\d/u.test(piece)) {
        for (const stem of stems(piece)) this.#readStem(stem);
        continue;
      }
      const known = numbersInContext.get(piece.replace(/[,.]/gu, ''));
      // Only an amount written as one ("$45", "12%", "EUR 150"): a bare "3" or "14" is in every other sentence.
      const writtenAsAmount = amountBefore.test(this.#before + text.slice(0, match.index)) || amountAfter.test(text.slice(match.index + piece.length));
      if (known === undefined || !writtenAsAmount) continue;
      const near = this.#stems.slice(-numberContextWords).find((stem) => known.context.has(stem));
      if (near !== undefined) this.#note(`amount ${piece} near ${near}`);
      else this.#pending.push({ number: piece, context: known.context, wordsLeft: numberContextWords });
    }
    this.#before = (this.#before + text).slice(-8);
  }

  #readStem(stem: string): void {
    const given = this.#pending.find((pending) => pending.context.has(stem));
    if (given !== undefined) this.#note(`amount ${given.number} near ${stem}`);
    this.#pending = this.#pending.filter((pending) => --pending.wordsLeft > 0);
    this.#stems.push(stem);
    if (this.#stems.length > Math.max(numberContextWords, secretRunWords)) this.#stems.shift();
    const run = this.#stems.slice(-secretRunWords).join(' ');
    if (this.#stems.length >= secretRunWords && this.#secrets.runs.has(run)) this.#note(`run ${run}`);
  }

  #note(detail: string): void {
    if (this.#found) return;
    this.#found = true;
    this.foundDetail = detail;
  }
}

/** Where the last whole token ends: after the last character that is not part of a token or a number. */
function lastBoundary(text: string): number {
  for (let at = text.length - 1; at >= 0; at--) {
    if (!/[\p{L}\p{N},.\-_@]/u.test(text.charAt(at))) return at + 1;
  }
  return 0;
}
