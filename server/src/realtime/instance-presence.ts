import type { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';

import { redisKeys } from './redis-keys.ts';

const heartbeatMs = 1_000;
/** An instance silent this long is dead: its replies will never finish. */
const presenceTtlMs = 4_000;

export interface OrphanedReply {
  sessionId: string;
  replyId: string;
  kind: 'reply' | 'summary';
  deltaCount: number;
}

/**
 * Each instance says it is alive every second. Every instance also watches the others: when one
 * stops (killed, crashed), exactly one survivor takes its unfinished replies, clears them and calls
 * `onOrphaned` so their tabs can be told the reply was interrupted instead of waiting forever.
 */
export class InstancePresence {
  private timer: NodeJS.Timeout | undefined;
  private readonly redis: Redis;
  private readonly instanceId: string;
  private readonly logger: Logger;
  private readonly onOrphaned: (reply: OrphanedReply) => void;

  constructor(redis: Redis, instanceId: string, logger: Logger, onOrphaned: (reply: OrphanedReply) => void) {
    this.redis = redis;
    this.instanceId = instanceId;
    this.logger = logger;
    this.onOrphaned = onOrphaned;
  }

  async start(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => {
      this.beat()
        .then(() => this.reapDeadInstances())
        .catch((err: unknown) => this.logger.warn({ err }, '[realtime] presence check failed'));
    }, heartbeatMs);
    this.timer.unref();
  }

  /** A graceful exit leaves nothing for others to clean up. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.redis.multi().del(redisKeys.instance(this.instanceId)).srem(redisKeys.instances, this.instanceId).exec();
  }

  /**
   * The key that says "alive", and the entry in the set others read to know whom to watch, both on
   * every beat: after Redis restarts empty, an instance registered only at start-up would be
   * watched by nobody, and its replies never reaped if it then died.
   */
  private async beat(): Promise<void> {
    await this.redis.multi().set(redisKeys.instance(this.instanceId), '1', 'PX', presenceTtlMs).sadd(redisKeys.instances, this.instanceId).exec();
  }

  private async reapDeadInstances(): Promise<void> {
    for (const other of await this.redis.smembers(redisKeys.instances)) {
      if (other === this.instanceId || (await this.redis.exists(redisKeys.instance(other)))) continue;
      if ((await this.redis.set(redisKeys.reaping(other), this.instanceId, 'PX', 30_000, 'NX')) !== 'OK') continue;
      await this.reap(other);
    }
  }

  private async reap(deadId: string): Promise<void> {
    for (const sessionId of await this.redis.smembers(redisKeys.instanceReplies(deadId))) {
      const meta = await this.redis.hgetall(redisKeys.replyMeta(sessionId));
      if (meta.instance !== deadId || !meta.replyId) continue;
      await this.redis.del(redisKeys.replyMeta(sessionId), redisKeys.replyParts(sessionId));
      this.onOrphaned({ sessionId, replyId: meta.replyId, kind: meta.kind === 'summary' ? 'summary' : 'reply', deltaCount: Number(meta.nextSeq ?? 0) });
    }
    await this.redis.multi().del(redisKeys.instanceReplies(deadId)).srem(redisKeys.instances, deadId).exec();
    this.logger.warn({ instance: deadId }, '[realtime] an instance stopped answering; its unfinished replies were marked interrupted');
  }
}
