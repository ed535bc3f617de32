import { contentWords } from './tfidf.ts';

const wordChar = /^[\p{L}\p{N}_]$/u;
const loneSurrogate = /^[\uD800-\uDFFF]$/u;

/**
 * Turns streamed text deltas into content words. A provider token can end mid-word ("respon" +
 * "sible"), so the trailing partial word waits for the next delta. The wait is kept as pieces, so
 * a giant run without separators (a base64 blob) costs linear time, not quadratic.
 */
export class WordStream {
  readonly #splitWords: (text: string) => string[];
  #pending: string[] = [];

  /** `splitWords` turns complete text into the words the checks count: contentWords by default. */
  constructor(splitWords: (text: string) => string[] = contentWords) {
    this.#splitWords = splitWords;
  }

  /** The content words that this delta completes. */
  push(delta: string): string[] {
    const cut = afterLastSeparator(delta);
    if (cut === 0) {
      this.#pending.push(delta);
      return [];
    }
    const complete = this.#pending.join('') + delta.slice(0, cut);
    this.#pending = cut < delta.length ? [delta.slice(cut)] : [];
    return this.#splitWords(complete);
  }

  /** The last word, once the reply has ended. */
  flush(): string[] {
    const rest = this.#pending.join('');
    this.#pending = [];
    return this.#splitWords(rest);
  }
}

/** Index just after the last non-word character of `text`, or 0 if it has none. */
function afterLastSeparator(text: string): number {
  let at = text.length;
  while (at > 0) {
    const start = codePointStart(text, at);
    if (isSeparator(text.slice(start, at))) return at;
    at = start;
  }
  return 0;
}

function codePointStart(text: string, end: number): number {
  const low = text.charCodeAt(end - 1);
  const high = end >= 2 ? text.charCodeAt(end - 2) : 0;
  const isPair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
  return isPair ? end - 2 : end - 1;
}

/**
 * Half of an astral character split across deltas is never taken as a separator: waiting is always
 * safe. Nor is a hyphen, so a hyphened word ("ou-yay") reaches the word splitter whole.
 */
function isSeparator(char: string): boolean {
  return !wordChar.test(char) && !loneSurrogate.test(char) && char !== '-';
}
