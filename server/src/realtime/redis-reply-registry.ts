import type { InFlightReply } from '@gptlab/common';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import { answerWithin, late } from './bounded-wait.ts';
import { redisKeys } from './redis-keys.ts';
import { LiveStateUnavailableError, type ReplyRegistry } from './reply-registry.ts';
import { registryScripts, type RegistryCommands } from './registry-scripts.ts';

const metaKey = redisKeys.replyMeta;
const partsKey = redisKeys.replyParts;
/** A safety net only: entries are deleted when a reply ends, or by the janitor if its instance dies. */
const entryTtlMs = 60 * 60 * 1000;
/** How long a claim or a read sent to Redis may take before the request goes on without it. */
const claimWaitMs = 3_000;

/**
 * The reply registry every instance shares: any instance can serve a tab's catch-up.
 *
 * It has a connection of its own with auto-pipelining: a busy instance appends thousands of deltas
 * a second, and they go out in one write per event-loop turn instead of one each. Auto-pipelining
 * sends a MULTI at once, ahead of the commands it holds back, so every command here is a script
 * (registry-scripts.ts): they all wait in the same queue, and an end or a read never overtakes the
 * last append before it.
 */
export class RedisReplyRegistry implements ReplyRegistry {
  private readonly redis: Redis & RegistryCommands;
  private readonly instanceId: string;
  private readonly logger: Logger;

  /** `redis` must be this registry's own connection, created with enableAutoPipelining. */
  constructor(redis: Redis, instanceId: string, logger: Logger) {
    for (const [name, script] of Object.entries(registryScripts)) redis.defineCommand(name, script);
    this.redis = redis as Redis & RegistryCommands;
    this.instanceId = instanceId;
    this.logger = logger;
  }

  /**
   * Refused at once while Redis is away: queued, the claim would hold the request for the whole
   * outage, and run after it for a reply nobody waits for any more. One sent just before Redis went
   * away is waited for a bounded time; if it lands later, it is given back.
   */
  async begin(sessionId: string, replyId: string, kind: InFlightReply['kind']): Promise<boolean> {
    if (this.redis.status !== 'ready') throw new LiveStateUnavailableError();
    const claim = this.redis
      .beginReply(metaKey(sessionId), partsKey(sessionId), redisKeys.instanceReplies(this.instanceId), replyId, kind, this.instanceId, entryTtlMs, redisKeys.instance(''), sessionId)
      .then((result) => result === 1);
    const answer = await answerWithin(claim, claimWaitMs);
    if (answer !== late) return answer;
    void claim.then(async (claimed) => {
      if (claimed) await this.end(sessionId);
    }).catch(() => undefined);
    throw new LiveStateUnavailableError();
  }

  /** Not awaited on the hot path: commands keep their order on the connection, and queue while Redis is away. */
  append(sessionId: string, seq: number, text: string): void {
    this.redis
      .appendReplyText(partsKey(sessionId), metaKey(sessionId), text, seq + 1, entryTtlMs)
      .catch((err: unknown) => this.logger.warn({ err, sessionId }, '[realtime] could not record reply text'));
  }

  async replaceText(sessionId: string, text: string): Promise<void> {
    await this.redis.replaceReplyText(partsKey(sessionId), text, entryTtlMs);
  }

  /**
   * One script, so the text and its sequence number always match. Degraded while Redis is away, or
   * has just gone and ioredis has not noticed yet (the read would wait in its queue): none.
   */
  async snapshot(sessionId: string): Promise<InFlightReply | null> {
    if (this.redis.status !== 'ready') return null;
    const result = await answerWithin(this.redis.readReply(metaKey(sessionId), partsKey(sessionId)), claimWaitMs);
    if (result === late) {
      this.logger.warn({ sessionId }, '[realtime] the reply registry did not answer; opening without the reply in flight');
      return null;
    }
    const [fields, parts] = result;
    const meta: Record<string, string> = {};
    for (let i = 0; i + 1 < fields.length; i += 2) meta[fields[i]!] = fields[i + 1]!;
    if (!meta.replyId || (meta.kind !== 'reply' && meta.kind !== 'summary')) return null;
    return { replyId: meta.replyId, kind: meta.kind, text: parts.join(''), nextSeq: Number(meta.nextSeq ?? 0) };
  }

  async end(sessionId: string): Promise<void> {
    await this.redis.endReply(metaKey(sessionId), partsKey(sessionId), redisKeys.instanceReplies(this.instanceId), sessionId);
  }
}
