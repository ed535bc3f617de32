import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import { MemoryActivityTracker, RedisActivityTracker, type ActivityTracker } from './activity-tracker.ts';
import { attachRedisAdapter } from './adapter.ts';
import { adapterDraftRelay, localDraftRelay, type DraftRelay } from './draft-relay.ts';
import { InstancePresence, type OrphanedReply } from './instance-presence.ts';
import { memoryRateLimits, redisRateLimits, type RateLimitFactory } from './rate-limit.ts';
import { RedisReplyRegistry } from './redis-reply-registry.ts';
import { MemoryReplyRegistry, type ReplyRegistry } from './reply-registry.ts';
import type { AppServer } from './socket-server.ts';
import { adapterStopRelay, localStopRelay, type StopRelay } from './stop-relay.ts';
import { MemoryUserTabs, RedisUserTabs, type UserTabs } from './user-tabs.ts';

/** The state live features share across instances: in memory alone, in Redis when scaled out. */
export interface SharedState {
  registry: ReplyRegistry;
  activity: ActivityTracker;
  stopRelay: StopRelay;
  draftRelay: DraftRelay;
  /** Builds the rate limits that users and addresses share across instances. */
  rateLimits: RateLimitFactory;
  userTabs: UserTabs;
  /** Starts watching other instances; `onOrphaned` hears of replies a dead instance left unfinished. */
  watchInstances(onOrphaned: (reply: OrphanedReply) => void): Promise<void>;
  close(): Promise<void>;
}

export async function connectSharedState(io: AppServer, redisUrl: string | undefined, logger: Logger): Promise<SharedState> {
  if (!redisUrl) {
    return {
      registry: new MemoryReplyRegistry(),
      activity: new MemoryActivityTracker(),
      stopRelay: localStopRelay,
      draftRelay: localDraftRelay,
      rateLimits: memoryRateLimits(logger),
      userTabs: new MemoryUserTabs(),
      watchInstances: async () => {},
      close: async () => {},
    };
  }
  const instanceId = randomUUID();
  const adapter = await attachRedisAdapter(io, redisUrl, logger);
  const state = new Redis(redisUrl, { maxRetriesPerRequest: null });
  state.on('error', (err) => logger.warn({ err: err.message }, '[realtime] redis state connection error'));
  let presence: InstancePresence | undefined;
  return {
    registry: new RedisReplyRegistry(state, instanceId, logger),
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
      await state.quit().catch(() => {});
    },
  };
}
