import cluster, { type Worker } from 'node:cluster';
import type { AddressInfo } from 'node:net';
import type { Logger } from './logger.ts';

/** A worker that dies is replaced after this pause, so one that cannot start does not spin a core. */
const restartDelayMs = 1_000;

/**
 * The primary process when WORKERS is above 1: forks the workers (each builds the whole app, as
 * main.ts does in a single process), replaces one that dies, and on SIGTERM or SIGINT passes
 * SIGTERM on and exits once every worker has finished its shutdown grace. The primary itself loads
 * none of the app: it only hands each new connection to a worker. Resolves with the shared port.
 */
export async function superviseWorkers(count: number, logger: Logger): Promise<number> {
  let stopping = false;
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.error({ worker: worker.id, code, signal }, '[workers] a worker exited; starting another');
    setTimeout(() => {
      if (!stopping) startWorker().catch((err: unknown) => logger.error({ err }, '[workers] the replacement did not start'));
    }, restartDelayMs);
  });
  // The first alone: it creates the data folder's secret and seeds the examples before the others look.
  const first = await startWorker();
  await Promise.all(Array.from({ length: count - 1 }, startWorker));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, '[workers] shutting down');
      const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
      let left = workers.length;
      if (left === 0) process.exit(0);
      for (const worker of workers) {
        worker.once('exit', () => --left === 0 && process.exit(0));
        worker.process.kill('SIGTERM');
      }
    });
  }
  return first.port;
}

/** Resolves once the worker listens; rejects if it exits first (a bad config, Redis unreachable). */
function startWorker(): Promise<{ worker: Worker; port: number }> {
  const worker = cluster.fork();
  return new Promise((resolve, reject) => {
    const exitedEarly = (code: number | null) => reject(new Error(`a worker exited with code ${code} before it listened`));
    worker.once('exit', exitedEarly);
    worker.once('listening', (address: AddressInfo | { port: number }) => {
      worker.off('exit', exitedEarly);
      resolve({ worker, port: address.port });
    });
  });
}
