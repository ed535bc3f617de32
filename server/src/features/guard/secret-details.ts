/**
 * The details of a prompt that are a leak on their own, one at a time: a discount code ("SAVE-7Q2X"),
 * a price or threshold with three or more digits ("$1,249"), a password or override phrase given in
 * quotes or after "is". Repeating the prompt's wording is judged elsewhere; these are the secrets
 * an attacker asks for one by one, and no honest reply to a stranger needs them.
 */
export interface SecretDetails {
  /** Letters and digits only, lowercase: "save7q2x". */
  readonly codes: ReadonlySet<string>;
  /** Digits only: "1249". */
  readonly numbers: ReadonlySet<string>;
  /** Lowercase words joined by one space: "blue falcon rising". */
  readonly phrases: readonly string[];
}

const token = /[\p{L}\p{N}]+(?:[-_][\p{L}\p{N}]+)*/gu;
const number = /\d(?:[\d,.]*\d)?/gu;
const secretLabel = String.raw`(?:pass(?:word|phrase|code)|pin|code ?word|safe ?word|magic word|secret(?: \w+)?|override(?: \w+)?|answer|solution|key ?phrase)`;
const quotedAfterLabel = new RegExp(String.raw`${secretLabel}[^.\n"“'‘]{0,40}["“'‘]([^"”'’\n]{3,60})["”'’]`, 'giu');
const namedAfterLabel = new RegExp(String.raw`${secretLabel}\s+(?:is|=|:)\s+["“'‘]?([\p{L}\p{N}][\p{L}\p{N} -]{2,40}?)["”'’]?(?=[.,;!?\n]|$)`, 'giu');

/**
 * Words by which a prompt marks what must stay with the assistant. A price list or a helpline the
 * assistant is told to give out is public; the same number in "never reveal the floor price of
 * 1,249" is not.
 */
const confidential = /\b(?:never|not|don'?t|mustn'?t|internal(?:ly)?|confidential|secret(?:ly)?|private(?:ly)?|hidden|undisclosed|staff[- ]only|for staff)\b/iu;
const sentenceBreak = /(?<=[.!?])\s+|\n+/u;
/** A confidential sentence that points back ("Never share it") makes the one before it confidential too. */
const pointsBack = /\b(?:it|this|that|these|those|them|they|the (?:phrase|code|word|password|number|price|answer|key|secret))\b/iu;

/**
 * The details of the prompt's confidential sentences: a sentence with a marker of secrecy, and
 * the sentence just before one that points back to it ("The staff code is STAFF-2291. Never share it.").
 */
export function secretDetailsOf(prompt: string): SecretDetails {
  const sentences = prompt.split(sentenceBreak);
  const next = (at: number) => sentences[at + 1] ?? '';
  const secretText = sentences.filter((sentence, at) => confidential.test(sentence) || (confidential.test(next(at)) && pointsBack.test(next(at)))).join('\n');
  const codes = new Set<string>();
  for (const [word] of secretText.matchAll(token)) if (isCode(word)) codes.add(alnum(word));
  const numbers = new Set<string>();
  for (const [digits] of secretText.matchAll(number)) {
    const plain = digits.replace(/[,.]/gu, '');
    if (plain.length >= 3 && !isYear(plain)) numbers.add(plain);
  }
  const phrases = new Set<string>();
  for (const pattern of [quotedAfterLabel, namedAfterLabel]) {
    for (const match of secretText.matchAll(pattern)) {
      const phrase = wordsOf(match[1] ?? '');
      if (phrase.replace(/ /gu, '').length >= 4) phrases.add(phrase);
    }
  }
  return { codes, numbers, phrases: [...phrases] };
}

/** A word mixing letters and digits ("7Q2X", "B12-C"), or a dashed capitalised code ("BLUE-FALCON"). */
function isCode(word: string): boolean {
  const plain = alnum(word);
  if (plain.length < 4) return false;
  const mixed = /\p{L}/u.test(word) && /\p{N}/u.test(word);
  const dashedCapitals = /[-_]/u.test(word) && word === word.toUpperCase() && /\p{Lu}/u.test(word);
  return mixed || dashedCapitals;
}

function isYear(digits: string): boolean {
  return digits.length === 4 && (digits.startsWith('19') || digits.startsWith('20'));
}

function alnum(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

function wordsOf(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

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
