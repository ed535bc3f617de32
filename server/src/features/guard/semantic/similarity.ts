/**
 * How much of a prompt a reply retells, from sentence vectors. multilingual-e5 puts nearly every
 * pair of sentences on one topic between 0.8 and 0.95 cosine, so raw cosines separate little: each
 * side is centred first. The prompt's sentences are centred on their own mean, which takes out
 * what they share (the topic, the language) and leaves what each one says; the reply's sentences
 * likewise on theirs (or, for a reply too short to have a mean of its own, on the prompt's). A
 * prompt sentence is then covered by its best-matching reply sentence, capped, and the coverage is
 * the mean over the prompt's sentences.
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

/** 0 when the reply retells none of the prompt; up to `sentenceCap` when it retells every sentence. */
export function promptCoverage(prompt: PromptVectors, reply: readonly Vector[], options: CoverageOptions): number {
  if (reply.length === 0 || prompt.centred.length === 0) return 0;
  const centre = reply.length >= options.fewestSentencesToCentre ? meanOf(reply) : prompt.centre;
  const replyCentred = reply.map((v) => centredOn(v, centre));
  let total = 0;
  for (const p of prompt.centred) {
    let best = -1;
    for (const r of replyCentred) best = Math.max(best, dot(p, r));
    total += Math.min(best, options.sentenceCap);
  }
  return total / prompt.centred.length;
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
