/**
 * Ways a reply can rewrite the prompt word by word that keep every word but hide it from word
 * overlap: each word spelled backwards ("uoy era a lufpleh") or in pig latin ("ouyay areway
 * away elpfulhay"). Each is undone per word, on the words the reply reading already has, so it
 * costs a string operation per word rather than another reading of the text.
 */
export const wordRewritings = ['reversed-words', 'pig-latin'] as const;
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
