import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { toProviderError } from './provider-errors.ts';

const badRequest = (code: string, param: string) =>
  new OpenAI.BadRequestError(400, { code, param, message: `Unsupported: '${param}'` }, `400 Unsupported: '${param}'`, new Headers());

describe('provider errors in words a user can act on', () => {
  it('names the assistant setting a model refuses, and says what to do', () => {
    expect(toProviderError(badRequest('unsupported_value', 'temperature'))?.appError).toEqual({
      code: 'provider_unavailable',
      message: 'This model does not accept the temperature as the assistant sets it. Pick another model, or change the setting in the Lab.',
    });
    expect(toProviderError(badRequest('unsupported_parameter', 'max_tokens'))?.appError.message).toContain('the max tokens');
  });

  it('keeps a context overflow apart from other refusals', () => {
    expect(toProviderError(badRequest('context_length_exceeded', 'messages'))?.appError.code).toBe('context_too_long');
  });
});
