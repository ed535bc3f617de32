import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { limits } from '@gptlab/common';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import type { LlmProvider } from './llm/provider.ts';
import { createOpenAiProvider } from './llm/openai-provider.ts';
import { registerModelEvents } from './features/models/socket.ts';
import { SessionService } from './features/sessions/service.ts';
import { registerSessionEvents, roomBroadcaster } from './features/sessions/socket.ts';
import { clientFiles } from './http/client-files.ts';
import { attachRedisAdapter, type RedisLink } from './realtime/adapter.ts';
import { createSocketServer, type AppServer } from './realtime/socket-server.ts';

export interface AppDeps {
  logger: Logger;
  /** Defaults to the OpenAI SDK provider; benchmarks may pass another. */
  provider?: LlmProvider;
}

export interface App {
  httpServer: HttpServer;
  io: AppServer;
  /** Starts listening; resolves with the bound port (useful with port 0). */
  listen(): Promise<number>;
  close(): Promise<void>;
}

/** Builds the whole server from a config object, with no globals, so tests can start many. */
export async function createApp(config: Config, deps: AppDeps): Promise<App> {
  const { logger } = deps;
  const provider = deps.provider ?? createOpenAiProvider({ idleTimeoutMs: config.providerIdleTimeoutMs, requestTimeoutMs: config.providerRequestTimeoutMs });
  const web = express();
  web.disable('x-powered-by');
  web.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  web.use(clientFiles(config.clientDir));

  const httpServer = createServer(web);
  const io = createSocketServer(httpServer, config);
  const redis: RedisLink | undefined = config.redisUrl ? await attachRedisAdapter(io, config.redisUrl, logger) : undefined;

  const sessions = new SessionService({
    provider,
    broadcaster: roomBroadcaster(io),
    defaultModel: config.defaultModel,
    deltaBatchWindowMs: limits.deltaBatchWindowMs,
    logger,
  });
  io.on('connection', (socket) => {
    registerSessionEvents(socket, sessions, logger);
    registerModelEvents(socket, provider, logger);
  });

  return {
    httpServer,
    io,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => resolve((httpServer.address() as AddressInfo).port));
      }),
    async close() {
      await io.close();
      await redis?.close();
    },
  };
}
