import { handshakeAuthSchema, limits, type AppError, type SocketData } from '@gptlab/common';

export interface HandshakeOptions {
  providerBaseUrl: string;
  allowCustomBaseUrl: boolean;
}

export type HandshakeResult = { ok: true; data: SocketData } | { ok: false; error: AppError };

/** Checks a tab's handshake. The key is kept for the socket's lifetime, in memory only. */
export function acceptHandshake(auth: unknown, options: HandshakeOptions): HandshakeResult {
  const parsed = handshakeAuthSchema.safeParse(auth);
  if (!parsed.success) {
    return { ok: false, error: { code: 'unauthorized', message: 'Sign in with your API key.' } };
  }
  const { apiKey, baseUrl, protocol } = parsed.data;
  if (protocol !== limits.protocolVersion) {
    return { ok: false, error: { code: 'protocol_mismatch', message: 'GPT Lab was updated. Reload the page.' } };
  }
  if (baseUrl && !options.allowCustomBaseUrl) {
    return { ok: false, error: { code: 'forbidden', message: 'This server does not allow a custom base URL.' } };
  }
  return { ok: true, data: { apiKey, baseUrl: baseUrl ?? options.providerBaseUrl } };
}
