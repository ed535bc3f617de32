import { leakRules } from './leak-rules.ts';
import { windowKeys } from './rolling-hash.ts';

/** Every Caesar shift of the alphabet: ROT13 is one of them, and "shift by 3" is as easy to ask for. */
const caesarShifts = Array.from({ length: 25 }, (_, i) => i + 1);

/**
 * How a reply may lay out the prompt's letters: in order, backwards, or Caesar-shifted by any
 * amount. Each is matched separately, so mixing two of them never adds up to a leak. A reply's
 * letter costs the same whatever the number of layouts: one rolling hash, one map lookup.
 */
export const letterVariants: readonly string[] = ['forward', 'reversed', ...caesarShifts.map((shift) => `shift-${shift}`)];

/** A shingle's place, packed in one small integer: its variant (index into letterVariants) and its start. */
const startBits = 2 ** 24;

export function shinglePlace(variant: number, start: number): number {
  return variant * startBits + start;
}

export function placeVariant(place: number): number {
  return Math.floor(place / startBits);
}

export function placeStart(place: number): number {
  return place % startBits;
}

/** The prompt as a run of letters, for replies that break its words apart (see letter-runs.ts). */
export interface LetterProfile {
  readonly length: number;
  /** Per variant: the prompt's folded letter codes (foldCode) in that layout. */
  readonly codes: readonly Int32Array[];
  /** Key of every leakRules.letterShingle-letter window of every variant → its place (shinglePlace). */
  readonly shingles: ReadonlyMap<number, number>;
  /** The rare further places of a key: a phrase the prompt repeats, or two windows with one key. */
  readonly moreShingles: ReadonlyMap<number, readonly number[]>;
  /** Per variant: the sentence of each letter position, or -1 when that sentence is too short to count. */
  readonly sentenceOf: readonly Int32Array[];
  /** Per variant: what each letter position counts for (letterWeight). */
  readonly weights: readonly Uint8Array[];
  /** Per sentence: how many of its letters a reply must reproduce for it to count as echoed. */
  readonly sentenceNeeded: readonly number[];
  /** Letters reproduced in all that make a leak, whatever the sentences. */
  readonly runLetters: number;
}

const letterOrDigit = /[\p{L}\p{N}]/u;
/**
 * Digits and symbols read as the letters leetspeak uses them for ("C@pt@!n B3$$"); l and 1 both
 * read as i, since leet uses 1 for both. Prompt and reply are folded alike, so an email's @ still matches.
 */
const asciiFolds: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', l: 'i', '@': 'a', $: 's', '!': 'i' };
const asciiCodes = Int32Array.from({ length: 128 }, (_, code) => {
  const char = String.fromCharCode(code);
  const folded = asciiFolds[char] ?? char;
  return /[a-z0-9]/u.test(folded) ? folded.charCodeAt(0) : 0;
});

/** The code a letter or digit of normalised text is matched by, or 0 for anything else (spaces, dots, dashes). */
export function foldCode(codePoint: number): number {
  if (codePoint < 128) return asciiCodes[codePoint] ?? 0;
  return letterOrDigit.test(String.fromCodePoint(codePoint)) ? codePoint : 0;
}

/**
 * A Chinese character or a kana says as much as two or three Latin letters, so letter counts
 * weigh it double: a Japanese prompt sentence is as long, for the thresholds, as its English
 * translation would be. Hangul is decomposed into its letters by normaliseText and weighs 1.
 */
export function letterWeight(code: number): number {
  const kana = code >= 0x3040 && code <= 0x30ff;
  const han = (code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0x20000 && code <= 0x3134f);
  return kana || han ? 2 : 1;
}

/** The prompt's letters, read once: as written and under each Caesar shift, with the sentence each belongs to. */
interface PromptLetters {
  forward: number[];
  /** One per entry of caesarShifts. */
  shifted: number[][];
  sentenceOf: number[];
  /** Weighted letters (letterWeight) per sentence. */
  sentenceWeights: number[];
}

export function prepareLetters(normalisedPrompt: string): LetterProfile {
  const { forward, shifted, sentenceOf, sentenceWeights } = readLetters(normalisedPrompt);
  const sentenceIds: number[] = [];
  const sentenceNeeded: number[] = [];
  for (const weight of sentenceWeights) {
    const counts = weight >= leakRules.minSentenceLetters;
    sentenceIds.push(counts ? sentenceNeeded.length : -1);
    if (counts) sentenceNeeded.push(Math.ceil(weight * leakRules.letterEchoShare));
  }
  const sentences = sentenceOf.map((sentence) => sentenceIds[sentence] ?? -1);
  const weights = forward.map(letterWeight);
  const layouts = [
    { codes: forward, sentenceOf: sentences, weights },
    { codes: forward.toReversed(), sentenceOf: sentences.toReversed(), weights: weights.toReversed() },
    ...shifted.map((codes) => ({ codes, sentenceOf: sentences, weights })),
  ];
  return {
    length: forward.length,
    codes: layouts.map((layout) => Int32Array.from(layout.codes)),
    ...shingleIndex(layouts.map((layout) => layout.codes)),
    sentenceOf: layouts.map((layout) => Int32Array.from(layout.sentenceOf)),
    weights: layouts.map((layout) => Uint8Array.from(layout.weights)),
    sentenceNeeded,
    runLetters: Math.min(leakRules.letterRunLetters, Math.ceil(sum(sentenceWeights) * leakRules.letterEchoShare)),
  };
}

function readLetters(text: string): PromptLetters {
  const letters: PromptLetters = { forward: [], shifted: caesarShifts.map(() => []), sentenceOf: [], sentenceWeights: [0] };
  for (let at = 0; at < text.length; at++) {
    const codePoint = text.codePointAt(at) ?? 0;
    if (codePoint > 0xffff) at++;
    const code = foldCode(codePoint);
    const sentence = letters.sentenceWeights.length - 1;
    if (code !== 0) {
      letters.forward.push(code);
      caesarShifts.forEach((shift, i) => letters.shifted[i]?.push(foldCode(shiftOf(codePoint, shift))));
      letters.sentenceOf.push(sentence);
      letters.sentenceWeights[sentence] = (letters.sentenceWeights[sentence] ?? 0) + letterWeight(code);
    }
    if (endsSentence(codePoint, text.charAt(at + 1))) letters.sentenceWeights.push(0);
  }
  return letters;
}

/** Sentence ends and list items, including the Japanese and Chinese full stops that need no space after them. */
function endsSentence(codePoint: number, next: string): boolean {
  const char = String.fromCodePoint(codePoint);
  if (char === '\n' || '。！？'.includes(char)) return true;
  return '.!?'.includes(char) && /\s/u.test(next);
}

/** A lowercase Latin letter moved `shift` places on (normalised text is lowercase); anything else as it is. */
function shiftOf(codePoint: number, shift: number): number {
  return codePoint >= 97 && codePoint <= 122 ? ((codePoint - 97 + shift) % 26) + 97 : codePoint;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function shingleIndex(variants: readonly number[][]): Pick<LetterProfile, 'shingles' | 'moreShingles'> {
  const shingles = new Map<number, number>();
  const moreShingles = new Map<number, number[]>();
  variants.forEach((codes, variant) => {
    windowKeys(codes, leakRules.letterShingle).forEach((key, start) => {
      const place = shinglePlace(variant, start);
      if (!shingles.has(key)) shingles.set(key, place);
      else moreShingles.set(key, [...(moreShingles.get(key) ?? []), place]);
    });
  });
  return { shingles, moreShingles };
}
