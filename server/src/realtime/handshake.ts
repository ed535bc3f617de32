import { handshakeAuthSchema, limits, type AppError } from '@gptlab/common';
import type { ProviderCredentials } from '../llm/provider.ts';

export interface HandshakeOptions {
  providerBaseUrl: string;
  allowCustomBaseUrl: boolean;
}

export type HandshakeResult = { ok: true; credentials: ProviderCredentials } | { ok: false; error: AppError };

/** Reads a tab's handshake: which key, which provider, which protocol. Proving the key is sign-in's job. */
export function readHandshake(auth: unknown, options: HandshakeOptions): HandshakeResult {
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
  return { ok: true, credentials: { apiKey, baseUrl: normaliseBaseUrl(baseUrl ?? options.providerBaseUrl) } };
}

/** "https://host/v1/" and "https://host/v1" are one provider, and so one identity. */
function normaliseBaseUrl(url: string): string {
  return url.replace(/\/+$/, '');
}
