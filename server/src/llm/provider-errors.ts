import OpenAI from 'openai';
import type { AppError } from '@gptlab/common';
import { ProviderError } from './provider.ts';
import { SseTooLargeError } from './sse-parser.ts';

/** Translates an openai SDK error into an error a user can act on. Never echoes the provider's text
 * verbatim for auth errors: some providers quote part of the key back. */
export function toProviderError(err: unknown): ProviderError | undefined {
  const appError = describeProviderFailure(err);
  return appError ? new ProviderError(appError) : undefined;
}

/** The Lab's names for the API's sampling parameters. */
const settingNames: Record<string, string> = {
  temperature: 'the temperature',
  top_p: 'the top-p',
  max_tokens: 'the max tokens',
  max_completion_tokens: 'the max tokens',
  frequency_penalty: 'the frequency penalty',
  presence_penalty: 'the presence penalty',
};

function describeProviderFailure(err: unknown): AppError | undefined {
  if (err instanceof SseTooLargeError) {
    return { code: 'provider_unavailable', message: 'The model provider sent an answer too large to read. Try again, or pick another model.' };
  }
  if (err instanceof OpenAI.APIConnectionTimeoutError) {
    return { code: 'provider_timeout', message: 'The model provider took too long to answer. Try again.' };
  }
  if (err instanceof OpenAI.APIConnectionError) {
    return { code: 'provider_unavailable', message: 'Could not reach the model provider. Check the base URL or try again.' };
  }
  if (err instanceof OpenAI.AuthenticationError || err instanceof OpenAI.PermissionDeniedError) {
    return { code: 'provider_auth', message: 'The provider refused this API key. Check it and sign in again.' };
  }
  if (err instanceof OpenAI.RateLimitError) {
    const quota = err.code === 'insufficient_quota';
    return quota
      ? { code: 'provider_rate_limit', message: 'Your provider account is out of quota. Check its billing page.' }
      : { code: 'provider_rate_limit', message: 'The provider is rate-limiting this key. Wait a moment and retry.' };
  }
  if (err instanceof OpenAI.NotFoundError) {
    return { code: 'model_not_found', message: 'This model is not available for your key. Pick another model.' };
  }
  if (err instanceof OpenAI.BadRequestError && err.code === 'context_length_exceeded') {
    return { code: 'context_too_long', message: 'The conversation is too long for this model. Start a new session, with a summary of this one if you like, or pick a model with a larger context.' };
  }
  if (err instanceof OpenAI.BadRequestError && (err.code === 'unsupported_parameter' || err.code === 'unsupported_value')) {
    const setting = settingNames[err.param ?? ''] ?? 'a model setting';
    return { code: 'provider_unavailable', message: `This model does not accept ${setting} as the assistant sets it. Pick another model, or change the setting in the Lab.` };
  }
  if (err instanceof OpenAI.InternalServerError || (err instanceof OpenAI.APIError && err.status === undefined)) {
    return { code: 'provider_unavailable', message: 'The model provider had an error. Try again in a moment.' };
  }
  if (err instanceof OpenAI.APIError) {
    return { code: 'provider_unavailable', message: `The model provider refused the request (HTTP ${err.status}).` };
  }
  return undefined;
}

export function stalledError(idleTimeoutMs: number): ProviderError {
  return new ProviderError({
    code: 'provider_timeout',
    message: `The model stopped sending text for ${Math.round(idleTimeoutMs / 1000)} s. Try again.`,
  });
}

/** The stream ended with nothing in it. */
export function emptyReply(): ProviderError {
  return new ProviderError({
    code: 'provider_unavailable',
    message: 'The model provider ended the reply without sending any of it. Some servers do this when the conversation is longer than the model can read: try a shorter message, or start a new session.',
  });
}

/** The stream ended mid-reply without saying it was finished. */
export function endedEarly(): ProviderError {
  return new ProviderError({ code: 'provider_unavailable', message: 'The model provider stopped sending before the reply was finished. Try again.' });
}

/**
 * fetch reports a connection cut mid-body as a bare TypeError ("terminated"), outside the SDK's
 * error classes. Anything else unexpected is rethrown as it is, to be logged as a bug.
 */
export function droppedMidReply(err: unknown): unknown {
  if (err instanceof TypeError && /terminated|socket|network/i.test(err.message)) {
    return new ProviderError({ code: 'provider_unavailable', message: 'The connection to the model provider dropped mid-reply. Try again.' });
  }
  return err;
}
