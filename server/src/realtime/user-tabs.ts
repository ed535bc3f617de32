import type { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import { answerWithin, late } from './bounded-wait.ts';
import { redisKeys } from './redis-keys.ts';

/** Redis gone and ioredis not yet aware: a sign-in waits this long for the count, then goes ahead uncounted. */
const admitWaitMs = 2_000;

/** The sockets each user has open, to cap how many tabs (and devices) one user may hold. */
export interface UserTabs {
  /** Counts this socket as one of the user's tabs; false, and not counted, when they already have `max`. */
  admit(userId: string, socketId: string, max: number): Promise<boolean>;
  release(userId: string, socketId: string): void;
}

export class MemoryUserTabs implements UserTabs {
  private readonly tabs = new Map<string, Set<string>>();

  async admit(userId: string, socketId: string, max: number): Promise<boolean> {
    const open = this.tabs.get(userId) ?? new Set<string>();
    if (open.size >= max) return false;
    this.tabs.set(userId, open.add(socketId));
    return true;
  }

  release(userId: string, socketId: string): void {
    const open = this.tabs.get(userId);
    open?.delete(socketId);
    if (open?.size === 0) this.tabs.delete(userId);
  }
}

/** A safety net: a user's set is refreshed on every admit and emptied as tabs close. */
const tabsTtlMs = 24 * 60 * 60 * 1000;

/**
 * Admits a tab unless the user is at the cap. Tabs of an instance that died (its presence key
 * expired, see instance-presence.ts) are dropped first, so a crash never locks a user out.
 */
const admitScript = `
for _, tab in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local instance = string.match(tab, '^(.-)/')
  if instance and redis.call('EXISTS', ARGV[3] .. instance) == 0 then redis.call('SREM', KEYS[1], tab) end
end
if redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`;

/** Every instance's tabs of a user, counted in Redis. */
export class RedisUserTabs implements UserTabs {
  private readonly redis: Redis;
  private readonly instanceId: string;
  private readonly logger: Logger;

  constructor(redis: Redis, instanceId: string, logger: Logger) {
    this.redis = redis;
    this.instanceId = instanceId;
    this.logger = logger;
  }

  async admit(userId: string, socketId: string, max: number): Promise<boolean> {
    // ioredis would queue the script until Redis is back; a sign-in must not wait that long.
    if (this.redis.status !== 'ready') return true;
    const tab = `${this.instanceId}/${socketId}`;
    try {
      const counted = this.redis.eval(admitScript, 1, redisKeys.userTabs(userId), tab, max, redisKeys.instance(''), tabsTtlMs);
      const answer = await answerWithin(counted, admitWaitMs);
      if (answer !== late) return answer === 1;
      counted.catch(() => undefined);
      this.logger.warn('[limits] Redis did not answer the tab count in time; allowing');
      return true;
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, '[limits] could not count tabs; allowing');
      return true;
    }
  }

  release(userId: string, socketId: string): void {
    this.redis.srem(redisKeys.userTabs(userId), `${this.instanceId}/${socketId}`).catch((err: unknown) => {
      this.logger.warn({ err: (err as Error).message }, '[limits] could not release a tab');
    });
  }
}
