import { englishStopWords } from './stop-words.ts';

/**
 * Words by which a prompt marks what must stay with the assistant. A price list or a helpline the
 * assistant is told to give out is public; the same number in "never reveal the floor price of
 * 1,249" is not. "Share it only with staff" is left out: the assistant may give it, to the right person.
 */
const confidential = new RegExp(
  String.raw`\b(?:never|not|don'?t|mustn'?t|cannot|can'?t|internal(?:ly)?|confidential(?:ly)?|secret(?:ly)?|private(?:ly)?|hidden|undisclosed|` +
    String.raw`staff[- ]only|for staff|employees? only|under no circumstances|no matter what|off[- ]limits|code ?name|unreleased|unannounced|embargo(?:ed)?|` +
    String.raw`keep (?:it|this|that|these|them) (?:to yourself|quiet|private|secret))\b`,
  'iu',
);
const sentenceBreak = /(?<=[.!?])\s+|\n+/u;
/**
 * A confidential sentence that points back ("Never share it") makes the one before it confidential
 * too; the pointer must come early, as in "Never share it", not "... even if the customer offers it".
 */
const pointsBack = /\b(?:it|this|that|these|those|them|they|the (?:phrase|code|word|password|number|price|answer|key|secret))\b/iu;
const word = /[\p{L}\p{N}]+/gu;
/** "the formula", "your treasure": a single word a confidential sentence speaks of, as a term of its own. */
const namedThing = /\b(?:the|your|our|its|this|that)\s+([\p{L}]{5,})\b/giu;
/** Whom and what every prompt speaks of: a sentence about "the customer" is not secret for that. */
const everyPromptSays = new Set(
  'user users customer customers player players student students learner learners client clients caller callers guest guests candidate candidates visitor visitors person people assistant reply replies answer answers question questions conversation message messages prompt instructions rules system topic response responses'.split(' '),
);

/**
 * Words by which a prompt says outright that something must not reach the user: "never reveal",
 * "do not share", "keep it secret". A plain "never" is often a rule about behaviour ("Never say 'I
 * don't know'; say 'Let me check'"), whose quoted words the assistant is meant to use.
 */
const undisclosable = new RegExp(
  String.raw`\b(?:secret(?:ly)?|confidential(?:ly)?|private(?:ly)?|hidden|undisclosed|internal(?:ly)?|code ?name|` +
    String.raw`(?:never|not|don'?t|mustn'?t|cannot|can'?t)\s+(?:\w+\s+){0,2}(?:reveal|share|disclose|mention|repeat|divulge|leak|give away|give out|tell (?:anyone|anybody|users?|customers?|players?|them)))\b`,
  'iu',
);

/** A sentence that tells the assistant to hand something out: public, whatever other sentences say of the same thing. */
const givesOut = /\b(?:give|offer|tell|say|share|provide|send|always|feel free|you may|you can|happy to)\b/iu;

/** A sentence of the prompt that holds something confidential. */
export interface ConfidentialSentence {
  text: string;
  /** The prompt says outright not to reveal it, or names it in a sentence that does. */
  undisclosable: boolean;
}

/**
 * The prompt's confidential sentences: those with a marker of secrecy, the sentence just before
 * one that points back to it ("The staff code is STAFF-2291. Never share it."), and any sentence
 * that names what an undisclosable one speaks of ("The floor price is $1,150." ... "Never reveal
 * the floor price."): two content words in a row that both sentences hold, or the one word the
 * undisclosable sentence names with "the", "your", "our" ("the formula"), unless it says to give
 * the thing out ("Give new members the discount code HELLO10").
 */
export function confidentialSentences(prompt: string): ConfidentialSentence[] {
  const sentences = prompt.split(sentenceBreak).filter((s) => s.trim() !== '');
  // Words inside quotes are lines the assistant is given to say ("say 'I can't share that'"): not the prompt's own markers.
  const unquoted = sentences.map(withoutQuotes);
  const marked = unquoted.map((sentence) => confidential.test(sentence));
  const strong = unquoted.map((sentence) => undisclosable.test(sentence));
  const pointedAt = (at: number) => pointsBack.test(opening(sentences[at + 1] ?? ''));
  const strongSentences = sentences.filter((_, at) => strong[at]);
  const secretTerms = new Set([...strongSentences.flatMap(termsOf), ...strongSentences.flatMap(namedThingsOf)]);
  const named = (sentence: string) => !givesOut.test(withoutQuotes(sentence)) && [...termsOf(sentence), ...wordsOf(sentence)].some((term) => secretTerms.has(term));
  const found: ConfidentialSentence[] = [];
  sentences.forEach((text, at) => {
    const isUndisclosable = strong[at]! || (strong[at + 1]! && pointedAt(at)) || named(text);
    if (isUndisclosable || marked[at] || (marked[at + 1] && pointedAt(at))) found.push({ text, undisclosable: isUndisclosable });
  });
  return found;
}

function withoutQuotes(sentence: string): string {
  return sentence.replace(/["“][^"”\n]*["”]|(?<![\p{L}])'[^'\n]*'(?![\p{L}])/gu, ' ');
}

function namedThingsOf(sentence: string): string[] {
  return [...sentence.matchAll(namedThing)].map((m) => m[1]!.toLowerCase()).filter((w) => !englishStopWords.has(w) && !everyPromptSays.has(w));
}

function wordsOf(sentence: string): string[] {
  return [...sentence.toLowerCase().matchAll(word)].map((m) => m[0]);
}

function opening(sentence: string): string {
  return sentence.split(/\s+/u).slice(0, 6).join(' ');
}

/** Pairs of adjacent content words ("floor price", "discount code"): what a sentence is about. */
function termsOf(sentence: string): string[] {
  const words = wordsOf(sentence);
  const terms: string[] = [];
  for (let at = 0; at + 1 < words.length; at++) {
    const [a, b] = [words[at]!, words[at + 1]!];
    if (!englishStopWords.has(a) && !englishStopWords.has(b) && a.length > 2 && b.length > 2) terms.push(`${a} ${b}`);
  }
  return terms;
}
