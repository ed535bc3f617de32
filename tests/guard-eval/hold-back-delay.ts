import { EchoHoldBack } from '../../server/src/features/guard/hold-back.ts';
import { toTokens } from './dev-set/index.ts';

/** What holding back costs an honest reply, counted in tokens (time depends on the model's speed). */
export interface HoldBackDelay {
  tokens: number;
  /** Share of tokens that were not sent the moment they arrived. */
  heldShare: number;
  /** Share held for more than 3 tokens: longer than a word being written. */
  heldLongShare: number;
  /** Per token: how many tokens later it went out (0: at once). */
  p50: number;
  p99: number;
  max: number;
}

/**
 * Streams each honest reply token by token through the hold-back, as the reply runner does, and
 * notes for every character how many tokens after its own it was released.
 */
export function holdBackDelay(replies: ReadonlyArray<{ prompt: string; reply: string }>): HoldBackDelay {
  const delays: number[] = [];
  for (const { prompt, reply } of replies) {
    const holdBack = new EchoHoldBack(prompt);
    const tokens = toTokens(reply);
    const arrivedAt: number[] = [];
    let released = 0;
    const release = (text: string, at: number) => {
      for (let i = 0; i < text.length; i++) delays.push(at - (arrivedAt[released + i] ?? at));
      released += text.length;
    };
    tokens.forEach((token, at) => {
      for (let i = 0; i < token.length; i++) arrivedAt.push(at);
      release(holdBack.push(token), at);
    });
    release(holdBack.flush(), tokens.length);
  }
  const sorted = delays.toSorted((a, b) => a - b);
  const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { tokens: delays.length, heldShare: delays.filter((d) => d > 0).length / Math.max(1, delays.length), heldLongShare: delays.filter((d) => d > 3).length / Math.max(1, delays.length), p50: pick(0.5), p99: pick(0.99), max: sorted.at(-1) ?? 0 };
}
