import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';

const config = loadConfig();
const logger = createLogger(config.logLevel);
const app = await createApp(config, { logger });
const port = await app.listen();
const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
logger.info({ port, environment: config.environment, redis: Boolean(config.redisUrl) }, '[main] listening');
console.log(`\n  GPT Lab is running: open http://${shownHost}:${port}\n`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, '[main] shutting down');
    app.close(config.shutdownGraceMs).then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, '[main] shutdown failed');
        process.exit(1);
      },
    );
  });
}
