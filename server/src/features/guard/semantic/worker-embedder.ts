import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { EmbedderBusy, type Embedder } from './embedder.ts';
import type { SemanticModelFiles } from './model-files.ts';
import type { Vector } from './similarity.ts';
import type { FromEmbeddingWorker, ToEmbeddingWorker } from './worker-protocol.ts';

interface Pending {
  size: number;
  resolve: (vectors: Vector[]) => void;
  reject: (err: Error) => void;
}

/**
 * The model in its own thread, behind a bounded queue: at most `maxQueued` sentences wait at once,
 * across every reply, so a flood of replies is refused quickly instead of piling up latency and
 * memory. Requests are answered in order.
 */
export class WorkerEmbedder implements Embedder {
  readonly #worker: Worker;
  readonly #dim: number;
  readonly #maxQueued: number;
  readonly #pending = new Map<number, Pending>();
  #queued = 0;
  #nextId = 0;
  #broken: Error | null = null;

  /** Milliseconds the model took to load in its thread. */
  readonly loadMs: number;

  private constructor(worker: Worker, ready: { dim: number; loadMs: number }, maxQueued: number) {
    this.#worker = worker;
    this.#dim = ready.dim;
    this.loadMs = ready.loadMs;
    this.#maxQueued = maxQueued;
    worker.on('message', (message: FromEmbeddingWorker) => this.#receive(message));
    worker.on('error', (err) => this.#fail(err));
    worker.on('exit', (code) => this.#fail(new Error(`the embedding worker exited (${code})`)));
    // An idle model thread never keeps the process running; one with requests pending does.
    worker.unref();
  }

  /** Starts the thread and waits until the model is loaded; rejects if it cannot be. */
  static async start(files: SemanticModelFiles, maxQueued: number): Promise<WorkerEmbedder> {
    const worker = new Worker(new URL('./embedding-worker.ts', import.meta.url), { workerData: files });
    const [first] = (await Promise.race([once(worker, 'message'), once(worker, 'error').then(([err]) => Promise.reject(err as Error))])) as [FromEmbeddingWorker];
    if (first.type !== 'ready') {
      await worker.terminate();
      throw new Error(first.type === 'unavailable' ? first.message : `unexpected first message from the embedding worker: ${first.type}`);
    }
    return new WorkerEmbedder(worker, first, maxQueued);
  }

  embed(texts: readonly string[]): Promise<Vector[]> {
    if (this.#broken) return Promise.reject(this.#broken);
    if (texts.length === 0) return Promise.resolve([]);
    if (this.#queued + texts.length > this.#maxQueued) return Promise.reject(new EmbedderBusy(`${this.#queued} sentences are waiting for the model`));
    const id = this.#nextId++;
    this.#queued += texts.length;
    const message: ToEmbeddingWorker = { id, texts: [...texts] };
    return new Promise<Vector[]>((resolve, reject) => {
      if (this.#pending.size === 0) this.#worker.ref();
      this.#pending.set(id, { size: texts.length, resolve, reject });
      this.#worker.postMessage(message);
    });
  }

  /** Sentences waiting or being embedded now. */
  get queued(): number {
    return this.#queued;
  }

  async close(): Promise<void> {
    this.#fail(new Error('the embedder was closed'));
    await this.#worker.terminate();
  }

  #receive(message: FromEmbeddingWorker): void {
    if (message.type !== 'embedded' && message.type !== 'failed') return;
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id);
    this.#queued -= pending.size;
    if (this.#pending.size === 0) this.#worker.unref();
    if (message.type === 'failed') return pending.reject(new Error(message.message));
    const rows = Array.from({ length: pending.size }, (_, row) => message.vectors.subarray(row * this.#dim, (row + 1) * this.#dim));
    pending.resolve(rows);
  }

  #fail(err: Error): void {
    this.#broken ??= err;
    for (const pending of this.#pending.values()) pending.reject(this.#broken);
    this.#pending.clear();
    this.#queued = 0;
    this.#worker.unref();
  }
}
