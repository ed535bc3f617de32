import { confidentialSentences } from './confidential-sentences.ts';

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

export const token = /[\p{L}\p{N}]+(?:[-_][\p{L}\p{N}]+)*/gu;
export const number = /\d(?:[\d,.]*\d)?/gu;
const secretLabel = String.raw`(?:pass(?:word|phrase|code)|pin|code ?word|safe ?word|magic word|secret(?: \w+)?|override(?: \w+)?|answer|solution|key ?phrase)`;
const quotedAfterLabel = new RegExp(String.raw`${secretLabel}[^.\n"“'‘]{0,40}["“'‘]([^"”'’\n]{3,60})["”'’]`, 'giu');
const namedAfterLabel = new RegExp(String.raw`${secretLabel}\s+(?:is|=|:)\s+["“'‘]?([\p{L}\p{N}][\p{L}\p{N} -]{2,40}?)["”'’]?(?=[.,;!?\n]|$)`, 'giu');

/**
 * The details of the prompt's confidential sentences (confidential-sentences.ts): codes, numbers
 * of three or more digits, and phrases given in quotes or after a label such as "password is".
 */
export function secretDetailsOf(prompt: string): SecretDetails {
  const secretText = confidentialSentences(prompt).join('\n');
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

export function alnum(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

export function wordsOf(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
