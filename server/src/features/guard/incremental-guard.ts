import { leakRules } from './leak-rules.ts';
import { preparePrompt, type PromptProfile } from './prompt-profile.ts';
import { RunningSimilarity } from './running-similarity.ts';
import { SentenceEchoTracker } from './sentence-echo.ts';
import { contentWords, countTerms, pairCosine } from './tfidf.ts';
import { VerbatimRunTracker } from './verbatim-runs.ts';
import { WordStream } from './word-stream.ts';

export type GuardVerdict = 'ok' | 'leak';

/**
 * Why a reply was judged a leak:
 * - `baseline`: the final text's TF-IDF cosine with the prompt is ≥ 0.65 (the original app's rule);
 * - `baseline-so-far`: the same, on the reply so far, once it has leakRules.minWordsSoFar words;
 * - `verbatim-run`: verbatim runs of 8+ prompt content words reproduce 20 of them in all;
 * - `sentence-echo`: two prompt sentences each reappear, mostly word for word, in a short window.
 */
export type LeakRule = 'baseline' | 'baseline-so-far' | 'verbatim-run' | 'sentence-echo';

/** The checks that follow the reply word by word; short prompts get none (leakRules.minPromptWords). */
interface StreamChecks {
  similarity: RunningSimilarity;
  runs: VerbatimRunTracker;
  echoes: SentenceEchoTracker;
  wordCount: number;
}

/**
 * Watches one streamed reply for a leak of the assistant's secret prompt. Create one per reply;
 * call push() with each text delta and finish() once the reply is complete. Every rule but the
 * final baseline is updated per word in amortised O(1), so push() never re-reads the reply.
 * Once it has said 'leak' it keeps saying so.
 */
export class IncrementalLeakGuard {
  readonly #profile: PromptProfile;
  readonly #words = new WordStream();
  readonly #chunks: string[] = [];
  readonly #checks: StreamChecks | null;
  #rule: LeakRule | null = null;
  #finished = false;

  /** Pass the prepared profile when one prompt serves many replies; a string is prepared here. */
  constructor(prompt: string | PromptProfile) {
    this.#profile = typeof prompt === 'string' ? preparePrompt(prompt) : prompt;
    this.#checks = this.#profile.isShort ? null : {
      similarity: new RunningSimilarity(this.#profile.counts),
      runs: new VerbatimRunTracker(this.#profile),
      echoes: new SentenceEchoTracker(this.#profile),
      wordCount: 0,
    };
  }

  push(textDelta: string): GuardVerdict {
    if (this.#rule !== null || this.#finished) return this.verdict;
    this.#chunks.push(textDelta);
    this.#addWords(this.#words.push(textDelta));
    return this.verdict;
  }

  /** Checks the last word, then applies the baseline to the complete reply. */
  finish(): GuardVerdict {
    if (this.#rule !== null || this.#finished) return this.verdict;
    this.#finished = true;
    this.#addWords(this.#words.flush());
    if (this.#rule === null) {
      const similarity = pairCosine(countTerms(contentWords(this.#chunks.join(''))), this.#profile.counts);
      if (similarity >= leakRules.baselineThreshold) this.#rule = 'baseline';
    }
    return this.verdict;
  }

  get verdict(): GuardVerdict {
    return this.#rule === null ? 'ok' : 'leak';
  }

  /** Which rule found the leak, for logs; null while the reply looks fine. */
  get rule(): LeakRule | null {
    return this.#rule;
  }

  #addWords(words: readonly string[]): void {
    const checks = this.#checks;
    if (checks === null) return;
    for (const word of words) {
      checks.similarity.addWord(word);
      checks.runs.addWord(word);
      checks.echoes.addWord(word);
      checks.wordCount++;
      this.#rule = firedRule(checks);
      if (this.#rule !== null) return;
    }
  }
}

function firedRule(checks: StreamChecks): LeakRule | null {
  if (checks.runs.isLeak) return 'verbatim-run';
  if (checks.echoes.isLeak) return 'sentence-echo';
  const longEnough = checks.wordCount >= leakRules.minWordsSoFar;
  if (longEnough && checks.similarity.value >= leakRules.baselineThreshold) return 'baseline-so-far';
  return null;
}
