import { z } from 'zod';
import { failure, type Ack } from '@gptlab/common';
import type { Logger } from '../logger.ts';
import { isStoreUnavailable } from '../store/store.ts';

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
): (payload: unknown, ack: unknown) => Promise<void> {
  return async (payload, ack) => {
    // Without an ack there is nobody to answer; the contract makes every request carry one.
    if (typeof ack !== 'function') return;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      logger.debug({ event, issues: parsed.error.issues.length }, '[socket] refused a malformed payload');
      ack(failure('invalid_payload', z.prettifyError(parsed.error)));
      return;
    }
    try {
      ack(await run(parsed.data));
    } catch (err) {
      if (isStoreUnavailable(err)) {
        logger.warn({ event, err: (err as Error).message }, '[socket] store unavailable');
        ack(failure('store_unavailable', 'Saving is unavailable for a moment, so nothing was changed. Try again shortly.'));
        return;
      }
      logger.error({ err, event }, '[socket] handler failed');
      ack(failure('internal', 'Something went wrong on our side. Try again.'));
    }
  };
}
