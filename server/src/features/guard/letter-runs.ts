import { leakRules } from './leak-rules.ts';
import { foldCode, letterVariants, placeStart, placeVariant, type LetterProfile } from './letter-profile.ts';
import { RollingHash } from './rolling-hash.ts';

/** What one layout of the prompt (letterVariants) has had reproduced so far. */
interface VariantCoverage {
  readonly covered: Uint8Array;
  /** Weighted letters covered (letterWeight). */
  coveredCount: number;
  readonly sentenceCovered: Int32Array;
  echoedSentences: number;
}

/**
 * Follows the reply's letters and digits only, so whatever separates them — spaces between every
 * letter, dots, dashes, underscores, zero-width characters, no spaces at all — the prompt's letters
 * still line up. Marks the prompt letters reproduced inside shared windows of
 * leakRules.letterShingle letters, forwards, backwards or Caesar-shifted by any amount (ROT13 among them); O(1) per letter via a rolling
 * hash, and O(leakRules.letterShingle) to confirm a window the prompt shares.
 */
export class LetterRunTracker {
  readonly #profile: LetterProfile;
  readonly #hash = new RollingHash(leakRules.letterShingle);
  /** Per layout, made at its first shared window: most replies share none, and there are 27 layouts. */
  readonly #variants: Array<VariantCoverage | undefined>;
  #isLeak = false;

  constructor(profile: LetterProfile) {
    this.#profile = profile;
    this.#variants = letterVariants.map(() => undefined);
  }

  #coverageOf(variant: number): VariantCoverage {
    const existing = this.#variants[variant];
    if (existing) return existing;
    const made = {
      covered: new Uint8Array(this.#profile.length),
      coveredCount: 0,
      sentenceCovered: new Int32Array(this.#profile.sentenceNeeded.length),
      echoedSentences: 0,
    };
    this.#variants[variant] = made;
    return made;
  }

  /** Text that has been through normaliseText. */
  addText(text: string): void {
    for (let at = 0; at < text.length; at++) {
      const codePoint = text.codePointAt(at) ?? 0;
      if (codePoint > 0xffff) at++;
      const code = foldCode(codePoint);
      if (code === 0) continue;
      this.#hash.add(code);
      if (this.#hash.isFull) this.#markShingle(this.#hash.key);
    }
  }

  /** The most letters (weighted) any one layout of the prompt has had reproduced so far. */
  get coveredLetters(): number {
    return Math.max(0, ...this.#variants.map((variant) => variant?.coveredCount ?? 0));
  }

  /** The most sentences any one layout of the prompt has had echoed so far. */
  get echoedSentences(): number {
    return Math.max(0, ...this.#variants.map((variant) => variant?.echoedSentences ?? 0));
  }

  get isLeak(): boolean {
    return this.#isLeak;
  }

  #markShingle(key: number): void {
    const place = this.#profile.shingles.get(key);
    if (place === undefined) return;
    this.#markPlace(place);
    for (const more of this.#profile.moreShingles.get(key) ?? []) this.#markPlace(more);
  }

  #markPlace(place: number): void {
    const variant = placeVariant(place);
    const start = placeStart(place);
    const sentenceOf = this.#profile.sentenceOf[variant];
    const weights = this.#profile.weights[variant];
    const codes = this.#profile.codes[variant];
    if (!sentenceOf || !weights || !codes || !this.#hash.matches(codes, start)) return;
    const coverage = this.#coverageOf(variant);
    for (let at = start; at < start + leakRules.letterShingle; at++) {
      if (coverage.covered[at] === 0) this.#cover(coverage, at, weights[at] ?? 1, sentenceOf[at] ?? -1);
    }
    const enoughSentences = coverage.echoedSentences >= leakRules.echoedSentencesForLeak;
    if (enoughSentences || coverage.coveredCount >= this.#profile.runLetters) this.#isLeak = true;
  }

  #cover(coverage: VariantCoverage, at: number, weight: number, sentence: number): void {
    coverage.covered[at] = 1;
    coverage.coveredCount += weight;
    if (sentence < 0) return;
    const before = coverage.sentenceCovered[sentence] ?? 0;
    const needed = this.#profile.sentenceNeeded[sentence] ?? Infinity;
    coverage.sentenceCovered[sentence] = before + weight;
    if (before < needed && before + weight >= needed) coverage.echoedSentences++;
  }
}
