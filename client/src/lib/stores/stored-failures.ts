import type { AppError, ErrorCode } from '@gptlab/common';

/**
 * What a reply that failed before this page was opened says, by the code stored with it: the live
 * notice's words are the provider's, and only the code is kept, so a reload says it in general terms.
 */
const words: Partial<Record<ErrorCode, string>> = {
  context_too_long: 'The conversation is too long for this model. Start a new session, with a summary of this one if you like, or pick a model with a larger context.',
  reply_interrupted: 'The server stopped while writing the last reply. The text so far is kept; try again.',
  provider_auth: 'The provider refused this API key when the last reply was asked for. Check it and sign in again.',
  provider_rate_limit: 'The provider was rate-limiting this key, or its quota ran out, when the last reply was asked for. Wait a moment and retry.',
  model_not_found: 'This model was not available for your key. Pick another model.',
  provider_timeout: 'The model provider took too long to answer the last message. Try again.',
  provider_unavailable: 'The model provider could not finish the last reply. Try again.',
};

const fallback = 'The last reply failed before it was finished. Try again.';

export function storedFailure(code: ErrorCode | undefined): AppError {
  return { code: code ?? 'internal', message: (code && words[code]) ?? fallback };
}
