/**
 * An earlier commit's server, to measure a change before and after in the same run:
 * `--baseline=<commit>` extracts that commit's server and common code into a temporary folder whose
 * node_modules point at this checkout's packages (so both run the same dependencies), and the
 * compare phase runs it beside the current code at every load.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './server-process.ts';

const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();

/** Our own workspace packages: linked to the extracted copy, so the old server imports its own common/. */
const workspaces = ['common', 'server'];

/** Resolves `revision`, extracts it once per commit, and returns the folder to start it from. */
export async function checkoutOf(revision: string): Promise<{ root: string; commit: string }> {
  const commit = git('rev-parse', '--short=10', `${revision}^{commit}`);
  const root = path.join(tmpdir(), `gptlab-bench-baseline-${commit}`);
  if (existsSync(path.join(root, 'node_modules'))) return { root, commit };
  await mkdir(root, { recursive: true });
  // package.json and Dockerfile say how it runs in production (server-process.ts).
  execFileSync('sh', ['-c', `git archive ${commit} package.json Dockerfile ${workspaces.join(' ')} | tar -x -C "${root}"`], { cwd: repoRoot });
  const modules = path.join(root, 'node_modules');
  await mkdir(path.join(modules, '@gptlab'), { recursive: true });
  for (const entry of await readdir(path.join(repoRoot, 'node_modules'))) {
    if (entry === '@gptlab' || entry === '.bin' || entry.startsWith('.')) continue;
    await symlink(path.join(repoRoot, 'node_modules', entry), path.join(modules, entry));
  }
  for (const workspace of workspaces) await symlink(path.join(root, workspace), path.join(modules, '@gptlab', workspace));
  return { root, commit };
}
