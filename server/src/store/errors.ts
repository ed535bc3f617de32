/** A create hit an id (or an assistant code) that is already taken; a caller may retry with a new one. */
export class DuplicateRecordError extends Error {
  override name = 'DuplicateRecordError';
  constructor(what: string, options?: ErrorOptions) {
    super(`${what} already exists`, options);
  }
}

/**
 * A create reused the id of a record that was deleted. Ids are never handed out twice: a tab that
 * still holds a deleted session (offline, a queued message) must not bring it back as a new one.
 */
export class DeletedRecordError extends Error {
  override name = 'DeletedRecordError';
  constructor(what: string) {
    super(`${what} was deleted`);
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

/** SQLite result codes (low byte of node:sqlite's `errcode`) of a write the disk refused: I/O error, disk full. */
const sqliteWriteFailures = new Set([10, 13]);
/** MongoDB's OutOfDiskSpace; FerretDB passes its SQLite backend's message through instead. */
const mongoOutOfDiskSpace = 14031;
const diskFullText = /disk is full|no space left|disk I\/O error/i;

/**
 * The disk refused a write (full, quota, I/O error). Nothing was changed, and the operator has to
 * free space, so users are told to retry while operators get an error in the log.
 */
export function isStoreWriteFailure(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const { errcode, code } = err as Error & { errcode?: unknown; code?: unknown };
  if (typeof errcode === 'number' && sqliteWriteFailures.has(errcode & 0xff)) return true;
  return code === mongoOutOfDiskSpace || (err.name === 'MongoServerError' && diskFullText.test(err.message));
}

/** Whether a failure is the store being unreachable or unable to write, which a user should simply retry. */
export function isStoreUnavailable(err: unknown): boolean {
  return (err instanceof Error && unreachableErrorNames.has(err.name)) || isStoreWriteFailure(err);
}
