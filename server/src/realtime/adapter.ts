import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import type { AppServer } from './socket-server.ts';

export interface RedisLink {
  close(): Promise<void>;
}

/**
 * Puts the Socket.IO Redis adapter in front of `io` so room broadcasts reach tabs on every
 * instance. The adapter crashes the process on a Redis error unless someone listens for it.
 */
export async function attachRedisAdapter(io: AppServer, redisUrl: string, logger: Logger): Promise<RedisLink> {
  // Every broadcast is a PUBLISH: auto-pipelining sends those of one event-loop turn in one write
  // instead of one write each. The subscriber connection takes no commands to batch.
  const pub = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: null, enableAutoPipelining: true });
  const sub = pub.duplicate({ enableAutoPipelining: false });
  for (const [role, client] of [['pub', pub], ['sub', sub]] as const) {
    client.on('error', (err) => logger.warn({ err: err.message, role }, '[realtime] redis connection error'));
  }
  try {
    await Promise.all([pub.connect(), sub.connect()]);
  } catch (err) {
    pub.disconnect();
    sub.disconnect();
    // The URL may carry a password: name the setting, not its value.
    throw new Error(`Cannot reach Redis at REDIS_URL: ${(err as Error).message}`);
  }
  io.adapter(createAdapter(pub, sub));
  io.of('/').adapter.on('error', (err: unknown) => logger.warn({ err }, '[realtime] redis adapter error'));
  return {
    async close() {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
