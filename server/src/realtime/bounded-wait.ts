/** What answerWithin gives when the work took longer than allowed. */
export const late = Symbol('late');

/**
 * The work's answer, or `late` if it has none within `ms`. The work carries on (a Redis command
 * waiting in ioredis's queue cannot be taken back); a failure after `late` is ignored here, so the
 * caller decides what a late answer means. The timer is cleared, so nothing lingers per call.
 */
export function answerWithin<T>(work: Promise<T>, ms: number): Promise<T | typeof late> {
  work.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof late>((resolve) => {
    timer = setTimeout(() => resolve(late), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
