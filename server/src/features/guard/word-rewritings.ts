/**
 * Ways a reply can rewrite the prompt word by word that keep every word but hide it from word
 * overlap: each word spelled backwards ("uoy era a lufpleh") or in pig latin ("ouyay areway
 * away elpfulhay") or with its vowels dropped ("Y r  hlpfl"). Each is undone per word, on the words the reply reading already has, so it
 * costs a string operation per word rather than another reading of the text.
 */
export const wordRewritings = ['reversed-words', 'pig-latin', 'without-vowels'] as const;
export type WordRewriting = (typeof wordRewritings)[number];

const vowels = new Set('aeiou');

/** "lufpleh" → "helpful". */
export function reversedWord(word: string): string {
  return [...word].reverse().join('');
}

/**
 * "ouyay" → "you", "ingstray" → "string", "areway" → "are"; a word not ending in -ay stays. Where
 * the moved consonants began is ambiguous ("ingstr" + ay: string? trings?), so the reading that is
 * a prompt word wins: only those matter to the guard. Words are lowercase (normalised).
 */
export function fromPigLatin(word: string, isPromptWord: (word: string) => boolean): string {
  if (word.length < 4 || !word.endsWith('ay')) return word;
  const base = word.slice(0, -2);
  const candidates: string[] = [];
  // Vowel-first words take -way, -yay, -hay or -ay: "areway", "areyay", "arehay", "areay".
  if (vowels.has(base.charAt(0))) candidates.push(base.replace(/[why]$/u, ''), base);
  for (let cut = base.length - 1; cut > 0 && !vowels.has(base.charAt(cut)); cut--) candidates.push(base.slice(cut) + base.slice(0, cut));
  return candidates.find(isPromptWord) ?? word;
}

/** "helpful" → "hlpfl": the word's consonant skeleton. */
export function skeletonOf(word: string): string {
  return word.replace(/[aeiou]/gu, '');
}

/**
 * The prompt's words by their consonant skeletons ("hlpfl" → "helpful"), stop words first so a
 * short skeleton ("th", "r") reads as the stop word it most likely was and is skipped as one.
 * A skeleton of under two letters, or one equal to the word, is left out: nothing was dropped.
 */
export function skeletonIndex(promptWords: Iterable<string>, stopWords: Iterable<string>): Map<string, string> {
  const index = new Map<string, string>();
  for (const word of [...stopWords, ...promptWords]) {
    const skeleton = skeletonOf(word);
    if (skeleton.length >= 2 && skeleton !== word && !index.has(skeleton)) index.set(skeleton, word);
  }
  return index;
}

/** "hlpfl" → "helpful" when the prompt has such a word; a word with a vowel in it was not stripped and stays. */
export function fromSkeleton(word: string, index: ReadonlyMap<string, string>): string {
  if (/[aeiou]/u.test(word)) return word;
  return index.get(word) ?? word;
}
