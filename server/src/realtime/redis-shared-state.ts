import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import { RedisActivityTracker } from './activity-tracker.ts';
import { attachRedisAdapter } from './adapter.ts';
import { adapterDraftRelay } from './draft-relay.ts';
import { InstancePresence } from './instance-presence.ts';
import { redisRateLimits } from './rate-limit.ts';
import { RedisReplyRegistry } from './redis-reply-registry.ts';
import type { SharedState } from './shared-state.ts';
import type { AppServer } from './socket-server.ts';
import { adapterStopRelay } from './stop-relay.ts';
import { RedisUserTabs } from './user-tabs.ts';

/** Shared state across instances, in Redis; imported only when REDIS_URL is set. */
export async function connectRedisSharedState(io: AppServer, redisUrl: string, logger: Logger): Promise<SharedState> {
  const instanceId = randomUUID();
  const adapter = await attachRedisAdapter(io, redisUrl, logger);
  const state = new Redis(redisUrl, { maxRetriesPerRequest: null });
  // Every delta's text goes to the registry: its own connection, auto-pipelined (see RedisReplyRegistry).
  const replies = state.duplicate({ enableAutoPipelining: true });
  for (const [role, client] of [['state', state], ['registry', replies]] as const) {
    client.on('error', (err) => logger.warn({ err: err.message, role }, '[realtime] redis connection error'));
  }
  let presence: InstancePresence | undefined;
  return {
    registry: new RedisReplyRegistry(replies, instanceId, logger),
    activity: new RedisActivityTracker(state),
    stopRelay: adapterStopRelay(io),
    draftRelay: adapterDraftRelay(io),
    rateLimits: redisRateLimits(state, logger),
    userTabs: new RedisUserTabs(state, instanceId, logger),
    async watchInstances(onOrphaned) {
      presence = new InstancePresence(state, instanceId, logger, onOrphaned);
      await presence.start();
    },
    async close() {
      await presence?.stop().catch(() => {});
      await adapter.close();
      await Promise.allSettled([state.quit(), replies.quit()]);
    },
  };
}
