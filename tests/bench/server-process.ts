import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** This checkout: the code under test unless the benchmark is told to run an earlier one. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  url: string;
  process: ChildProcess;
  /** Everything it wrote so far (e.g. a --trace-gc log). */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * How the checkout runs in production: the node flags of its `npm start` (`node --flag
 * server/src/main.ts`) and the allocator setting its Dockerfile gives (`ENV MALLOC_ARENA_MAX=…`).
 * The benchmark runs each checkout that way, so heap settings count as the code does.
 */
export function productionRuntimeOf(root: string): { nodeArgs: string[]; env: Record<string, string> } {
  const { scripts } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const words = (scripts?.start ?? '').split(/\s+/);
  const nodeArgs = words.slice(words.indexOf('node') + 1).filter((word) => word.startsWith('--'));
  const dockerfile = existsSync(path.join(root, 'Dockerfile')) ? readFileSync(path.join(root, 'Dockerfile'), 'utf8') : '';
  const arenas = /^ENV\s+MALLOC_ARENA_MAX=(\d+)/m.exec(dockerfile)?.[1];
  return { nodeArgs, env: arenas ? { MALLOC_ARENA_MAX: arenas } : {} };
}

/**
 * Starts `node [production flags] [nodeArgs] server/src/main.ts` of the checkout at `root` (this one, or an earlier commit's for a
 * before/after comparison) on an ephemeral port; resolves once it says where it listens.
 */
export async function startServerProcess(root: string, env: Record<string, string>, nodeArgs: string[] = []): Promise<ServerProcess> {
  const production = productionRuntimeOf(root);
  const child = spawn(process.execPath, [...production.nodeArgs, ...nodeArgs, path.join(root, 'server/src/main.ts')], {
    cwd: root,
    env: { ...process.env, GPTLAB_ENV: 'test', PORT: '0', HOST: '127.0.0.1', ...production.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /open (http:\/\/\S+?:\d+)/.exec(output);
      if (match?.[1]) resolve(match[1].replace('localhost', '127.0.0.1'));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => reject(new Error(`server at ${root} exited before listening:\n${output}`)));
  });
  return {
    url,
    process: child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
