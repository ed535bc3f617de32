import { z } from 'zod';

/** Every error an ack or a route may answer with. The client maps each to words a user can act on. */
export const errorCodes = [
  'invalid_payload',
  'unauthorized',
  'protocol_mismatch',
  'forbidden',
  'not_found',
  'busy',
  'rate_limited',
  'payload_too_large',
  'provider_auth',
  'provider_rate_limit',
  'provider_unavailable',
  'provider_timeout',
  'model_not_found',
  'context_too_long',
  'moderation_flagged',
  /** Someone else's assistant, and the user's provider is not one the operator trusts with its prompt. */
  'provider_not_trusted',
  'session_ended',
  'reply_interrupted',
  'store_unavailable',
  'internal',
] as const;

export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const appErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
});
export type AppError = z.infer<typeof appErrorSchema>;

export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: AppError };
export type AckCallback<T extends object = object> = (response: Ack<T>) => void;

export function failure(code: ErrorCode, message: string): { ok: false; error: AppError } {
  return { ok: false, error: { code, message } };
}
