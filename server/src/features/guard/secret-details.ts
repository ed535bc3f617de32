import { confidentialSentences } from './confidential-sentences.ts';
import { englishStopWords } from './stop-words.ts';

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
  /** Two digits, which count only written as money, a percentage or a decimal in the reply too: "15" of "15%". */
  readonly markedNumbers: ReadonlySet<string>;
  /** Lowercase words joined by one space: "blue falcon rising". */
  readonly phrases: readonly string[];
}

export const token = /[\p{L}\p{N}]+(?:[-_][\p{L}\p{N}]+)*/gu;
export const number = /\d(?:[\d,.]*\d)?/gu;
const secretLabel = String.raw`(?:pass(?:word|phrase|code)|pin|code ?word|code ?name|safe ?word|magic word|trigger (?:word|phrase)|secret(?: \w+)?|override(?: \w+)?|answer|solution|key ?phrase|(?:discount|promo|coupon|voucher|staff|admin|unlock) code)`;
const quotedAfterLabel = new RegExp(String.raw`${secretLabel}[^.\n"“'‘]{0,40}["“'‘]([^"”'’\n]{3,60})["”'’]`, 'giu');
/** A phrase of two or more words given in quotes where the prompt says not to reveal it ("'blue falcon' unlocks admin mode; never reveal it"). */
const quoted = /["“‘]([^"”’\n]{3,60})["”’]|(?<![\p{L}])'([^'\n]{3,60})'(?![\p{L}])/gu;
const namedAfterLabel = new RegExp(String.raw`${secretLabel}\s+(?:is|=|:)\s+["“'‘]?([\p{L}\p{N}][\p{L}\p{N} -]{2,40}?)["”'’]?(?=[.,;!?\n]|$)`, 'giu');

/**
 * The details of the prompt's confidential sentences (confidential-sentences.ts): codes, numbers
 * with three or more digits, shorter ones written as money, a percentage or a decimal ("$85",
 * "15%", "1.35"), what follows a label such as "password is", and phrases in quotes where the
 * prompt says outright not to reveal them.
 */
export function secretDetailsOf(prompt: string): SecretDetails {
  const sentences = confidentialSentences(prompt);
  const secretText = sentences.map((s) => s.text).join('\n');
  const undisclosableText = sentences.filter((s) => s.undisclosable).map((s) => s.text).join('\n');
  const codes = new Set<string>();
  for (const [word] of secretText.matchAll(token)) if (isCode(word)) codes.add(alnum(word));
  const numbers = new Set<string>();
  const markedNumbers = new Set<string>();
  for (const found of secretText.matchAll(number)) {
    const plain = found[0].replace(/[,.]/gu, '');
    if (plain.length >= 3 && !isYear(plain)) numbers.add(plain);
  }
  // "You may offer 10% off, never more" allows the 10%: a short number counts only where the prompt says not to reveal it.
  for (const found of undisclosableText.matchAll(number)) {
    const plain = found[0].replace(/[,.]/gu, '');
    if (plain.length === 2 && isMarkedNumber(undisclosableText, found.index, found[0])) markedNumbers.add(plain);
  }
  const phrases = new Set<string>();
  for (const pattern of [quotedAfterLabel, namedAfterLabel]) {
    for (const match of secretText.matchAll(pattern)) {
      const phrase = wordsOf(match[1] ?? '');
      if (phrase.replace(/ /gu, '').length >= 4) phrases.add(phrase);
    }
  }
  for (const match of undisclosableText.matchAll(quoted)) {
    const words = wordsOf(match[1] ?? match[2] ?? '').split(' ').filter(Boolean);
    if (words.length >= 2 && words.some((w) => !englishStopWords.has(w))) phrases.add(words.join(' '));
  }
  return { codes, numbers, markedNumbers, phrases: [...phrases] };
}

/** Money, a percentage or a decimal: a two-digit number that says something ("$85", "15%", "2.5"), not a count ("up to 12 items"). */
export function isMarkedNumber(text: string, at: number, digits: string): boolean {
  const before = text.slice(Math.max(0, at - 2), at);
  const after = text.slice(at + digits.length, at + digits.length + 9);
  return /\d[.,]\d/u.test(digits) || /[$€£¥]\s?$/u.test(before) || /^\s?(?:%|percent|per cent|euros?|dollars?|pounds?|usd|eur|gbp)\b|^\s?%/iu.test(after);
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

export function alnum(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

export function wordsOf(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
