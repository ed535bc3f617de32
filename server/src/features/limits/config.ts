import { z } from 'zod';
import { limits } from '@gptlab/common';

/** At most `points` in any `windowSec`; past that, refused until the window ends, or for `blockSec`. */
export interface RateRule {
  points: number;
  windowSec: number;
  blockSec?: number;
}

export interface RateLimitsConfig {
  messagesPerUser: RateRule;
  messagesPerIp: RateRule;
  sessionsPerUser: RateRule;
  sessionsPerIp: RateRule;
  /** Lab edits (`draft:update`, `draft:sync`) over all of a user's tabs: a tab sends at most 10 a second. */
  draftEditsPerUser: RateRule;
  /** Every handshake, good or bad: caps a connection flood before any key is checked. */
  signInsPerIp: RateRule;
  /** Every connection opened, before any sign-in: twice the sign-ins, so reconnecting tabs never meet it first. */
  connectionsPerIp: RateRule;
  /** Keys the provider refused: stricter, and blocks for a while, since each costs a provider call. */
  failedSignInsPerIp: RateRule;
  /** Share codes looked up that exist nowhere: each is a guess, so past the limit lookups wait. */
  codeMissesPerUser: RateRule;
  codeMissesPerIp: RateRule;
  /** Every request a tab makes, whatever the event; counted per socket, in its instance's memory. */
  socketEvents: RateRule;
  tabsPerUser: number;
}

const count = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** The env settings of the limits, merged into config.ts's schema. The reasons for each default are in docs/threat-model.md. */
export const rateLimitsEnvShape = {
  RATE_MESSAGES_PER_USER_PER_MINUTE: count(30),
  RATE_MESSAGES_PER_IP_PER_MINUTE: count(120),
  RATE_SESSIONS_PER_USER_PER_HOUR: count(60),
  RATE_SESSIONS_PER_IP_PER_HOUR: count(240),
  RATE_DRAFT_EDITS_PER_USER_PER_MINUTE: count(1_800),
  RATE_SIGN_INS_PER_IP_PER_MINUTE: count(300),
  RATE_CONNECTIONS_PER_IP_PER_MINUTE: count(600),
  RATE_FAILED_SIGN_INS_PER_IP_PER_15_MINUTES: count(10),
  RATE_CODE_MISSES_PER_USER_PER_HOUR: count(30),
  RATE_CODE_MISSES_PER_IP_PER_HOUR: count(120),
  RATE_SOCKET_EVENTS_PER_10_SECONDS: count(limits.socketEventsPerWindow),
  MAX_TABS_PER_USER: count(limits.tabsPerUser),
};

type RateLimitsEnv = { [K in keyof typeof rateLimitsEnvShape]: number };

export function readRateLimits(env: RateLimitsEnv): RateLimitsConfig {
  return {
    messagesPerUser: { points: env.RATE_MESSAGES_PER_USER_PER_MINUTE, windowSec: 60 },
    messagesPerIp: { points: env.RATE_MESSAGES_PER_IP_PER_MINUTE, windowSec: 60 },
    sessionsPerUser: { points: env.RATE_SESSIONS_PER_USER_PER_HOUR, windowSec: 3600 },
    sessionsPerIp: { points: env.RATE_SESSIONS_PER_IP_PER_HOUR, windowSec: 3600 },
    draftEditsPerUser: { points: env.RATE_DRAFT_EDITS_PER_USER_PER_MINUTE, windowSec: 60 },
    signInsPerIp: { points: env.RATE_SIGN_INS_PER_IP_PER_MINUTE, windowSec: 60 },
    connectionsPerIp: { points: env.RATE_CONNECTIONS_PER_IP_PER_MINUTE, windowSec: 60 },
    failedSignInsPerIp: { points: env.RATE_FAILED_SIGN_INS_PER_IP_PER_15_MINUTES, windowSec: 900, blockSec: 900 },
    codeMissesPerUser: { points: env.RATE_CODE_MISSES_PER_USER_PER_HOUR, windowSec: 3600, blockSec: 3600 },
    codeMissesPerIp: { points: env.RATE_CODE_MISSES_PER_IP_PER_HOUR, windowSec: 3600, blockSec: 3600 },
    socketEvents: { points: env.RATE_SOCKET_EVENTS_PER_10_SECONDS, windowSec: limits.socketEventWindowMs / 1000 },
    tabsPerUser: env.MAX_TABS_PER_USER,
  };
}
