import { loadConfig, type Config } from '@gptlab/server/config';

/** A config for tests and benchmarks: embedded defaults, an ephemeral port, nothing read from env. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ GPTLAB_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' }), ...overrides };
}
