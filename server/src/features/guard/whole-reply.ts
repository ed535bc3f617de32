import { canonicalWords, normaliseText } from './normalise.ts';
import type { PromptProfile } from './prompt-profile.ts';
import { countTerms, pairCosine } from './tfidf.ts';

/** Single letters each followed by one separator ("Y o u", "h-e-l-p"), as one run. */
const spacedLetters = /(?<![\p{L}\p{N}])[\p{L}\p{N}](?:[^\p{L}\p{N}\n][\p{L}\p{N}](?![\p{L}\p{N}]))+/gu;
const separators = /[^\p{L}\p{N}]/gu;

/** "Y o u   a r e" → "You are": letters spaced out one by one are joined; wider gaps stay words apart. */
export function joinSpacedLetters(text: string): string {
  return text.replace(spacedLetters, (run) => run.replace(separators, ''));
}

export function rot13(text: string): string {
  return text.replace(/[a-z]/giu, (char) => {
    const base = char <= 'Z' ? 65 : 97;
    return String.fromCharCode(((char.charCodeAt(0) - base + 13) % 26) + base);
  });
}

/** Rewritings of the finished reply that the baseline is applied to as well. */
export const wholeReplyRewritings = { 'spaced-letters': joinSpacedLetters, rot13 } as const;
export type WholeReplyRewriting = keyof typeof wholeReplyRewritings;

/**
 * The first rewriting of the finished reply whose normalised words are as close to the prompt as
 * the baseline threshold, or null. For short prompts, which have no phrasing of their own to follow
 * letter by letter while streaming ("Y o u  a r e  a  h e l p f u l  a s s i s t a n t").
 * O(reply) once, at the end.
 */
export function rewritingThatLeaks(reply: string, profile: PromptProfile, threshold: number): WholeReplyRewriting | null {
  for (const [name, rewrite] of Object.entries(wholeReplyRewritings)) {
    const words = canonicalWords(normaliseText(rewrite(reply)));
    if (pairCosine(countTerms(words), profile.counts) >= threshold) return name as WholeReplyRewriting;
  }
  return null;
}
