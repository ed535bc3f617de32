import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const mainScript = fileURLToPath(new URL('../../server/src/main.ts', import.meta.url));
const repoRoot = path.resolve(path.dirname(mainScript), '../..');

export interface Instance {
  url: string;
  process: ChildProcess;
  /** Everything the process wrote, for assertions and for debugging a failure. */
  output(): string;
  /** Sends a signal and waits for the process to exit; resolves with its exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts a real server process (`node server/src/main.ts`) on an ephemeral port. */
export async function startInstance(env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, [mainScript], {
    cwd: repoRoot,
    env: { ...process.env, GPTLAB_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return untilListening(child, 'server');
}

/**
 * Resolves once a server process says where it listens (`… open http://host:port`), keeping all it
 * writes; rejects, with that output, if it exits first.
 */
export async function untilListening(child: ChildProcess, label: string): Promise<Instance> {
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /open (http:\/\/\S+?:\d+)/.exec(output);
      if (match?.[1]) resolve(match[1].replace('localhost', '127.0.0.1'));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`${label} exited (${code}) before listening:\n${output}`)));
  });
  return {
    url,
    process: child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
