/** A create hit an id (or an assistant code) that is already taken; a caller may retry with a new one. */
export class DuplicateRecordError extends Error {
  override name = 'DuplicateRecordError';
  constructor(what: string, options?: ErrorOptions) {
    super(`${what} already exists`, options);
  }
}

/** A page cursor that this store did not issue for this listing (tampered, stale or from another sort). */
export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
  constructor() {
    super('invalid page cursor');
  }
}

/** Driver errors that mean "the database cannot be reached right now", as opposed to a bug. */
const unreachableErrorNames = new Set(['MongoServerSelectionError', 'MongoNetworkError', 'MongoNetworkTimeoutError', 'MongoTopologyClosedError', 'MongoNotConnectedError']);

/** Whether a failure is the store being unreachable, which a user should simply retry. */
export function isStoreUnavailable(err: unknown): boolean {
  return err instanceof Error && unreachableErrorNames.has(err.name);
}
