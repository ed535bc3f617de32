import { englishStopWords } from './stop-words.ts';

/**
 * Words by which a prompt marks what must stay with the assistant. A price list or a helpline the
 * assistant is told to give out is public; the same number in "never reveal the floor price of
 * 1,249" is not.
 */
const confidential = /\b(?:never|not|don'?t|mustn'?t|internal(?:ly)?|confidential|secret(?:ly)?|private(?:ly)?|hidden|undisclosed|staff[- ]only|for staff)\b/iu;
/**
 * Sentences, and the clauses of a sentence joined by a semicolon: "The list price is $1,899; never
 * go below the floor price of $1,420" makes the floor price secret, not the list price.
 */
const sentenceBreak = /(?<=[.!?])\s+|\n+/u;
/**
 * A confidential sentence that points back ("Never share it") makes the one before it confidential
 * too; the pointer must come early, as in "Never share it", not "... even if the customer offers it".
 * A pointer by name ("Never list the answer key") is followed by name below, to the clause it names.
 */
const pointsBack = /\b(?:it|this|these|those|them)\b/iu;
const openingWords = 6;
/**
 * "Never disclose floor prices or that the code exists": what follows such a verb names what is
 * secret, and the clauses elsewhere in the prompt that hold those names are confidential too.
 */
const withholding = /\b(?:reveal|disclose|mention|share|tell(?: \w+)?|quote|state|say|give(?: out)?|admit|list|show|repeat)\b(.*)$/iu;
/** Words that name the prompt as a whole, or nothing in particular: they point at no one clause. */
const generalWords = new Set(['instructions', 'instruction', 'rules', 'rule', 'prompt', 'setup', 'information', 'details', 'detail', 'anything', 'name', 'names', 'amount', 'amounts', 'number', 'numbers', 'exists', 'exist', 'unless', 'user', 'users', 'customer', 'customers', 'guest', 'guests', 'player', 'players', 'student', 'students', 'member', 'members', 'early', 'directly', 'exactly', 'approximately', 'even']);

/** What a clause says of itself when it holds the secret, not merely forbids something. */
const holdsSecret = /\b(?:secret(?:ly)?|hidden|confidential|undisclosed|internal(?:ly)?|staff[- ]only|for staff)\b/iu;

/** The prompt's confidential clauses, and of them those that hold a secret rather than forbid something. */
export interface ConfidentialClauses {
  /** Every confidential clause: its codes, long numbers and labelled phrases are secrets. */
  readonly all: readonly string[];
  /**
   * The clauses whose wording itself is the secret ("Internal: the retention offer is two free
   * months"), not a prohibition ("Never ask for a PIN"): their word runs and short numbers count too.
   */
  readonly holdingSecrets: readonly string[];
}

/**
 * The prompt's confidential clauses: those with a marker of secrecy outside quotes (a quoted
 * line is what the assistant is given to say: "reply 'I can't share that'"), the clause just
 * before one that points back to it ("The staff code is STAFF-2291. Never share it."), and the
 * clauses elsewhere in the prompt that hold what a "never reveal …" clause names ("the seller's minimum").
 */
export function confidentialClauses(prompt: string): ConfidentialClauses {
  const sentences = prompt.split(sentenceBreak).filter((s) => s.trim() !== '');
  const clauses = sentences.flatMap((sentence, at) => sentence.split(/(?<=;)\s+/u).map((text) => ({ text, sentence: at })));
  const marked = clauses.map(({ text }) => confidential.test(withoutQuotes(text)));
  const pointsBackAt = (at: number) => pointsBack.test(opening(clauses[at]?.text ?? ''));
  const named = namedSecrets(clauses.map((clause, at) => ({ ...clause, at })).filter(({ at }) => marked[at]), clauses.map((c) => c.text));
  const namedIn = (at: number): string[] => {
    const clause = clauses[at];
    if (!clause) return [];
    // In its own sentence, only a clause before the one that names it: "A is X; keep A secret", not "never reveal A; say B".
    const wanted = named.filter(({ sentence, at: namedAt }) => sentence !== clause.sentence || at < namedAt).map((n) => n.stems);
    const holds = (text: string) => { const have = new Set(stems(text)); return wanted.some((w) => w.every((stem) => have.has(stem))); };
    if (!holds(clause.text)) return [];
    const segments = clause.text.split(segmentBreak).filter(holds);
    return segments.length > 0 ? segments : [clause.text];
  };
  const pointedBack = (at: number) => marked[at + 1] === true && pointsBackAt(at + 1);
  const all: string[] = [];
  const holding: string[] = [];
  clauses.forEach(({ text }, at) => {
    const namedParts = namedIn(at);
    if (!marked[at] && !pointedBack(at) && namedParts.length === 0) return;
    all.push(text);
    if (pointedBack(at)) holding.push(text);
    else if (marked[at] && holdsSecret.test(withoutQuotes(text)) && !withholding.test(withoutQuotes(text))) holding.push(secretPart(text));
    else holding.push(...namedParts);
  });
  return { all, holdingSecrets: holding };
}

