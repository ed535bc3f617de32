/**
 * Words by which a prompt marks what must stay with the assistant. A price list or a helpline the
 * assistant is told to give out is public; the same number in "never reveal the floor price of
 * 1,249" is not.
 */
const confidential = /\b(?:never|not|don'?t|mustn'?t|internal(?:ly)?|confidential|secret(?:ly)?|private(?:ly)?|hidden|undisclosed|staff[- ]only|for staff)\b/iu;
const sentenceBreak = /(?<=[.!?])\s+|\n+/u;
/**
 * A confidential sentence that points back ("Never share it") makes the one before it confidential
 * too; the pointer must come early, as in "Never share it", not "... even if the customer offers it".
 */
const pointsBack = /\b(?:it|this|that|these|those|them|they|the (?:phrase|code|word|password|number|price|answer|key|secret))\b/iu;
const openingWords = 6;

/**
 * The prompt's confidential sentences: those with a marker of secrecy outside quotes (a quoted
 * line is what the assistant is given to say: "reply 'I can't share that'"), and the sentence just
 * before one that points back to it ("The staff code is STAFF-2291. Never share it.").
 */
export function confidentialSentences(prompt: string): string[] {
  const sentences = prompt.split(sentenceBreak).filter((s) => s.trim() !== '');
  const marked = sentences.map((sentence) => confidential.test(withoutQuotes(sentence)));
  const pointsBackAt = (at: number) => pointsBack.test(opening(sentences[at] ?? ''));
  return sentences.filter((_, at) => marked[at] || (marked[at + 1] && pointsBackAt(at + 1)));
}

function withoutQuotes(sentence: string): string {
  return sentence.replace(/["“][^"”\n]*["”]|(?<![\p{L}])'[^'\n]*'(?![\p{L}])/gu, ' ');
}

function opening(sentence: string): string {
  return sentence.split(/\s+/u).slice(0, openingWords).join(' ');
}
