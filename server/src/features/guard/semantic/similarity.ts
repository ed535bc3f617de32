/**
 * How much of a prompt a reply retells, from sentence vectors. multilingual-e5 puts nearly every
 * pair of sentences on one topic between 0.8 and 0.95 cosine, so raw cosines separate little: each
 * side is centred first. The prompt's sentences are centred on their own mean, which takes out
 * what they share (the topic, the language) and leaves what each one says; the reply's sentences
 * likewise on theirs (or, for a reply too short to have a mean of its own, on the prompt's). Each
 * prompt sentence is then matched with reply sentences, capped, and the coverage is the share of
 * the prompt that the matches retell.
 */
export type Vector = Float32Array;

export interface PromptVectors {
  /** The prompt's sentence vectors, centred on their mean and normalised. */
  centred: readonly Vector[];
  centre: Vector;
}

export interface CoverageOptions {
  sentenceCap: number;
  fewestSentencesToCentre: number;
}

export function preparePromptVectors(sentences: readonly Vector[]): PromptVectors {
  const centre = meanOf(sentences);
  return { centre, centred: sentences.map((v) => centredOn(v, centre)) };
}

/**
 * How closely each reply sentence says each prompt sentence: one row per reply sentence, one
 * centred cosine per prompt sentence.
 */
export function matchMatrix(prompt: PromptVectors, reply: readonly Vector[], fewestSentencesToCentre: number): Float32Array[] {
  const centre = reply.length >= fewestSentencesToCentre ? meanOf(reply) : prompt.centre;
  return reply.map((v) => {
    const own = centredOn(v, centre);
    return Float32Array.from(prompt.centred, (p) => dot(p, own));
  });
}

/** Per prompt sentence, its closest reply sentence's match (-1 for an empty reply). */
export function bestPerPromptSentence(matrix: readonly Float32Array[], promptSentences: number): Float32Array {
  const best = new Float32Array(promptSentences).fill(-1);
  for (const row of matrix) for (let p = 0; p < promptSentences; p++) best[p] = Math.max(best[p]!, row[p]!);
  return best;
}

/**
 * The share of the prompt a reply retells in the prompt's order: prompt sentences are matched to
 * reply sentences that never go backwards (several prompt sentences may share one, any may go
 * unmatched), each match capped at `sentenceCap`, and the best such alignment is divided by what
 * retelling every sentence would score. A retelling or a translation follows the prompt's order; an
 * honest answer that touches several of the prompt's points jumps about, so it scores less here
 * than in any order (measured on the development cases). O(prompt × reply sentences).
 */
export function orderedCoverage(matrix: readonly Float32Array[], promptSentences: number, sentenceCap: number): number {
  if (matrix.length === 0 || promptSentences === 0) return 0;
  let upTo = new Float64Array(matrix.length);
  for (let p = 0; p < promptSentences; p++) {
    const next = new Float64Array(matrix.length);
    let bestBefore = 0;
    for (let r = 0; r < matrix.length; r++) {
      bestBefore = Math.max(bestBefore, upTo[r]!);
      next[r] = bestBefore + Math.max(0, Math.min(sentenceCap, matrix[r]![p]!));
    }
    upTo = next;
  }
  return Math.max(...upTo) / (promptSentences * sentenceCap);
}

/**
 * How closely one reply sentence says some prompt sentence, centred on the prompt's mean: stable
 * while the reply streams, since it needs no other reply sentence.
 */
export function closestPromptSentence(prompt: PromptVectors, sentence: Vector): number {
  const own = centredOn(sentence, prompt.centre);
  let best = -1;
  for (const p of prompt.centred) best = Math.max(best, dot(p, own));
  return best;
}

/** The share of the prompt the matches retell in any order: each prompt sentence's match capped, over what retelling all would score. */
export function coverageOf(matches: ArrayLike<number>, sentenceCap: number): number {
  if (matches.length === 0) return 0;
  let total = 0;
  for (let at = 0; at < matches.length; at++) total += Math.max(0, Math.min(matches[at]!, sentenceCap));
  return total / (matches.length * sentenceCap);
}

/** Per prompt sentence, the closer of two matches: what a session has revealed so far. */
export function strongerOf(a: ArrayLike<number>, b: ArrayLike<number>): Float32Array {
  return Float32Array.from({ length: a.length }, (_, at) => Math.max(a[at]!, b[at] ?? -1));
}

/** The matches at or above `floor`; the others as -1 (nothing revealed). */
export function strongOnly(matches: Float32Array, floor: number): Float32Array {
  return matches.map((m) => (m >= floor ? m : -1));
}

/** How much of the prompt a complete reply retells, in the prompt's order (0 to 1). */
export function promptCoverage(prompt: PromptVectors, reply: readonly Vector[], options: CoverageOptions): number {
  if (reply.length === 0 || prompt.centred.length === 0) return 0;
  return orderedCoverage(matchMatrix(prompt, reply, options.fewestSentencesToCentre), prompt.centred.length, options.sentenceCap);
}

function meanOf(vectors: readonly Vector[]): Vector {
  const mean = new Float32Array(vectors[0]?.length ?? 0);
  for (const v of vectors) for (let i = 0; i < mean.length; i++) mean[i]! += v[i]! / vectors.length;
  return mean;
}

function centredOn(v: Vector, centre: Vector): Vector {
  const out = new Float32Array(v.length);
  let norm = 0;
  for (let i = 0; i < v.length; i++) {
    out[i] = v[i]! - centre[i]!;
    norm += out[i]! * out[i]!;
  }
  const scale = norm > 1e-12 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < v.length; i++) out[i]! *= scale;
  return out;
}

function dot(a: Vector, b: Vector): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}
