import { z } from 'zod';
import { failure, type ClientToServerEvents, type RequestName as ContractRequest } from '@gptlab/common';
import type { Logger } from '../logger.ts';
import { DeletedRecordError, InvalidCursorError, isStoreUnavailable, isStoreWriteFailure } from '../store/store.ts';
import { LiveStateUnavailableError } from './reply-registry.ts';

const maxProblemChars = 1_000;

/** Events with an ack; `draft:awareness` is a signal without one, registered on its own. */
export type RequestName = ContractRequest;
/** What the contract lets a tab send with a request. */
export type RequestPayload<E extends RequestName> = Parameters<ClientToServerEvents[E]>[0];
/** What the contract promises the tab's ack callback. */
export type RequestAck<E extends RequestName> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

/**
 * A schema fits a request when it accepts every payload the contract allows (its input) and yields
 * one the contract describes (its output): a schema written for another request fails one or the other.
 */
type SchemaFor<E extends RequestName, S extends z.ZodType> =
  RequestPayload<E> extends z.input<S> ? S : S & 'this schema refuses payloads the contract allows for this request';

/** The one thing of a socket this needs; an AppSocket is one, and a unit test can pass a fake. */
export interface RequestSocket {
  on(event: RequestName, listener: (...args: unknown[]) => void): unknown;
}

/** Registers one request: the event is named once, and the contract types its schema and its ack. */
export type HandleRequest = <E extends RequestName, S extends z.ZodType<RequestPayload<E>>>(
  event: E,
  schema: SchemaFor<E, S>,
  run: (input: z.output<S>) => RequestAck<NoInfer<E>> | Promise<RequestAck<NoInfer<E>>>,
) => void;

/**
 * Registers a socket's requests: each parses its payload with its schema, answers a typed error for bad
 * input, and turns an unexpected throw into a generic error ack. A client's input never crashes the
 * process or drops its connection.
 */
export function requestHandler(socket: RequestSocket, logger: Logger): HandleRequest {
  // Loosely typed inside: HandleRequest's signature is what holds each registration to the contract.
  return <S extends z.ZodType>(event: RequestName, schema: S, run: (input: z.output<S>) => unknown) => {
    socket.on(event, async (...args) => {
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
        ack(answerForFailure(event, err, logger));
      }
    });
  };
}

function answerForFailure(event: RequestName, err: unknown, logger: Logger) {
  // A cursor is opaque to clients, so one the store did not issue is bad input, not a bug.
  if (err instanceof InvalidCursorError) return failure('invalid_payload', 'This list has changed since that page was loaded. Reload it.');
  // A tab that missed the deletion (offline, a queued message) writes to a session id that is gone for good.
  if (err instanceof DeletedRecordError) return failure('not_found', 'This session was deleted.');
  if (err instanceof LiveStateUnavailableError) {
    logger.warn({ event }, '[socket] live state unavailable');
    return failure('store_unavailable', 'Live replies are unavailable for a moment (the server lost its shared state), so nothing was sent. Try again in a few seconds.');
  }
  if (isStoreUnavailable(err)) {
    if (isStoreWriteFailure(err)) logger.error({ event, err: (err as Error).message }, '[socket] the store cannot write: is the disk full?');
    else logger.warn({ event, err: (err as Error).message }, '[socket] store unavailable');
    return failure('store_unavailable', 'Saving is unavailable for a moment, so nothing was changed. Try again shortly.');
  }
  logger.error({ err, event }, '[socket] handler failed');
  return failure('internal', 'Something went wrong on our side. Try again.');
}
