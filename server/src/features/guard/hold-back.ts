import { LRUCache } from 'lru-cache';

/** Words, as the hold-back compares them with the prompt: letters and digits, case folded. */
const wordPattern = /[\p{L}\p{N}]+/gu;
/** The run of base64 (or hex) characters the reply ends with, if any. */
const encodedTail = /[A-Za-z0-9+/=_-]+$/;
/** An encoded run is long, or mixes case, digits and symbols inside one word as prose does not. */
const looksEncoded = (run: string) => run.length >= 16 || /[a-z0-9][A-Z]|[A-Za-z][0-9]|[0-9][A-Za-z]|[+/=_]/.test(run);
/** Word n-grams of the prompt held in the index: a reply echoing three prompt words in a row is held. */
const runWords = 3;
/** Prefixes are indexed up to this length: a longer word being written is held as its first 40 letters. */
const longestIndexedWord = 40;

/** The n-grams and word prefixes of one prompt: built once, shared by every reply to it. */
interface PromptIndex {
  grams: ReadonlySet<string>;
  prefixes: ReadonlySet<string>;
}

const indexes = new LRUCache<string, PromptIndex>({ max: 64 });

function indexOf(prompt: string): PromptIndex {
  const cached = indexes.get(prompt);
  if (cached) return cached;
  const words = wordsOf(prompt).map((w) => w.text);
  const grams = new Set<string>();
  for (let n = 1; n <= runWords; n++) {
    for (let i = 0; i + n <= words.length; i++) grams.add(words.slice(i, i + n).join(' '));
  }
  const prefixes = new Set<string>();
  for (const word of new Set(words)) {
    for (let end = 1; end <= Math.min(word.length, longestIndexedWord); end++) prefixes.add(word.slice(0, end));
  }
  const index = { grams, prefixes };
  indexes.set(prompt, index);
  return index;
}

interface Word {
  text: string;
  start: number;
}

/**
 * Holds back the part of a streamed reply that could still turn out to be a leak of the prompt,
 * so it reaches the user's tabs only once the guard has seen what follows: the reply's words from
 * where they start following the prompt word for word (a run of its words in its order, or the
 * start of one), and the tail of what could be an encoded run. Everything before that goes out at
 * once. An honest reply is held at most for a word or two that happen to begin a prompt phrase;
 * an echo is held whole, until the guard withdraws it.
 */
export class EchoHoldBack {
  readonly #grams: ReadonlySet<string>;
  readonly #prefixes: ReadonlySet<string>;
  #pending = '';

  constructor(prompt: string) {
    const { grams, prefixes } = indexOf(prompt);
    this.#grams = grams;
    this.#prefixes = prefixes;
  }

  /** Takes the next piece of the reply; returns the text that may go out now (possibly empty). */
  push(delta: string): string {
    this.#pending += delta;
    const cut = this.#safeLength();
    const released = this.#pending.slice(0, cut);
    this.#pending = this.#pending.slice(cut);
    return released;
  }

  /** The reply finished and the guard cleared it: the rest goes out. */
  flush(): string {
    const rest = this.#pending;
    this.#pending = '';
    return rest;
  }

  /** Characters held back right now. */
  get heldLength(): number {
    return this.#pending.length;
  }

  /** How much of the pending text is before anything that could be the start of an echo. */
  #safeLength(): number {
    const text = this.#pending;
    const words = wordsOf(text);
    const last = words.at(-1);
    const writing = last && last.start + last.text.length === text.length ? last : undefined;
    // A word still being written that can become no prompt word breaks any run: all may go.
    if (writing && !this.#prefixes.has(writing.text)) return this.#withEncodedTail(text, text.length);
    const complete = writing ? words.slice(0, -1) : words;
    let holdFrom = writing ? writing.start : text.length;
    // Back over complete words while they read as the prompt does: each step adds one n-gram.
    for (let from = complete.length - 1; from >= 0; from--) {
      const gram = complete.slice(from, Math.min(from + runWords, complete.length)).map((w) => w.text).join(' ');
      if (!this.#grams.has(gram)) break;
      holdFrom = complete[from]!.start;
    }
    return this.#withEncodedTail(text, holdFrom);
  }

  #withEncodedTail(text: string, holdFrom: number): number {
    const encoded = encodedTail.exec(text);
    return encoded && looksEncoded(encoded[0]) ? Math.min(holdFrom, encoded.index) : holdFrom;
  }
}

function wordsOf(text: string): Word[] {
  return [...text.matchAll(wordPattern)].map((m) => ({ text: m[0].toLowerCase(), start: m.index }));
}
