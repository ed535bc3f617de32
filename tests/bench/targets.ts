import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { childPids } from './process-stats.ts';
import { repoRoot, startServerProcess, type ServerProcess } from './server-process.ts';

/** What /internal/metrics answers, on our server and on the floor alike. */
export interface ServerMetrics {
  eventLoopLagMs: { p50: number; p99: number; max: number };
  rssBytes: number;
  heap: { usedBytes: number; totalBytes: number; externalBytes: number };
}

/** One relay under test: our server (one or two processes) or the floor. */
export interface Target {
  kind: 'ours' | 'floor';
  urls: string[];
  /** The protocol version its tabs sign in with, when it is not this checkout's: a `--baseline` commit refuses a newer one. */
  protocol?: number | undefined;
  pids: number[];
  /** Processes the relay depends on but does not own (Redis, possibly shared): their CPU is reported apart. */
  sidecarPids?: number[];
  /** What each process wrote (ours only). */
  output?(): string[];
  /** Reads (and resets) each process's event-loop lag. */
  metrics(): Promise<ServerMetrics[]>;
  stop(): Promise<void>;
}

export interface OursOptions {
  providerUrl: string;
  batchWindowMs: number;
  instances?: number;
  redisUrl?: string | undefined;
  /** Writes a .cpuprofile per process here on exit. */
  profileDir?: string | undefined;
  /** Another checkout to run instead of this one (an earlier commit, see baseline.ts). */
  root?: string | undefined;
  /**
   * Set on top of the usual environment: a variant under comparison (a setting, NODE_OPTIONS,
   * MALLOC_ARENA_MAX). NODE_ARGS is not an environment variable: its words go on node's command line,
   * for flags NODE_OPTIONS refuses (--optimize-for-size).
   */
  env?: Record<string, string> | undefined;
  /** Redis's own process, when it runs on this machine: its CPU is part of what scaling out costs. */
  redisPid?: number | undefined;
}

/**
 * The benchmark measures relaying, not abuse limits: every rate limit and the tab cap are lifted so
 * thousands of simulated tabs from one address and a few keys are let through.
 */
export const unlimited: Record<string, string> = {
  RATE_MESSAGES_PER_USER_PER_MINUTE: '100000000',
  RATE_MESSAGES_PER_IP_PER_MINUTE: '100000000',
  RATE_SESSIONS_PER_USER_PER_HOUR: '100000000',
  RATE_SESSIONS_PER_IP_PER_HOUR: '100000000',
  RATE_SIGN_INS_PER_IP_PER_MINUTE: '100000000',
  RATE_CONNECTIONS_PER_IP_PER_MINUTE: '100000000',
  RATE_SOCKET_EVENTS_PER_10_SECONDS: '100000000',
  MAX_TABS_PER_USER: '100000000',
};

/** Profiling flags, plus BENCH_SERVER_NODE_OPTIONS for experiments (e.g. `--import` a patch), plus a variant's own. */
function serverNodeOptions(profileDir: string | undefined, own = ''): string {
  return [profileDir ? `--cpu-prof --cpu-prof-dir=${profileDir}` : '', process.env.BENCH_SERVER_NODE_OPTIONS ?? '', own].filter(Boolean).join(' ');
}

/** Environment for a real server process of ours, sharing `dataDir` and `secret` with its siblings. */
export function oursEnv(options: OursOptions, dataDir: string, secret: string): Record<string, string> {
  return {
    ...unlimited,
    OPENAI_BASE_URL: options.providerUrl,
    DATA_DIR: dataDir,
    // Always the embedded store in its temp folder, even where MONGODB_URL is set (as in CI).
    MONGODB_URL: '',
    GPTLAB_SECRET: secret,
    SEED_EXAMPLES: 'true',
    METRICS: 'true',
    LOG_LEVEL: 'error',
    SHUTDOWN_GRACE_MS: '0',
    DELTA_BATCH_WINDOW_MS: String(options.batchWindowMs),
    REDIS_URL: options.redisUrl ?? '',
    // The same built client for an earlier checkout, which has none of its own.
    CLIENT_DIR: path.join(repoRoot, 'client/build'),
    ...options.env,
    NODE_OPTIONS: serverNodeOptions(options.profileDir, options.env?.NODE_OPTIONS),
  };
}

async function readMetrics(url: string): Promise<ServerMetrics> {
  const response = await fetch(`${url}/internal/metrics`);
  return (await response.json()) as ServerMetrics;
}

/** Starts our server as real processes (`node server/src/main.ts`), embedded store in a temp folder. */
export async function startOurs(options: OursOptions): Promise<Target> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'gptlab-bench-'));
  const env = oursEnv(options, dataDir, randomBytes(32).toString('base64'));
  const instances: ServerProcess[] = [];
  // One after the other: the first seeds the examples, so the second finds them in place.
  const { NODE_ARGS: nodeArgs = '', ...processEnv } = env;
  for (let i = 0; i < (options.instances ?? 1); i++) instances.push(await startServerProcess(options.root ?? repoRoot, processEnv, nodeArgs.split(' ').filter(Boolean)));
  return {
    kind: 'ours',
    urls: instances.map((instance) => instance.url),
    protocol: options.root ? await protocolOf(options.root) : undefined,
    // With WORKERS, the primary and its workers: the primary says where it listens once they all do.
    pids: instances.flatMap((instance) => [instance.process.pid!, ...childPids(instance.process.pid!)]),
    sidecarPids: options.redisUrl && options.redisPid ? [options.redisPid] : [],
    metrics: () => Promise.all(instances.map((instance) => readMetrics(instance.url))),
    output: () => instances.map((instance) => instance.output()),
    async stop() {
      // SIGTERM, not SIGKILL: a CPU profile is written on a clean exit only.
      await Promise.all(instances.map((instance) => instance.stop('SIGTERM')));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The protocol version the checkout at `root` speaks, read from its own common/ code. */
async function protocolOf(root: string): Promise<number> {
  const { limits } = (await import(path.join(root, 'common/src/limits.ts'))) as { limits: { protocolVersion: number } };
  return limits.protocolVersion;
}

const floorScript = fileURLToPath(new URL('./floor-server.ts', import.meta.url));

/** Starts the bare SSE → WebSocket pass-through as its own process. */
export async function startFloor(providerUrl: string, profileDir?: string): Promise<Target> {
  const child = spawn(process.execPath, [floorScript], {
    env: { ...process.env, UPSTREAM_URL: providerUrl, PORT: '0', NODE_OPTIONS: serverNodeOptions(profileDir) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then(() => reject(new Error(`floor server exited before listening: ${output}`)));
  });
  return {
    kind: 'floor',
    urls: [url],
    pids: [child.pid!],
    metrics: async () => [await readMetrics(url)],
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
