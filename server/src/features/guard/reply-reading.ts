import { leakRules } from './leak-rules.ts';
import { LetterRunTracker } from './letter-runs.ts';
import { canonicalWords, NormalisingStream } from './normalise.ts';
import type { PromptProfile } from './prompt-profile.ts';
import { RunningSimilarity } from './running-similarity.ts';
import { SentenceEchoTracker } from './sentence-echo.ts';
import { SpelledLetters } from './spelled-letters.ts';
import { nothingRevealed, type SessionRevelations } from './session-memory.ts';
import { VerbatimRunTracker } from './verbatim-runs.ts';
import { englishStopWords } from './stop-words.ts';
import { WordStream } from './word-stream.ts';
import { fromPigLatin, reversedWord } from './word-rewritings.ts';

/**
 * Why a reply was judged a leak:
 * - `baseline`: the finished reply's TF-IDF cosine with the prompt is at or above the threshold
 *   (the original app's rule, leakRules.baselineThreshold by default): on the raw text first, then
 *   normalised, decoded, or rewritten (whole-reply.ts);
 * - `baseline-so-far`: the same on the normalised reply so far, once it has leakRules.minWordsSoFar words;
 * - `verbatim-run`: verbatim runs of 8+ prompt content words reproduce 20 of them in all;
 * - `sentence-echo`: two prompt sentences each reappear, mostly word for word, in a short window;
 * - `secret-detail`: one of the prompt's codes, long numbers or labelled passwords (secret-details.ts);
 * - `letter-run`: the prompt's letters reappear in order, forwards, backwards or Caesar-shifted (ROT13 or any other shift),
 *   whatever separates them: two sentences, or about twenty words' worth in all.
 */
export type LeakRule = 'baseline' | 'baseline-so-far' | 'verbatim-run' | 'sentence-echo' | 'letter-run' | 'secret-detail';

/** The checks that need a prompt long enough to have its own phrasing (leakRules.minPromptWords). */
interface PhrasingChecks {
  runs: VerbatimRunTracker;
  echoes: SentenceEchoTracker;
  letters: LetterRunTracker;
  /** The letters spelled out one by one, numbered or in NATO words or Morse (spelled-letters.ts), followed on their own. */
  spelled: { stream: SpelledLetters; letters: LetterRunTracker };
  /** Runs that step over words the prompt lacks: fillers between the prompt's words. */
  runsPastFillers: VerbatimRunTracker;
  /** The same words with a word-by-word rewriting undone (word-rewritings.ts), checked on their own. */
  rewritten: RewrittenWords[];
}

interface RewrittenWords {
  undo: (word: string) => string;
  runs: VerbatimRunTracker;
  echoes: SentenceEchoTracker;
}

/**
 * One way of reading a streamed reply against the prompt: as written, or as decoded from base64
 * or hex. The text is normalised (normalise.ts) as it arrives, then every check follows it word by
 * word or letter by letter in amortised O(1), so push() never re-reads what came before.
 */
export class ReplyReading {
  readonly #threshold: number;
  readonly #normaliser = new NormalisingStream();
  readonly #words = new WordStream(canonicalWords);
  readonly #similarity: RunningSimilarity;
  readonly #checks: PhrasingChecks | null;
  #wordCount = 0;
  #rule: LeakRule | null = null;

  /** `revealed`: what earlier replies of the session gave away; this reading adds to it. */
  constructor(profile: PromptProfile, baselineThreshold: number, revealed: SessionRevelations = nothingRevealed) {
    this.#threshold = baselineThreshold;
    this.#similarity = new RunningSimilarity(profile.counts);
    // Stop words are undone too, so they are skipped below as they are in plain text: left as "ouyay", they would dilute every window.
    const isPromptWord = (word: string) => profile.counts.has(word) || englishStopWords.has(word);
    const rewritten = (undo: (word: string) => string): RewrittenWords => ({ undo, runs: new VerbatimRunTracker(profile), echoes: new SentenceEchoTracker(profile) });
    this.#checks = profile.isShort || profile.letters === null ? null : {
      runs: new VerbatimRunTracker(profile, revealed.covered),
      echoes: new SentenceEchoTracker(profile, revealed.echoed),
      letters: new LetterRunTracker(profile.letters),
      spelled: { stream: new SpelledLetters(), letters: new LetterRunTracker(profile.letters) },
      runsPastFillers: new VerbatimRunTracker(profile, undefined, true),
      rewritten: [rewritten(reversedWord), rewritten((word) => fromPigLatin(word, isPromptWord))],
    };
  }

  /** The rule that found a leak so far, or null. */
  push(text: string): LeakRule | null {
    if (this.#rule !== null) return this.#rule;
    const normalised = this.#normaliser.push(text);
    this.#read(normalised, this.#words.push(normalised));
    return this.#rule;
  }

  /** Reads the last word; the caller then compares the whole reading with the prompt (similarity). */
  finish(): LeakRule | null {
    if (this.#rule !== null) return this.#rule;
    const rest = this.#normaliser.flush();
    this.#read(rest, [...this.#words.push(rest), ...this.#words.flush()]);
    this.#readSpelled(this.#checks?.spelled.stream.flush() ?? '');
    return this.#rule;
  }

  /** TF-IDF cosine of everything read so far with the prompt, both normalised. */
  get similarity(): number {
    return this.#similarity.value;
  }

  #read(text: string, words: readonly string[]): void {
    const checks = this.#checks;
    for (const word of words) {
      this.#similarity.addWord(word);
      this.#wordCount++;
      if (checks) this.#checkWord(checks, word);
      this.#rule = this.#firedWordRule();
      if (this.#rule !== null) return;
    }
    checks?.letters.addText(text);
    if (checks?.letters.isLeak) this.#rule = 'letter-run';
    else if (checks) this.#readSpelled(checks.spelled.stream.push(text));
  }

  #readSpelled(letters: string): void {
    const spelled = this.#checks?.spelled;
    if (!spelled || letters === '' || this.#rule !== null) return;
    spelled.letters.addText(letters);
    if (spelled.letters.isLeak) this.#rule = 'letter-run';
  }

  #checkWord(checks: PhrasingChecks, word: string): void {
    checks.runs.addWord(word);
    checks.echoes.addWord(word);
    checks.runsPastFillers.addWord(word);
    for (const { undo, runs, echoes } of checks.rewritten) {
      const undone = undo(word);
      // A word that reads as a stop word once undone ("uoy") was one in the prompt's phrasing too.
      if (englishStopWords.has(undone)) continue;
      runs.addWord(undone);
      echoes.addWord(undone);
    }
  }

  #firedWordRule(): LeakRule | null {
    const checks = this.#checks;
    if (checks?.runs.isLeak || checks?.runsPastFillers.isLeak) return 'verbatim-run';
    if (checks?.echoes.isLeak) return 'sentence-echo';
    if (checks?.rewritten.some((r) => r.runs.isLeak)) return 'verbatim-run';
    if (checks?.rewritten.some((r) => r.echoes.isLeak)) return 'sentence-echo';
    const longEnough = this.#checks !== null && this.#wordCount >= leakRules.minWordsSoFar;
    if (longEnough && this.#similarity.value >= this.#threshold) return 'baseline-so-far';
    return null;
  }
}
