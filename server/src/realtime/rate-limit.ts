import type { Redis } from 'ioredis';
import { answerWithin, late } from './bounded-wait.ts';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateRule } from '../features/limits/config.ts';
import type { Logger } from '../logger.ts';
import { redisKeys } from './redis-keys.ts';

/** One named limit: a counter per key (a user id, an address, a socket id). */
export interface RateLimit {
  /** Takes a point; answers how long to wait when the key is over its limit, else null. */
  consume(key: string): Promise<number | null>;
  /** How long until the key has a point again, without taking one; null while it has some left. */
  refusedFor(key: string): Promise<number | null>;
  /** Forgets the key (a socket that closed). */
  forget(key: string): void;
}

export type RateLimitFactory = (name: string, rule: RateRule) => RateLimit;

/**
 * Longest wait for a shared counter: one sent just as Redis went away waits in ioredis's queue
 * for the whole outage; past this, the request is allowed, as when counting fails.
 */
const countWaitMs = 1_000;

/** Counters in memory answer at once; only shared ones are raced against the wait. */
type Bound = <T>(work: Promise<T>) => Promise<T>;
const unbounded: Bound = (work) => work;
const boundedWait: Bound = async (work) => {
  const answer = await answerWithin(work, countWaitMs);
  if (answer === late) throw new Error('the rate-limit store did not answer in time');
  return answer;
};

function wrap(limiter: RateLimiterAbstract, rule: RateRule, logger: Logger, within: Bound = unbounded): RateLimit {
  return {
    async consume(key) {
      try {
        await within(limiter.consume(key));
        return null;
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes) return Math.max(refusal.msBeforeNext, 1);
        // A limiter that cannot count must not lock everyone out; the insurance limiter counts locally.
        logger.warn({ err: (refusal as Error).message, limit: limiter.keyPrefix }, '[limits] counting failed; allowing');
        return null;
      }
    },
    async refusedFor(key) {
      const state = await within(limiter.get(key)).catch(() => null);
      return state && state.consumedPoints >= rule.points ? Math.max(state.msBeforeNext, 1) : null;
    },
    forget(key) {
      void limiter.delete(key).catch(() => {});
    },
  };
}

const memoryOptions = (name: string, rule: RateRule) => ({ keyPrefix: name, points: rule.points, duration: rule.windowSec, blockDuration: rule.blockSec ?? 0 });

/** Counts in this instance's memory: one instance, or state that is per socket anyway. */
export function memoryRateLimits(logger: Logger): RateLimitFactory {
  return (name, rule) => wrap(new RateLimiterMemory(memoryOptions(name, rule)), rule, logger);
}

/**
 * Counts in Redis, so a user or an address gets the same budget from every instance. While Redis
 * is away each instance counts on its own instead of waiting (ioredis would queue the command).
 */
export function redisRateLimits(redis: Redis, logger: Logger): RateLimitFactory {
  return (name, rule) => {
    const limiter = new RateLimiterRedis({
      ...memoryOptions(redisKeys.rateLimit(name), rule),
      storeClient: redis,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory(memoryOptions(name, rule)),
    });
    return wrap(limiter, rule, logger, boundedWait);
  };
}
