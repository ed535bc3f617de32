/** Sizes, rates and timings that client and server must agree on. */
export const limits = {
  /** Bumped whenever the event contract changes incompatibly; a stale tab is told to reload. */
  protocolVersion: 1,
  apiKeyMaxLength: 512,
  baseUrlMaxLength: 2048,
  messageMaxChars: 32_000,
  modelIdMaxLength: 200,
  /** Socket.IO refuses frames above this; far below its 1 MB default (DESIGN.md section 5). */
  maxHttpBufferSize: 256 * 1024,
  /** Tokens are batched for this long before one delta event goes out (peers use 16–50 ms). */
  deltaBatchWindowMs: 16,
} as const;
