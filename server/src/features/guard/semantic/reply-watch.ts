import { EmbedderBusy, type Embedder } from './embedder.ts';
import type { SemanticRules } from './semantic-rules.ts';
import { SentenceStream, type PlacedSentence } from './sentences.ts';
import { bestPerPromptSentence, closestPromptSentence, coverageOf, matchMatrix, orderedCoverage, strongerOf, strongOnly, type PromptVectors, type Vector } from './similarity.ts';

/** 'unchecked': the model could not judge in time (queue full, too slow, failed); the lexical guard still stands. */
export type SemanticVerdict = 'ok' | 'leak' | 'unchecked';

export interface SemanticFinding {
  verdict: SemanticVerdict;
  /** How much of the prompt the reply retells, with what the session revealed before (similarity.ts); 0 when not judged. */
  coverage: number;
  /** Why it went unchecked, for the log. */
  reason?: string;
}

/** What one reply watch needs from the check: the prompt, and what the session's earlier replies revealed. */
export interface WatchInputs {
  /** null for a prompt too short to judge this way: the watch then holds nothing and judges nothing. */
  prompt: Promise<PromptVectors> | null;
  /** Per prompt sentence, the closest match an earlier reply of the session gave (session-memory.ts); null if none. */
  revealedBefore: Promise<Float32Array | null>;
  /** Told, once the reply is judged, what it revealed of each prompt sentence, for the session's next replies. */
  onJudged: (reply: string, matches: Float32Array) => void;
}

/**
 * Follows one streamed reply: each sentence goes to the model as soon as it is complete, and the
 * reply so far (with what the session revealed before) is judged as each batch comes back, so a
 * retelling is withdrawn while it streams. `clearedLength` says how much of the reply a non-owner
 * may see: the sentences judged so far, up to the first that could be part of a retelling
 * (semanticRules.holdThreshold), which waits with the rest for `settle`.
 */
export class ReplyWatch {
  readonly #inputs: WatchInputs;
  readonly #embedder: Embedder;
  readonly #rules: SemanticRules;
  readonly #sentences = new SentenceStream();
  readonly #vectors: Vector[] = [];
  #text = '';
  #waiting: PlacedSentence[] = [];
  #inFlight: Promise<void> | null = null;
  #failure: string | null = null;
  #judgedUpTo = 0;
  #heldFrom = Infinity;
  #coverage = 0;
  #matches: Float32Array | null = null;
  readonly #clearedListeners: Array<() => void> = [];

  constructor(inputs: WatchInputs, embedder: Embedder, rules: SemanticRules) {
    this.#inputs = inputs;
    this.#embedder = embedder;
    this.#rules = rules;
    inputs.prompt?.catch((err: unknown) => this.#fail(err));
  }

  push(delta: string): void {
    if (this.#inputs.prompt === null) return;
    this.#text += delta;
    this.#queue(this.#sentences.push(delta));
  }

  /** The reply so far already retells the prompt. */
  get leaked(): boolean {
    return this.#coverage >= this.#rules.leakThreshold;
  }

  /**
   * Called whenever clearedLength may have grown: a judgement came back, or the check gave up. So
   * what it cleared can go out at once, not with the provider's next delta, which a stalled
   * provider may not send for a long time.
   */
  onCleared(listener: () => void): void {
    this.#clearedListeners.push(listener);
  }

  /** Characters of the reply, from its start, that the check has cleared for a non-owner (Infinity: it holds nothing). */
  get clearedLength(): number {
    if (this.#inputs.prompt === null || this.#failure !== null) return Infinity;
    return Math.min(this.#judgedUpTo, this.#heldFrom);
  }

  /** The reply is complete: judges it once every sentence is embedded, or says 'unchecked' after the timeout. */
  async settle(): Promise<SemanticFinding> {
    if (this.#inputs.prompt === null) return { verdict: 'ok', coverage: 0 };
    this.#queue(this.#sentences.finish());
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), this.#rules.settleTimeoutMs)));
    try {
      if ((await Promise.race([this.#idle(), late])) === 'late') return this.#unchecked('timed out');
      if (this.#failure !== null) return this.#unchecked(this.#failure);
      if (this.#matches && !this.leaked) this.#inputs.onJudged(this.#text, this.#matches);
      return { verdict: this.leaked ? 'leak' : 'ok', coverage: this.#coverage };
    } finally {
      clearTimeout(timer);
    }
  }

  #unchecked(reason: string): SemanticFinding {
    this.#failure ??= reason;
    return { verdict: 'unchecked', coverage: 0, reason };
  }

  async #idle(): Promise<void> {
    await this.#inputs.prompt?.catch(() => null);
    while (this.#inFlight) await this.#inFlight;
  }

  #queue(sentences: PlacedSentence[]): void {
    if (this.#failure !== null) return;
    this.#waiting.push(...sentences);
    this.#pump();
  }

  /** One request at a time per reply: sentences completed meanwhile go together in the next. */
  #pump(): void {
    if (this.#inFlight || this.#failure !== null) return;
    const batch = this.#waiting;
    const upTo = this.#sentences.completeUpTo;
    if (batch.length === 0) {
      // Only scraps too short to compare since the last batch ("Sure!"): cleared as they are.
      this.#judgedUpTo = Math.max(this.#judgedUpTo, upTo);
      return;
    }
    this.#waiting = [];
    this.#inFlight = this.#judge(batch, upTo).finally(() => {
      this.#inFlight = null;
      this.#pump();
      for (const listener of this.#clearedListeners) listener();
    });
  }

  async #judge(batch: PlacedSentence[], upTo: number): Promise<void> {
    try {
      const prompt = await this.#inputs.prompt!;
      const [vectors, before] = await Promise.all([this.#embedder.embed(batch.map((s) => s.text)), this.#inputs.revealedBefore]);
      batch.forEach((sentence, at) => {
        if (closestPromptSentence(prompt, vectors[at]!) >= this.#rules.holdThreshold) this.#heldFrom = Math.min(this.#heldFrom, sentence.start);
      });
      this.#vectors.push(...vectors);
      this.#coverage = Math.max(this.#coverage, this.#coverageSoFar(prompt, before));
      this.#judgedUpTo = upTo;
    } catch (err) {
      this.#fail(err);
    }
  }

  /**
   * The reply so far, in the prompt's order; and the session so far, counting only what this reply
   * and the earlier ones retold or quoted (semanticRules.memoryFloor), in any order, since replies
   * can hand the prompt out in any order.
   */
  #coverageSoFar(prompt: PromptVectors, before: Float32Array | null): number {
    const { fewestSentencesToCentre, sentenceCap, memoryFloor } = this.#rules;
    const matrix = matchMatrix(prompt, this.#vectors, fewestSentencesToCentre);
    this.#matches = bestPerPromptSentence(matrix, prompt.centred.length);
    const reply = orderedCoverage(matrix, prompt.centred.length, sentenceCap);
    const session = before ? coverageOf(strongerOf(before, strongOnly(this.#matches, memoryFloor)), sentenceCap) : 0;
    return Math.max(reply, session);
  }

  #fail(err: unknown): void {
    this.#failure ??= err instanceof EmbedderBusy ? 'the model is busy' : err instanceof Error ? err.message : String(err);
    this.#waiting = [];
  }
}
