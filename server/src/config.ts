import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { limits } from '@gptlab/common';
import { leakRules } from './features/guard/leak-rules.ts';
import { defaultSemanticModelDir } from './features/guard/semantic/model-files.ts';
import type { SemanticSettings } from './features/guard/semantic/start.ts';
import { rateLimitsEnvShape, readRateLimits, type RateLimitsConfig } from './features/limits/config.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const environmentSchema = z.enum(['development', 'test', 'production']);
export type Environment = z.infer<typeof environmentSchema>;

const envSchema = z.object({
  GPTLAB_ENV: environmentSchema.default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().optional(),
  MONGODB_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
  GPTLAB_SECRET: z.string().optional(),
  OPENAI_BASE_URL: z.url().default('https://api.openai.com/v1'),
  DEFAULT_MODEL: z.string().min(1).default('gpt-4o-mini'),
  ALLOW_CUSTOM_BASE_URL: z.enum(['true', 'false']).default('true'),
  TRUSTED_PROVIDER_URLS: z.string().optional(),
  ALLOWED_ORIGINS: z.string().optional(),
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  BEHIND_HTTPS: z.enum(['true', 'false']).default('false'),
  CLIENT_DIR: z.string().default(path.join(repoRoot, 'client/build')),
  PROVIDER_IDLE_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  PROVIDER_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().nonnegative().default(10_000),
  SEED_EXAMPLES: z.enum(['true', 'false']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DELTA_BATCH_WINDOW_MS: z.coerce.number().int().nonnegative().default(limits.deltaBatchWindowMs),
  REPLY_CHECKPOINT_MS: z.coerce.number().int().positive().default(1_000),
  METRICS: z.enum(['true', 'false']).default('false'),
  GUARD_BASELINE_THRESHOLD: z.coerce.number().gt(0).lte(1).default(leakRules.baselineThreshold),
  GUARD_SEMANTIC: z.enum(['off', 'auto', 'on']).default('off'),
  GUARD_SEMANTIC_MODEL_DIR: z.string().optional(),
  WORKERS: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(64)]).default(1),
  ...rateLimitsEnvShape,
});

export interface Config {
  environment: Environment;
  port: number;
  host: string;
  /** Where embedded-mode data lives; one folder per environment so dev, test and prod never share it. */
  dataDir: string;
  mongodbUrl: string | undefined;
  /** Database name when the MongoDB URL names none: one per environment. */
  mongoDbName: string;
  /** Base64 server secret; generated into dataDir when absent outside production. */
  serverSecret: string | undefined;
  redisUrl: string | undefined;
  providerBaseUrl: string;
  defaultModel: string;
  allowCustomBaseUrl: boolean;
  /**
   * Besides providerBaseUrl, the providers trusted with assistants' prompts. Someone else's
   * assistant runs for a user signed in elsewhere only if its owner allowed any provider.
   */
  trustedProviderUrls: string[];
  /** Origins allowed to open a socket; undefined means same origin only. */
  allowedOrigins: string[] | undefined;
  /** Load balancers in front that append to X-Forwarded-For; rate limits count the address they saw. */
  trustedProxies: number;
  /** Served to browsers over https (TLS ends here or at the proxy): sends HSTS and upgrades requests. */
  behindHttps: boolean;
  rateLimits: RateLimitsConfig;
  clientDir: string;
  /** On SIGTERM, how long replies in flight may take to finish before they are stopped and stored. */
  shutdownGraceMs: number;
  /** Load the showcased example assistants at start-up if they are missing. */
  seedExamples: boolean;
  /** Longest silence tolerated inside a streamed reply before it is failed as stalled. */
  providerIdleTimeoutMs: number;
  /** Longest wait for the provider to start answering. */
  providerRequestTimeoutMs: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** How long reply tokens are coalesced into one delta; 0 sends each token at once (the benchmark compares both). */
  deltaBatchWindowMs: number;
  /** How often a reply's text so far is stored while it streams: what a killed server can lose of it at most. */
  replyCheckpointMs: number;
  /** Serves GET /internal/metrics (event-loop delay, CPU, RSS) for the benchmark; never on by default. */
  metrics: boolean;
  /**
   * TF-IDF cosine with the secret prompt at which the leak guard withdraws a reply. Lower catches
   * looser rewordings and flags more honest on-topic replies; `npm run eval:guard` shows the trade.
   */
  guardBaselineThreshold: number;
  /**
   * The leak guard's semantic check (features/guard/semantic/): catches a prompt retold in other
   * words or translated, at tens of milliseconds of model time per sentence, in a worker thread. Off by
   * default; `auto` turns it on when scripts/setup-semantic-model.sh has installed the model.
   */
  guardSemantic: SemanticSettings;
  /**
   * Server processes on this machine (Node's cluster: they share the port, the kernel hands each
   * new connection to one of them). One Node thread saturates a core; `auto` is one per core.
   * More than one needs REDIS_URL, through which they share rooms and live state as separate
   * instances would.
   */
  workers: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration:\n${z.prettifyError(parsed.error)}`);
  }
  const e = parsed.data;
  const workers = e.WORKERS === 'auto' ? availableParallelism() : e.WORKERS;
  if (workers > 1 && !e.REDIS_URL) {
    throw new Error('Invalid configuration:\n✖ WORKERS above 1 needs REDIS_URL: the workers share rooms and live state through Redis.\n  → at WORKERS');
  }
  return {
    environment: e.GPTLAB_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR ?? path.join(repoRoot, 'data', e.GPTLAB_ENV)),
    mongodbUrl: e.MONGODB_URL || undefined,
    mongoDbName: `gptlab_${e.GPTLAB_ENV}`,
    serverSecret: e.GPTLAB_SECRET || undefined,
    redisUrl: e.REDIS_URL || undefined,
    providerBaseUrl: e.OPENAI_BASE_URL.replace(/\/+$/, ''),
    defaultModel: e.DEFAULT_MODEL,
    allowCustomBaseUrl: e.ALLOW_CUSTOM_BASE_URL === 'true',
    trustedProviderUrls: listOf(e.TRUSTED_PROVIDER_URLS),
    allowedOrigins: e.ALLOWED_ORIGINS === undefined ? undefined : listOf(e.ALLOWED_ORIGINS),
    trustedProxies: e.TRUST_PROXY_HOPS,
    behindHttps: e.BEHIND_HTTPS === 'true',
    rateLimits: readRateLimits(e),
    clientDir: path.resolve(e.CLIENT_DIR),
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    seedExamples: (e.SEED_EXAMPLES ?? String(e.GPTLAB_ENV !== 'production')) === 'true',
    providerIdleTimeoutMs: e.PROVIDER_IDLE_TIMEOUT_MS,
    providerRequestTimeoutMs: e.PROVIDER_REQUEST_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
    deltaBatchWindowMs: e.DELTA_BATCH_WINDOW_MS,
    replyCheckpointMs: e.REPLY_CHECKPOINT_MS,
    metrics: e.METRICS === 'true',
    guardBaselineThreshold: e.GUARD_BASELINE_THRESHOLD,
    guardSemantic: { mode: e.GUARD_SEMANTIC, modelDir: path.resolve(e.GUARD_SEMANTIC_MODEL_DIR || defaultSemanticModelDir(env)) },
    workers,
  };
}

/** "a, b,,c" → ["a", "b", "c"]. */
function listOf(commaSeparated: string | undefined): string[] {
  return (commaSeparated ?? '').split(',').map((item) => item.trim()).filter(Boolean);
}
