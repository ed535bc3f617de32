import { leakRules } from './leak-rules.ts';
import { prepareLetters, type LetterProfile } from './letter-profile.ts';
import { canonicalWords, normaliseText } from './normalise.ts';
import { secretDetailsOf, type SecretDetails } from './secret-details.ts';
import { contentWords, countTerms, type TermCounts } from './tfidf.ts';

/** A prompt sentence the reply must not echo, with what the echo check needs precomputed. */
export interface PromptSentence {
  readonly counts: TermCounts;
  /** How many reply content words one window spans when looking for this sentence. */
  readonly window: number;
  /** How many of the sentence's content words the window must hold to count as an echo. */
  readonly needed: number;
  /** The sentence says it holds a secret ("Secretly, you are afraid of parrots"): echoed alone, it is a leak. */
  readonly secret: boolean;
}

/** What a sentence that holds a secret says of itself; an instruction not to reveal something is no secret by itself. */
const holdsSecret = /\b(?:secret(?:ly)?|hidden|confidential|undisclosed|internal(?:ly)?)\b/iu;

/**
 * Everything the guard needs from a prompt, computed once. An assistant's prompt does not change
 * between replies, so callers may build this once per assistant and hand it to every guard.
 */
export interface PromptProfile {
  /** The prompt's terms as the original app counted them, for the baseline on the raw reply. */
  readonly baselineCounts: TermCounts;
  /** The prompt's words after normaliseText and canonicalWords: what every streamed check compares. */
  readonly counts: TermCounts;
  readonly wordCount: number;
  /** Too few content words for anything but the baseline (leakRules.minPromptWords). */
  readonly isShort: boolean;
  /** Each shingle (content words joined by spaces) → the prompt positions where it starts. */
  readonly shingleStarts: ReadonlyMap<string, readonly number[]>;
  /** Prompt content words a reply must reproduce in verbatim runs to leak. */
  readonly verbatimRunWords: number;
  readonly sentences: readonly PromptSentence[];
  /** Content word → ids of the sentences holding it, so a reply word only wakes its sentences. */
  readonly sentencesByWord: ReadonlyMap<string, readonly number[]>;
  /** The prompt as a run of letters, for replies that break its words apart; null for short prompts. */
  readonly letters: LetterProfile | null;
  /** Codes, long numbers and labelled passwords: each a leak on its own. */
  readonly secrets: SecretDetails;
}

/** Sentence ends, list items and line breaks: the units an assistant copies from a prompt. */
const sentenceBreak = /(?<=[.!?])\s+|\n+/u;

export function preparePrompt(prompt: string): PromptProfile {
  const normalised = normaliseText(prompt);
  const words = canonicalWords(normalised);
  const sentences = promptSentences(normalised);
  const isShort = words.length < leakRules.minPromptWords;
  return {
    baselineCounts: countTerms(contentWords(prompt)),
    counts: countTerms(words),
    wordCount: words.length,
    isShort,
    shingleStarts: shingleIndex(words),
    verbatimRunWords: Math.min(leakRules.verbatimRunWords, words.length),
    sentences,
    sentencesByWord: sentenceIndex(sentences),
    letters: isShort ? null : prepareLetters(normalised),
    secrets: secretDetailsOf(prompt),
  };
}

function shingleIndex(words: readonly string[]): Map<string, number[]> {
  const starts = new Map<string, number[]>();
  for (let start = 0; start + leakRules.shingleWords <= words.length; start++) {
    const key = words.slice(start, start + leakRules.shingleWords).join(' ');
    const list = starts.get(key);
    if (list) list.push(start);
    else starts.set(key, [start]);
  }
  return starts;
}

function promptSentences(normalisedPrompt: string): PromptSentence[] {
  const sentences: PromptSentence[] = [];
  for (const text of normalisedPrompt.split(sentenceBreak)) {
    for (const piece of splitLongSentence(canonicalWords(text))) {
      if (piece.length >= leakRules.minSentenceWords) sentences.push(describeSentence(piece, holdsSecret.test(text)));
    }
  }
  return sentences;
}

/** Cuts a run-on sentence into near-equal pieces, so a window stays about one sentence long. */
function splitLongSentence(words: string[]): string[][] {
  const pieces = Math.ceil(words.length / leakRules.maxSentenceWords);
  if (pieces <= 1) return [words];
  const size = Math.ceil(words.length / pieces);
  const result: string[][] = [];
  for (let start = 0; start < words.length; start += size) result.push(words.slice(start, start + size));
  return result;
}

function describeSentence(words: string[], secret: boolean): PromptSentence {
  return {
    secret,
    counts: countTerms(words),
    window: words.length + Math.floor(words.length * leakRules.echoWindowSlack),
    needed: Math.ceil(words.length * leakRules.echoContainment),
  };
}

function sentenceIndex(sentences: readonly PromptSentence[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  sentences.forEach((sentence, id) => {
    for (const word of sentence.counts.keys()) {
      const ids = index.get(word);
      if (ids) ids.push(id);
      else index.set(word, [id]);
    }
  });
  return index;
}
