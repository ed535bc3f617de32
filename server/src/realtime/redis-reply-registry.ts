import type { InFlightReply } from '@gptlab/common';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import { answerWithin, late } from './bounded-wait.ts';
import { redisKeys } from './redis-keys.ts';
import { LiveStateUnavailableError, type ReplyRegistry } from './reply-registry.ts';

/** The commands defineCommand adds to the connection. */
interface ScriptCommands {
  appendReplyText(partsKey: string, metaKey: string, text: string, nextSeq: number, ttlMs: number): Promise<unknown>;
}

const metaKey = redisKeys.replyMeta;
const partsKey = redisKeys.replyParts;
/** A safety net only: entries are deleted when a reply ends, or by the janitor if its instance dies. */
const entryTtlMs = 60 * 60 * 1000;
/** How long a claim or a read sent to Redis may take before the request goes on without it. */
const claimWaitMs = 3_000;

/**
 * Claims the session unless a live instance is writing a reply there; an entry left by an instance
 * that died (its presence key expired) is taken over, so a crash never locks a session.
 */
const beginScript = `
local owner = redis.call('HGET', KEYS[1], 'instance')
if owner then
  if redis.call('EXISTS', ARGV[5] .. owner) == 1 then return 0 end
  redis.call('DEL', KEYS[1], KEYS[2])
end
redis.call('HSET', KEYS[1], 'replyId', ARGV[1], 'kind', ARGV[2], 'instance', ARGV[3], 'nextSeq', 0)
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('SADD', KEYS[3], ARGV[6])
return 1
`;

/**
 * One delta's text and the sequence number after it, in one command: the MULTI of RPUSH, PEXPIRE and
 * HSET it replaces was five commands per delta and 11–15% of a busy instance's CPU (bench profile,
 * 100 × 2 over Redis). The list's expiry is set when the first part creates it.
 */
const appendScript = `
if redis.call('RPUSH', KEYS[1], ARGV[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
redis.call('HSET', KEYS[2], 'nextSeq', ARGV[2])
`;

/** The reply registry every instance shares: any instance can serve a tab's catch-up. */
export class RedisReplyRegistry implements ReplyRegistry {
  private readonly redis: Redis;
  private readonly instanceId: string;
  private readonly logger: Logger;

  constructor(redis: Redis, instanceId: string, logger: Logger) {
    this.redis = redis;
    this.instanceId = instanceId;
    this.logger = logger;
    // Sent by its SHA after the first call (EVALSHA); atomic like the MULTI was.
    redis.defineCommand('appendReplyText', { numberOfKeys: 2, lua: appendScript });
  }

  /**
   * Refused at once while Redis is away: queued, the claim would hold the request for the whole
   * outage, and run after it for a reply nobody waits for any more. One sent just before Redis went
   * away is waited for a bounded time; if it lands later, it is given back.
   */
  async begin(sessionId: string, replyId: string, kind: InFlightReply['kind']): Promise<boolean> {
    if (this.redis.status !== 'ready') throw new LiveStateUnavailableError();
    const keys = [metaKey(sessionId), partsKey(sessionId), redisKeys.instanceReplies(this.instanceId)];
    const args = [replyId, kind, this.instanceId, entryTtlMs, redisKeys.instance(''), sessionId];
    const claim = this.redis.eval(beginScript, keys.length, ...keys, ...args).then((result) => result === 1);
    const answer = await answerWithin(claim, claimWaitMs);
    if (answer !== late) return answer;
    void claim.then(async (claimed) => {
      if (claimed) await this.end(sessionId);
    }).catch(() => undefined);
    throw new LiveStateUnavailableError();
  }

  /** Not awaited on the hot path: ioredis keeps commands in order on one connection, and queues them while Redis is away. */
  append(sessionId: string, seq: number, text: string): void {
    (this.redis as Redis & ScriptCommands)
      .appendReplyText(partsKey(sessionId), metaKey(sessionId), text, seq + 1, entryTtlMs)
      .catch((err: unknown) => this.logger.warn({ err, sessionId }, '[realtime] could not record reply text'));
  }

  async replaceText(sessionId: string, text: string): Promise<void> {
    await this.redis.multi().del(partsKey(sessionId)).rpush(partsKey(sessionId), text).pexpire(partsKey(sessionId), entryTtlMs).exec();
  }

  /**
   * One transaction, so the text and its sequence number always match. Degraded while Redis is
   * away, or has just gone and ioredis has not noticed yet (the read would wait in its queue): none.
   */
  async snapshot(sessionId: string): Promise<InFlightReply | null> {
    if (this.redis.status !== 'ready') return null;
    const results = await answerWithin(this.redis.multi().hgetall(metaKey(sessionId)).lrange(partsKey(sessionId), 0, -1).exec(), claimWaitMs);
    if (results === late) {
      this.logger.warn({ sessionId }, '[realtime] the reply registry did not answer; opening without the reply in flight');
      return null;
    }
    const meta = (results?.[0]?.[1] ?? {}) as Record<string, string>;
    const parts = (results?.[1]?.[1] ?? []) as string[];
    if (!meta.replyId || (meta.kind !== 'reply' && meta.kind !== 'summary')) return null;
    return { replyId: meta.replyId, kind: meta.kind, text: parts.join(''), nextSeq: Number(meta.nextSeq ?? 0) };
  }

  async end(sessionId: string): Promise<void> {
    await this.redis.multi().del(metaKey(sessionId), partsKey(sessionId)).srem(redisKeys.instanceReplies(this.instanceId), sessionId).exec();
  }
}
