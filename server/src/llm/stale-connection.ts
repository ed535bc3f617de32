import OpenAI from 'openai';

/** What undici and Node call a connection the other side closed. */
const closedByPeer = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

/**
 * The request never reached an answer because the provider closed the connection first. Most
 * often a pooled keep-alive connection that the provider closed just as it was reused: the client's
 * idle timer and the server's race, and a busy event loop loses the race often (at 1,000 sessions
 * × 2 tabs on one instance, 155 of the benchmark's replies failed this way). The provider did not
 * answer, so asking again is safe; a timeout is not retried.
 */
export function closedBeforeAnswer(err: unknown): boolean {
  if (!(err instanceof OpenAI.APIConnectionError) || err instanceof OpenAI.APIConnectionTimeoutError) return false;
  for (let cause: unknown = err.cause; cause instanceof Error; cause = cause.cause) {
    const code = (cause as Error & { code?: unknown }).code;
    if (typeof code === 'string' && closedByPeer.has(code)) return true;
  }
  return false;
}

/**
 * Pooled connections go idle together, so the next one taken from the pool may be just as stale:
 * at 1,000 × 2, one more try still failed 8 times in 611; with three tries in all no reply failed.
 */
const attempts = 3;

/** Opens the request, again (up to `attempts` in all) while the provider closes the connection before answering. */
export async function openWithReconnects<T>(open: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await open();
    } catch (err) {
      if (attempt >= attempts || signal?.aborted || !closedBeforeAnswer(err)) throw err;
    }
  }
}
