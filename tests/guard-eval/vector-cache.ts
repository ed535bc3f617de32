import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Embedder } from '../../server/src/features/guard/semantic/embedder.ts';
import type { Vector } from '../../server/src/features/guard/semantic/similarity.ts';

const keyBytes = 20;

/**
 * The real model's sentence vectors, kept on disk between runs of `npm run eval:guard`: the model
 * is deterministic, and embedding every case again takes minutes on two cores. Only verdicts come
 * from here; the cost per reply is measured on the live model (semantic-eval.ts).
 * Records are a SHA-1 of the text, then its vector; a file from another model size is ignored.
 */
export class CachedEmbedder implements Embedder {
  readonly #inner: Embedder;
  readonly #file: string;
  readonly #vectors = new Map<string, Vector>();
  #dim = 0;

  constructor(inner: Embedder, file: string) {
    this.#inner = inner;
    this.#file = file;
    mkdirSync(path.dirname(file), { recursive: true });
    if (existsSync(file)) this.#load(readFileSync(file));
  }

  async embed(texts: readonly string[]): Promise<Vector[]> {
    const keys = texts.map(keyOf);
    const missing = [...new Set(texts.filter((_, at) => !this.#vectors.has(keys[at]!)))];
    if (missing.length > 0) {
      const fresh = await this.#inner.embed(missing);
      missing.forEach((text, at) => this.#store(keyOf(text), fresh[at]!));
    }
    return keys.map((key) => this.#vectors.get(key)!);
  }

  close(): Promise<void> {
    return this.#inner.close();
  }

  #store(key: string, vector: Vector): void {
    if (this.#dim === 0) this.#dim = vector.length;
    this.#vectors.set(key, vector);
    const record = Buffer.alloc(keyBytes + 4 * vector.length);
    Buffer.from(key, 'hex').copy(record);
    Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).copy(record, keyBytes);
    appendFileSync(this.#file, record);
  }

  #load(bytes: Buffer): void {
    const dim = 384;
    const size = keyBytes + 4 * dim;
    if (bytes.length % size !== 0) return;
    this.#dim = dim;
    for (let at = 0; at < bytes.length; at += size) {
      const key = bytes.subarray(at, at + keyBytes).toString('hex');
      const vector = new Float32Array(dim);
      Buffer.from(vector.buffer).set(bytes.subarray(at + keyBytes, at + size));
      this.#vectors.set(key, vector);
    }
  }
}

function keyOf(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

export const defaultVectorCache = path.join(import.meta.dirname, '../../node_modules/.cache/guard-eval/e5-small-q4-vectors.bin');
