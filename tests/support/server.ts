import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DestinationStream } from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import { limits, type ClientToServerEvents, type ServerToClientEvents } from '@gptlab/common';
import { createApp, type App } from '@gptlab/server/app';
import type { Config } from '@gptlab/server/config';
import { testConfig } from './test-config.ts';
import { createLogger } from '../../server/src/logger.ts';
import { startFakeProvider, type FakeProvider, type FakeProviderOptions } from '../fixtures/fake-provider/server.ts';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type TabAuth = Partial<{ apiKey: string; baseUrl: string; protocol: number }>;
export interface TabOptions {
  reconnection?: boolean;
  transports?: Array<'websocket' | 'polling'>;
  /** Sent with the handshake request (Origin, X-Forwarded-For…); Node clients only. */
  extraHeaders?: Record<string, string>;
  query?: Record<string, string>;
}

export interface WorldOptions {
  provider?: FakeProviderOptions;
  config?: Partial<Config>;
  /** Receives every log line at debug level. */
  logs?: DestinationStream;
}

export interface TestWorld {
  provider: FakeProvider;
  app: App;
  url: string;
  dataDir: string;
  /** A signed-in tab; closed with the world. */
  connectTab(auth?: TabAuth): Promise<TestSocket>;
  /** Stops the server and starts a new one on the same data, as after a deploy. */
  restartServer(): Promise<void>;
  close(): Promise<void>;
}

/** Opens a signed-in tab on a server; rejects with the server's refusal if sign-in fails. */
export async function connectTab(url: string, auth: TabAuth = {}, options: TabOptions = {}): Promise<TestSocket> {
  const socket: TestSocket = connect(url, {
    transports: options.transports ?? ['websocket'],
    auth: { apiKey: 'sk-test-alice', protocol: limits.protocolVersion, ...auth },
    forceNew: true,
    reconnection: options.reconnection ?? false,
    extraHeaders: options.extraHeaders,
    query: options.query,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', (err) => {
      socket.disconnect();
      reject(err);
    });
  });
  return socket;
}

/** Starts a fake provider and a real server on ephemeral ports, with their own temporary data. */
export async function startWorld(options: WorldOptions = {}): Promise<TestWorld> {
  const provider = await startFakeProvider(options.provider);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'gptlab-test-'));
  const config = testConfig({ providerBaseUrl: provider.url, dataDir, ...options.config });
  const logger = options.logs ? createLogger('debug', options.logs) : createLogger('silent');
  // Sign-in cost is measured by the benchmark; tests derive keys cheaply.
  const start = async () => {
    const app = await createApp(config, { logger, keyDerivationIterations: 1_000 });
    return { app, url: `http://127.0.0.1:${await app.listen()}` };
  };
  const sockets: TestSocket[] = [];
  const world: TestWorld = {
    provider,
    dataDir,
    ...(await start()),
    async connectTab(auth = {}) {
      const socket = await connectTab(world.url, auth);
      sockets.push(socket);
      return socket;
    },
    async restartServer() {
      for (const socket of sockets.splice(0)) socket.disconnect();
      await world.app.close();
      Object.assign(world, await start());
    },
    async close() {
      for (const socket of sockets.splice(0)) socket.disconnect();
      await world.app.close();
      await provider.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return world;
}
