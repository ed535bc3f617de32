import cluster from 'node:cluster';
import { loadConfig, type Config } from './config.ts';
import { createLogger, type Logger } from './logger.ts';

const config = loadConfig();
const logger = createLogger(config.logLevel);

function announce(port: number): void {
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  logger.info({ port, environment: config.environment, redis: Boolean(config.redisUrl), workers: config.workers }, '[main] listening');
  console.log(`\n  GPT Lab is running: open http://${shownHost}:${port}\n`);
}

if (config.workers > 1 && cluster.isPrimary) {
  // Imported here so that neither process loads what it does not run.
  const { superviseWorkers } = await import('./workers.ts');
  try {
    announce(await superviseWorkers(config.workers, logger));
  } catch (err) {
    logger.fatal({ err }, '[main] the workers could not start');
    process.exit(1);
  }
} else {
  await serve(config, logger);
}

/** One server process: the whole app, alone or as one of the workers. */
async function serve(config: Config, logger: Logger): Promise<void> {
  const { createApp } = await import('./app.ts');
  const app = await createApp(config, { logger });
  const port = await app.listen();
  // With workers, the primary says where the app is, once.
  if (cluster.isPrimary) announce(port);
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
}
