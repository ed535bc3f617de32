import type { Vector } from './similarity.ts';

/** Turns sentences into unit vectors; the semantic check depends on nothing more. */
export interface Embedder {
  /** One vector per text. Rejects with EmbedderBusy when too much is queued already. */
  embed(texts: readonly string[]): Promise<Vector[]>;
  close(): Promise<void>;
}

/** Too many sentences are waiting for the model: this request was refused rather than queued. */
export class EmbedderBusy extends Error {
  override name = 'EmbedderBusy';
}
