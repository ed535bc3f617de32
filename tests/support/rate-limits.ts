import { testConfig } from './test-config.ts';
import type { RateLimitsConfig } from '../../server/src/features/limits/config.ts';

/** The default limits with some rules replaced, for a world's config. */
export function rateLimits(overrides: Partial<RateLimitsConfig>): RateLimitsConfig {
  return { ...testConfig().rateLimits, ...overrides };
}

const wide = { points: 1_000_000, windowSec: 60 };

/** Limits no test of something else will ever reach: for suites that send thousands of requests. */
export const unlimited: RateLimitsConfig = {
  messagesPerUser: wide,
  messagesPerIp: wide,
  sessionsPerUser: wide,
  sessionsPerIp: wide,
  draftEditsPerUser: wide,
  signInsPerIp: wide,
  connectionsPerIp: wide,
  failedSignInsPerIp: wide,
  codeMissesPerUser: wide,
  codeMissesPerIp: wide,
  socketEvents: wide,
  tabsPerUser: 1_000,
};
