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
  // Not auto-pipelined: the adapter does not catch a failed PUBLISH, and a publish held back to the
  // next turn fails with "Connection is closed" when a shutdown quits in between, as an unhandled
  // rejection (CI caught one in tests/integration/limits.test.ts).
  const pub = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: null });
  const sub = pub.duplicate();
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
