import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import express from 'express';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import type { LlmProvider } from './llm/provider.ts';
import { createOpenAiProvider } from './llm/openai-provider.ts';
import { avatarRoutes } from './features/assistants/routes.ts';
import { announceActivity, registerAssistantEvents } from './features/assistants/socket.ts';
import { draftBroadcaster, registerDraftEvents } from './features/drafts/socket.ts';
import { registerModelEvents } from './features/models/socket.ts';
import { registerSessionEvents, roomBroadcaster } from './features/sessions/socket.ts';
import { limitRequests } from './features/limits/socket.ts';
import { clientFiles } from './http/client-files.ts';
import { metricsRoutes } from './http/metrics.ts';
import { loadClientShell } from './http/client-shell.ts';
import { allowedOriginsOnly } from './http/origin.ts';
import { securityHeaders, withHeaders } from './http/security-headers.ts';
import { connectSharedState } from './realtime/shared-state.ts';
import { admitEveryConnection, createSocketServer, requireSignIn, type AppServer } from './realtime/socket-server.ts';
import { refuseUnknownRequests } from './realtime/unknown-requests.ts';
import { createServices } from './services.ts';
import type { Store } from './store/store.ts';

export interface AppDeps {
  logger: Logger;
  /** Defaults to the OpenAI SDK provider; benchmarks may pass another. */
  provider?: LlmProvider;
  /** Defaults to the store the config selects (MongoDB or embedded SQLite). */
  store?: Store;
  /** Overrides the PBKDF2 cost of sign-in; only tests and benchmarks lower it. */
  keyDerivationIterations?: number;
}

export interface App {
  httpServer: HttpServer;
  io: AppServer;
  store: Store;
  /** Starts listening; resolves with the bound port (useful with port 0). */
  listen(): Promise<number>;
  /**
   * Stops taking connections, gives replies in flight up to `graceMs` to finish (then stops and
   * stores them), disconnects the tabs so they reconnect elsewhere, and releases everything.
   */
  close(graceMs?: number): Promise<void>;
}

const flushPauseMs = 250;

/** Builds the whole server from a config object, with no globals, so tests can start many. */
export async function createApp(config: Config, deps: AppDeps): Promise<App> {
  const { logger } = deps;
  const provider = deps.provider ?? createOpenAiProvider({ idleTimeoutMs: config.providerIdleTimeoutMs, requestTimeoutMs: config.providerRequestTimeoutMs });
  let accepting = true;
  const web = express();
  web.disable('x-powered-by');
  const shell = loadClientShell(config.clientDir);
  const headers = securityHeaders({ scriptHashes: shell?.scriptHashes ?? [], behindHttps: config.behindHttps });
  web.use(withHeaders(headers), allowedOriginsOnly(config.allowedOrigins));
  // A load balancer stops routing here as soon as a shutdown begins.
  web.get('/healthz', (_req, res) => {
    res.status(accepting ? 200 : 503).json({ ok: accepting });
  });
  web.use(avatarRoutes());
  if (config.metrics) web.use(metricsRoutes());
  web.use(clientFiles(config.clientDir, shell));

  const httpServer = createServer(web);
  const connections = admitEveryConnection();
  const io = createSocketServer(httpServer, { ...config, accepting: () => accepting, responseHeaders: headers, connections });
  const shared = await connectSharedState(io, config.redisUrl, logger);
  const broadcaster = roomBroadcaster(io);
  const services = await createServices(config, { ...deps, provider }, { sessions: broadcaster, activity: announceActivity(io), drafts: draftBroadcaster(io) }, shared);
  await shared.watchInstances(({ sessionId, replyId, kind, deltaCount }) => {
    const error = { code: 'reply_interrupted' as const, message: 'The server writing this reply went away. The text so far is kept; try again.' };
    broadcaster.replyEnded({ sessionId, replyId, kind, status: 'interrupted', deltaCount, error });
  });
  connections.admit = async (address) => (await services.limits.connection(address)) === null;
  requireSignIn(io, services.identity, { limits: services.limits, tabs: shared.userTabs }, config);
  io.on('connection', (socket) => {
    logger.debug({ socket: socket.id, user: socket.data.userId.slice(0, 12) }, '[socket] connected');
    socket.on('disconnect', (reason) => logger.debug({ socket: socket.id, reason }, '[socket] disconnected'));
    limitRequests(socket, services.limits);
    refuseUnknownRequests(socket);
    registerSessionEvents(socket, services, logger);
    registerAssistantEvents(socket, services.assistants, services.activity, services.limits, logger);
    registerModelEvents(socket, provider, logger);
    registerDraftEvents(socket, services.lab, services.limits, logger);
  });

  return {
    httpServer,
    io,
    store: services.store,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        // A deeper accept queue than Node's 511: a reconnect storm otherwise overflows it and clients
        // wait out 1-3 s SYN retransmits (the benchmark counted 285k listen overflows).
        httpServer.listen({ port: config.port, host: config.host, backlog: 4096 }, () => resolve((httpServer.address() as AddressInfo).port));
      }),
    async close(graceMs = 0) {
      // Not httpServer.close(): engine.io drops every socket when the HTTP server closes, which
      // would cut the replies that the grace period is for.
      accepting = false;
      await services.runner.drain(graceMs);
      await services.lab.live.settle();
      services.activity.stop();
      // io.close() discards what engine.io has not written yet; the last reply-ended must get out.
      if (graceMs > 0) await sleep(flushPauseMs);
      await io.close();
      await shared.close();
      await services.store.close();
      await services.semantic?.close();
    },
  };
}
