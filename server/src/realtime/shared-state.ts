import type { Logger } from '../logger.ts';
import { MemoryActivityTracker, type ActivityTracker } from './activity-tracker.ts';
import { localDraftRelay, type DraftRelay } from './draft-relay.ts';
import type { OrphanedReply } from './instance-presence.ts';
import { memoryRateLimits, type RateLimitFactory } from './rate-limit.ts';
import { MemoryReplyRegistry, type ReplyRegistry } from './reply-registry.ts';
import type { AppServer } from './socket-server.ts';
import { localStopRelay, type StopRelay } from './stop-relay.ts';
import { MemoryUserTabs, type UserTabs } from './user-tabs.ts';

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
  // ioredis and the adapter cost ~10 MB of memory that a single instance never uses.
  const { connectRedisSharedState } = await import('./redis-shared-state.ts');
  return connectRedisSharedState(io, redisUrl, logger);
}
