import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { untilListening, type Instance } from '../support/instances.ts';

/** This checkout: the code under test unless the benchmark is told to run an earlier one. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A server process of the benchmark: its output is everything it wrote so far (e.g. a --trace-gc log). */
export type ServerProcess = Instance;

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
  return untilListening(child, `server at ${root}`);
}
