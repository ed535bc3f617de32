import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Paths pino blanks out wherever they appear. The API key must never reach a log line, even
 * when a whole handshake or socket.data object is logged by mistake.
 */
const redactedPaths = [
  'apiKey',
  '*.apiKey',
  '*.*.apiKey',
  'auth',
  '*.auth',
  'authorization',
  '*.authorization',
  '*.headers.authorization',
  'prompt',
  '*.prompt',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, redact: { paths: redactedPaths, censor: '[redacted]' } }, destination);
}

export type { Logger };
