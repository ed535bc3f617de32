import { z } from 'zod';
import { failure, type Ack } from '@gptlab/common';
import type { Logger } from '../logger.ts';
import { InvalidCursorError, isStoreUnavailable, isStoreWriteFailure } from '../store/store.ts';
import { LiveStateUnavailableError } from './reply-registry.ts';

const maxProblemChars = 1_000;

/**
 * Wraps a socket event handler: parses the payload with its schema, answers a typed error for bad
 * input, and turns an unexpected throw into a generic error ack. A client's input never crashes the
 * process or drops its connection.
 */
export function validatedHandler<S extends z.ZodType, R extends object>(
  event: string,
  schema: S,
  logger: Logger,
  run: (input: z.infer<S>) => Ack<R> | Promise<Ack<R>>,
): (...args: unknown[]) => Promise<void> {
  return async (...args) => {
    // Socket.IO puts the ack last, after however many arguments a client sent; without one there is
    // nobody to answer (the contract makes every request carry one).
    const ack = args.at(-1);
    if (typeof ack !== 'function') return;
    const payload = args.length > 1 ? args[0] : undefined;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      logger.debug({ event, issues: parsed.error.issues.length }, '[socket] refused a malformed payload');
      // Capped: a payload with thousands of bad keys must not get an answer as large as itself.
      ack(failure('invalid_payload', z.prettifyError(parsed.error).slice(0, maxProblemChars)));
      return;
    }
    try {
      ack(await run(parsed.data));
    } catch (err) {
      // A cursor is opaque to clients, so one the store did not issue is bad input, not a bug.
      if (err instanceof InvalidCursorError) {
        ack(failure('invalid_payload', 'This list has changed since that page was loaded. Reload it.'));
        return;
      }
      if (err instanceof LiveStateUnavailableError) {
        logger.warn({ event }, '[socket] live state unavailable');
        ack(failure('store_unavailable', 'Live replies are unavailable for a moment (the server lost its shared state), so nothing was sent. Try again in a few seconds.'));
        return;
      }
      if (isStoreUnavailable(err)) {
        if (isStoreWriteFailure(err)) logger.error({ event, err: (err as Error).message }, '[socket] the store cannot write: is the disk full?');
        else logger.warn({ event, err: (err as Error).message }, '[socket] store unavailable');
        ack(failure('store_unavailable', 'Saving is unavailable for a moment, so nothing was changed. Try again shortly.'));
        return;
      }
      logger.error({ err, event }, '[socket] handler failed');
      ack(failure('internal', 'Something went wrong on our side. Try again.'));
    }
  };
}
