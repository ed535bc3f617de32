import { io as connect, type Socket } from 'socket.io-client';
import { limits, type ClientToServerEvents, type ServerToClientEvents } from '@gptlab/common';
import { createApp, type App } from '@gptlab/server/app';
import { testConfig, type Config } from '@gptlab/server/config';
import { createLogger } from '../../server/src/logger.ts';
import { startFakeProvider, type FakeProvider, type FakeProviderOptions } from '../fixtures/fake-provider/server.ts';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestWorld {
  provider: FakeProvider;
  app: App;
  url: string;
  /** A signed-in tab; closed with the world. */
  connectTab(auth?: Partial<{ apiKey: string; baseUrl: string; protocol: number }>): Promise<TestSocket>;
  close(): Promise<void>;
}

/** Starts a fake provider and a real server on ephemeral ports, with their own temporary data. */
export async function startWorld(options: { provider?: FakeProviderOptions; config?: Partial<Config> } = {}): Promise<TestWorld> {
  const provider = await startFakeProvider(options.provider);
  const app = await createApp(testConfig({ providerBaseUrl: provider.url, ...options.config }), { logger: createLogger('silent') });
  const port = await app.listen();
  const url = `http://127.0.0.1:${port}`;
  const sockets: TestSocket[] = [];

  return {
    provider,
    app,
    url,
    async connectTab(auth = {}) {
      const socket: TestSocket = connect(url, {
        transports: ['websocket'],
        auth: { apiKey: 'sk-test-alice', protocol: limits.protocolVersion, ...auth },
        forceNew: true,
        reconnection: false,
      });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      return socket;
    },
    async close() {
      for (const socket of sockets) socket.disconnect();
      await app.close();
      await provider.close();
    },
  };
}
