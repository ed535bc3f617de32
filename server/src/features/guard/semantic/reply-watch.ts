import { EmbedderBusy, type Embedder } from './embedder.ts';
import type { SemanticRules } from './semantic-rules.ts';
import { SentenceStream } from './sentences.ts';
import { promptCoverage, type PromptVectors, type Vector } from './similarity.ts';

/** 'unchecked': the model could not judge in time (queue full, too slow, failed); the lexical guard still stands. */
export type SemanticVerdict = 'ok' | 'leak' | 'unchecked';

export interface SemanticFinding {
  verdict: SemanticVerdict;
  /** How much of the prompt the reply retells (similarity.ts); 0 when not judged. */
  coverage: number;
  /** Why it went unchecked, for the log. */
  reason?: string;
}

/**
 * Follows one streamed reply: each sentence is sent to the model as soon as it is complete, so
 * when the reply ends only its last sentence is left to embed; `settle` then judges the whole.
 */
export class ReplyWatch {
  readonly #prompt: Promise<PromptVectors | null>;
  readonly #embedder: Embedder;
  readonly #rules: SemanticRules;
  readonly #sentences = new SentenceStream();
  readonly #vectors: Vector[] = [];
  #waiting: string[] = [];
  #inFlight: Promise<void> | null = null;
  #failure: string | null = null;

  constructor(prompt: Promise<PromptVectors | null>, embedder: Embedder, rules: SemanticRules) {
    this.#prompt = prompt;
    this.#embedder = embedder;
    this.#rules = rules;
  }

  push(delta: string): void {
    this.#queue(this.#sentences.push(delta));
  }

  /** The reply is complete: judges it once every sentence is embedded, or says 'unchecked' after the timeout. */
  async settle(): Promise<SemanticFinding> {
    this.#queue(this.#sentences.finish());
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), this.#rules.settleTimeoutMs)));
    try {
      const prompt = await Promise.race([this.#idle(), late]);
      if (prompt === 'late') return { verdict: 'unchecked', coverage: 0, reason: 'timed out' };
      if (this.#failure !== null) return { verdict: 'unchecked', coverage: 0, reason: this.#failure };
      if (prompt === null) return { verdict: 'ok', coverage: 0 };
      const coverage = promptCoverage(prompt, this.#vectors, this.#rules);
      return { verdict: coverage >= this.#rules.leakThreshold ? 'leak' : 'ok', coverage };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resolves with the prompt's vectors once nothing is waiting or being embedded. */
  async #idle(): Promise<PromptVectors | null> {
    const prompt = await this.#prompt.catch((err: unknown) => {
      this.#failure ??= err instanceof Error ? err.message : String(err);
      return null;
    });
    while (this.#inFlight) await this.#inFlight;
    return prompt;
  }

  #queue(sentences: string[]): void {
    if (sentences.length === 0 || this.#failure !== null) return;
    this.#waiting.push(...sentences);
    this.#pump();
  }

  /** One request at a time per reply: sentences completed meanwhile go together in the next. */
  #pump(): void {
    if (this.#inFlight || this.#waiting.length === 0) return;
    const batch = this.#waiting;
    this.#waiting = [];
    this.#inFlight = this.#embedBatch(batch).finally(() => {
      this.#inFlight = null;
      this.#pump();
    });
  }

  async #embedBatch(batch: string[]): Promise<void> {
    try {
      // A prompt too short to judge needs no reply vectors; a prompt that failed fails the reply.
      if ((await this.#prompt) === null) return;
      this.#vectors.push(...(await this.#embedder.embed(batch)));
    } catch (err) {
      this.#failure = err instanceof EmbedderBusy ? 'the model is busy' : err instanceof Error ? err.message : String(err);
      this.#waiting = [];
    }
  }
}
