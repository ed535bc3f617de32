/**
 * The model's thread: loads multilingual-e5 once, then embeds each batch it is sent, one after
 * another, so the server's event loop never waits for the model.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadE5 } from './e5-library.ts';
import type { SemanticModelFiles } from './model-files.ts';
import type { FromEmbeddingWorker, ToEmbeddingWorker } from './worker-protocol.ts';

const port = parentPort;
if (!port) throw new Error('embedding-worker.ts runs as a worker thread');
const send = (message: FromEmbeddingWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

const started = performance.now();
try {
  const model = loadE5(workerData as SemanticModelFiles);
  send({ type: 'ready', dim: model.dim, loadMs: performance.now() - started });
  port.on('message', (message: ToEmbeddingWorker) => {
    try {
      const vectors = model.embed(message.texts);
      send({ type: 'embedded', id: message.id, vectors }, [vectors.buffer]);
    } catch (err) {
      send({ type: 'failed', id: message.id, message: err instanceof Error ? err.message : String(err) });
    }
  });
} catch (err) {
  send({ type: 'unavailable', message: err instanceof Error ? err.message : String(err) });
}
