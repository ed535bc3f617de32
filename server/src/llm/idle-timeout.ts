/**
 * Re-yields `source`, but calls `onIdle` when no item arrives for `idleMs`. The SDK's own timeout
 * covers only the wait for response headers; a stream that goes silent mid-reply needs this.
 */
export async function* withIdleTimeout<T>(source: AsyncIterable<T>, idleMs: number, onIdle: () => void): AsyncGenerator<T> {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(onIdle, idleMs);
  };
  arm();
  try {
    for await (const item of source) {
      arm();
      yield item;
    }
  } finally {
    clearTimeout(timer);
  }
}
