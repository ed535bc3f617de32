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
