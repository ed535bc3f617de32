import type { Redis } from 'ioredis';
import { redisKeys } from './redis-keys.ts';

/** A session counts as active while it is not ended and has had a message in this window. */
export const activeWindowMs = 5 * 60 * 1000;

/**
 * How many sessions each assistant has going right now, for the Lounge's live counts. Returns
 * the new count whenever it may have changed, so the caller can push it to watching tabs.
 */
export interface ActivityTracker {
  touch(assistantId: string, sessionId: string, now: number): Promise<number>;
  end(assistantId: string, sessionId: string): Promise<number>;
  counts(now: number): Promise<Record<string, number>>;
  /** Drops sessions idle past the window; returns the assistants whose count fell. */
  sweep(now: number): Promise<Record<string, number>>;
}

export class MemoryActivityTracker implements ActivityTracker {
  private readonly sessions = new Map<string, Map<string, number>>();

  async touch(assistantId: string, sessionId: string, now: number): Promise<number> {
    const active = this.sessions.get(assistantId) ?? new Map<string, number>();
    this.sessions.set(assistantId, active.set(sessionId, now));
    return active.size;
  }

  async end(assistantId: string, sessionId: string): Promise<number> {
    const active = this.sessions.get(assistantId);
    active?.delete(sessionId);
    return active?.size ?? 0;
  }

  async counts(now: number): Promise<Record<string, number>> {
    await this.sweep(now);
    return Object.fromEntries([...this.sessions].map(([id, active]) => [id, active.size]));
  }

  async sweep(now: number): Promise<Record<string, number>> {
    const changed: Record<string, number> = {};
    for (const [assistantId, active] of this.sessions) {
      const before = active.size;
      for (const [sessionId, at] of active) if (now - at > activeWindowMs) active.delete(sessionId);
      if (active.size !== before) changed[assistantId] = active.size;
      if (active.size === 0) this.sessions.delete(assistantId);
    }
    return changed;
  }
}

const activeKey = redisKeys.activeSessions;
const trackedKey = redisKeys.activeAssistants;

/** Shared by every instance: a sorted set per assistant, scored by each session's last activity. */
export class RedisActivityTracker implements ActivityTracker {
  private readonly redis: Redis;

  constructor(redis: Redis) {
    this.redis = redis;
  }

  async touch(assistantId: string, sessionId: string, now: number): Promise<number> {
    const results = await this.redis.multi().zadd(activeKey(assistantId), now, sessionId).sadd(trackedKey, assistantId).zremrangebyscore(activeKey(assistantId), 0, now - activeWindowMs).zcard(activeKey(assistantId)).exec();
    return Number(results?.at(-1)?.[1] ?? 0);
  }

  async end(assistantId: string, sessionId: string): Promise<number> {
    const results = await this.redis.multi().zrem(activeKey(assistantId), sessionId).zcard(activeKey(assistantId)).exec();
    return Number(results?.at(-1)?.[1] ?? 0);
  }

  async counts(now: number): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const assistantId of await this.redis.smembers(trackedKey)) {
      counts[assistantId] = await this.redis.zcount(activeKey(assistantId), now - activeWindowMs, '+inf');
    }
    return counts;
  }

  async sweep(now: number): Promise<Record<string, number>> {
    const changed: Record<string, number> = {};
    for (const assistantId of await this.redis.smembers(trackedKey)) {
      const removed = await this.redis.zremrangebyscore(activeKey(assistantId), 0, now - activeWindowMs);
      if (removed > 0) changed[assistantId] = await this.redis.zcard(activeKey(assistantId));
    }
    return changed;
  }
}
