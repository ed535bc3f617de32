/** Messages between the server and the embedding worker (embedding-worker.ts). */
export interface ToEmbeddingWorker {
  id: number;
  texts: string[];
}

export type FromEmbeddingWorker =
  | { type: 'ready'; dim: number; loadMs: number }
  | { type: 'unavailable'; message: string }
  /** texts.length × dim floats, row after row. */
  | { type: 'embedded'; id: number; vectors: Float32Array<ArrayBuffer> }
  | { type: 'failed'; id: number; message: string };
