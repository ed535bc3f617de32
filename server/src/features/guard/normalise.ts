import { latinLookalikes } from './homoglyphs.ts';
import { englishStopWords } from './stop-words.ts';
import { tokenPattern } from './tfidf.ts';

const nonAscii = /[^\x00-\x7f]/u;
/** Percent-escapes of printable ASCII, as in URL-encoded text ("You%20are%20Nora%2C"). */
const percentEscape = /%([2-7][0-9a-f])/giu;
const nonAsciiChar = /[^\x00-\x7f]/gu;
/** Accents, zero-width spaces and joiners, soft hyphens, bidi controls: invisible or decorative. */
const marksAndFormatting = /[\p{M}\p{Cf}]/gu;

/**
 * The text a reader sees, whatever it is made of: compatibility forms folded (fullwidth Ｙｏｕ,
 * 𝐛𝐨𝐥𝐝, ligatures), lowercased, accents and invisible characters removed, look-alike letters from
 * other scripts mapped to Latin, URL-encoded punctuation and spaces decoded. Works per code point
 * (or per escape), so a stream can be normalised chunk by chunk.
 */
export function normaliseText(text: string): string {
  if (text.includes('%')) text = text.replace(percentEscape, (_, code: string) => String.fromCharCode(Number.parseInt(code, 16)));
  if (!nonAscii.test(text)) return text.toLowerCase();
  const folded = text.normalize('NFKD').toLowerCase().replace(marksAndFormatting, '');
  return folded.replace(nonAsciiChar, (char) => latinLookalikes[char] ?? char);
}

/** Normalises streamed deltas; half of a surrogate pair, or of a percent-escape, waits for the rest. */
export class NormalisingStream {
  #held = '';

  push(delta: string): string {
    const text = this.#held + delta;
    const cut = text.length - unfinishedTail(text);
    this.#held = text.slice(cut);
    return normaliseText(text.slice(0, cut));
  }

  flush(): string {
    const rest = this.#held;
    this.#held = '';
    return normaliseText(rest);
  }
}

/** How many characters at the end of `text` may change meaning with the next delta. */
function unfinishedTail(text: string): number {
  const last = text.charCodeAt(text.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) return 1;
  const percent = text.lastIndexOf('%');
  return percent >= 0 && percent >= text.length - 2 ? text.length - percent : 0;
}

const leetDigits: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't' };
const digit = /\d/u;
const latinWithDigits = /^(?=.*[a-z])[a-z\d]+$/u;

/** "c04ch" → "coach": digits inside a Latin word stand for letters; numbers alone stay numbers. */
export function foldLeetWord(word: string): string {
  if (!digit.test(word) || !latinWithDigits.test(word)) return word;
  return word.replace(/\d/gu, (found) => leetDigits[found] ?? found);
}

/** "ou-yay", "atient-pay": pig latin written with a hyphen before its suffix, joined into one word. */
const hyphenedPigLatin = /(?<=\p{L})-(?=[b-df-hj-np-tv-z]*ay(?!\p{L}))/giu;

/** Content words of normalised text, leetspeak folded before stop words are dropped ("4r3" is "are"). */
export function canonicalWords(text: string): string[] {
  if (text.includes('-')) text = text.replace(hyphenedPigLatin, '');
  const words: string[] = [];
  const mayHoldLeet = digit.test(text);
  for (const match of text.matchAll(tokenPattern)) {
    const word = mayHoldLeet ? foldLeetWord(match[0]) : match[0];
    if (!englishStopWords.has(word)) words.push(word);
  }
  return words;
}
