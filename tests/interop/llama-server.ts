import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../support/ports.ts';

/** The key llama.cpp's server is started with; any other is refused with 401. */
export const llamaKey = 'sk-interop-llama';

export interface LlamaServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Where tests/interop/setup-llama.sh put the server's venv and the tiny model (npm run test:interop
 * passes them on). Without them the suite cannot run: in CI that fails it, elsewhere it is skipped.
 */
export interface LlamaSetup {
  python: string;
  model: string;
  /** The same model with EOS never sampled: every reply runs to the window. */
  endlessModel: string;
}

export function llamaSetup(): LlamaSetup | null {
  const { LLAMA_PYTHON: python, LLAMA_MODEL: model, LLAMA_MODEL_ENDLESS: endlessModel } = process.env;
  return python && model && endlessModel ? { python, model, endlessModel } : null;
}

/** Starts llama-cpp-python's OpenAI-compatible server on a free port and waits until it answers. */
export async function startLlamaServer(setup: LlamaSetup, options: { endless?: boolean; contextTokens?: number } = {}): Promise<LlamaServer> {
  const port = await freePort();
  const contextTokens = options.contextTokens ?? 4_096;
  const model = options.endless ? setup.endlessModel : setup.model;
  const child = spawn(setup.python, ['-m', 'llama_cpp.server', '--model', model, '--host', '127.0.0.1', '--port', String(port), '--n_ctx', String(contextTokens), '--api_key', llamaKey], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4_000)));
  const url = `http://127.0.0.1:${port}/v1`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`llama.cpp server exited (${child.exitCode ?? child.signalCode}):\n${log}`);
    const ready = await fetch(`${url}/models`, { headers: { Authorization: `Bearer ${llamaKey}` } }).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`llama.cpp server did not answer within 60 s:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    process: child,
    async stop() {
      // A process killed by a signal keeps exitCode null; signalCode says it is gone.
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}
