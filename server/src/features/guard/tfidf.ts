import { englishStopWords } from './stop-words.ts';

/**
 * The original app compared reply and prompt with scikit-learn's
 * `TfidfVectorizer(min_df=1, stop_words='english')` fitted on just those two texts, then the cosine
 * of the two rows. This file reproduces that computation exactly so 0.65 keeps its meaning:
 *
 * - tokens: lowercase, then `(?u)\b\w\w+\b` — maximal runs of two or more letters, digits or `_`;
 * - stop words: sklearn's English list (stop-words.ts) removed after tokenising;
 * - tf: raw counts; idf with smooth_idf=True over the 2-document corpus (n = 2):
 *   idf(t) = ln((1 + n) / (1 + df(t))) + 1, so a term found in both texts weighs ln(3/3) + 1 = 1
 *   and a term found in only one weighs ln(3/2) + 1 ≈ 1.405;
 * - each row L2-normalised (norm='l2'); the cosine of two unit vectors is their dot product.
 *
 * sklearn refuses two texts made only of stop words ("empty vocabulary"); we answer 0 instead.
 */
export const tokenPattern = /[\p{L}\p{N}_]{2,}/gu;

/** Weight of a term that occurs in only one of the two texts. */
export const unsharedTermIdf = Math.log(3 / 2) + 1;

export type TermCounts = Map<string, number>;

/** The reply's or prompt's terms in order, as the vectorizer sees them. */
export function contentWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.toLowerCase().matchAll(tokenPattern)) {
    if (!englishStopWords.has(match[0])) words.push(match[0]);
  }
  return words;
}

export function countTerms(words: Iterable<string>): TermCounts {
  const counts: TermCounts = new Map();
  for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/**
 * Integer sums from which the two-document cosine follows. Kept as integers so the running
 * (streamed) similarity and the one computed on the final text agree to the last bit.
 */
export interface CosineSums {
  /** Σ countA(t) · countB(t) over shared terms (their idf is 1). */
  dot: number;
  /** Σ count² over each text's shared and unshared terms. */
  sharedA: number;
  onlyA: number;
  sharedB: number;
  onlyB: number;
}

export function cosineFromSums(sums: CosineSums): number {
  const idf2 = unsharedTermIdf * unsharedTermIdf;
  const normA = sums.sharedA + idf2 * sums.onlyA;
  const normB = sums.sharedB + idf2 * sums.onlyB;
  if (normA === 0 || normB === 0) return 0;
  return sums.dot / Math.sqrt(normA * normB);
}

export function pairCosine(a: TermCounts, b: TermCounts): number {
  const sums: CosineSums = { dot: 0, sharedA: 0, onlyA: 0, sharedB: 0, onlyB: 0 };
  for (const [term, countA] of a) {
    const countB = b.get(term);
    if (countB === undefined) {
      sums.onlyA += countA * countA;
    } else {
      sums.dot += countA * countB;
      sums.sharedA += countA * countA;
      sums.sharedB += countB * countB;
    }
  }
  for (const [term, countB] of b) {
    if (!a.has(term)) sums.onlyB += countB * countB;
  }
  return cosineFromSums(sums);
}

/** The original app's similarity of a reply to the secret prompt, in [0, 1]. */
export function baselineSimilarity(reply: string, prompt: string): number {
  return pairCosine(countTerms(contentWords(reply)), countTerms(contentWords(prompt)));
}