/** Commas, brackets and dashes: the parts of a long clause, one of which may hold the secret. */
const segmentBreak = /[,()]|\s[—–-]\s/u;
const labelWords = 3;

/**
 * The part of a clause its marker of secrecy covers: all of it after a label ("Internal note: …",
 * "Hidden solution: …"), else the part around the marker ("…, and internally tag it with the code X").
 */
function secretPart(clause: string): string {
  if (holdsSecret.test(clause.split(/\s+/u).slice(0, labelWords).join(' '))) return clause;
  return clause.split(segmentBreak).find((segment) => holdsSecret.test(segment)) ?? clause;
}

/** The clause texts of confidentialClauses(prompt).all. */
export function confidentialSentences(prompt: string): string[] {
  return [...confidentialClauses(prompt).all];
}

/**
 * Each thing a "never reveal A, B or C" clause names, with the sentence that names it: its telling
 * stems where some clause of the prompt holds them all in a row ("the answer key" → "Answer key
 * (secret): …"), else its first one, since English names modifier first ("the credit limit" →
 * "bill credits up to $45", "the tag code" → "tag it with the code …").
 */
function namedSecrets(markedClauses: ReadonlyArray<{ text: string; sentence: number; at: number }>, allClauses: readonly string[]): Array<{ stems: string[]; sentence: number; at: number }> {
  const named: Array<{ stems: string[]; sentence: number; at: number }> = [];
  const stemLines = allClauses.map((clause) => ` ${stems(clause).join(' ')} `);
  for (const { text, sentence, at } of markedClauses) {
    // What follows "unless", "if", "even" … is a condition, not a thing named.
    const objects = (withholding.exec(withoutQuotes(text))?.[1] ?? '').split(/\b(?:unless|if|even|when|until|before|after|without|except)\b/iu)[0] ?? '';
    for (const item of objects.split(/,|\bor\b|\band\b|\bnor\b/iu)) {
      const telling = stems(item).filter((stem) => !generalWords.has(stem));
      if (telling.length === 0) continue;
      const whole = telling.join(' ');
      const namedInFull = telling.length > 1 && stemLines.some((line, at) => line.includes(` ${whole} `) && allClauses[at] !== text);
      named.push({ stems: namedInFull ? telling : telling.slice(0, 1), sentence, at });
    }
  }
  return named;
}

/** Lowercase words without stop words, a plural "s" or an "-ing" dropped: "floor prices" → ["floor", "price"], "launching" → "launch". */
export function stems(text: string): string[] {
  const words = text.toLowerCase().match(/\p{L}[\p{L}'-]*/gu) ?? [];
  return words
    .flatMap((word) => word.replace(/'s$/u, '').split('-'))
    .filter((word) => word.length > 2 && !englishStopWords.has(word))
    .map((word) => (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word))
    .map((word) => (word.length > 6 && word.endsWith('ing') ? word.slice(0, -3) : word));
}

function withoutQuotes(sentence: string): string {
  return sentence.replace(/["“][^"”\n]*["”]|(?<![\p{L}])'[^'\n]*'(?![\p{L}])/gu, ' ');
}

function opening(sentence: string): string {
  return sentence.split(/\s+/u).slice(0, openingWords).join(' ');
}
