import { describe, expect, it } from 'vitest';
import { contextWindowOf, defaultContextWindow, knownContextWindowOf, outputLimitOf } from './context-windows.ts';

describe('context windows', () => {
  it('says a window is unknown rather than guess one, unless the provider stated it', () => {
    expect(knownContextWindowOf('gpt-4o')).toBe(128_000);
    expect(knownContextWindowOf('my-local-model')).toBeNull();
    expect(knownContextWindowOf('my-local-model', 32_768)).toBe(32_768);
  });

  it('knows the windows of the common OpenAI models', () => {
    expect(contextWindowOf('gpt-4o')).toBe(128_000);
    expect(contextWindowOf('gpt-4o-mini')).toBe(128_000);
    expect(contextWindowOf('gpt-4.1-nano')).toBe(1_047_576);
    expect(contextWindowOf('gpt-4')).toBe(8_192);
    expect(contextWindowOf('gpt-3.5-turbo')).toBe(16_385);
    expect(contextWindowOf('gpt-3.5-turbo-instruct')).toBe(4_096);
    expect(contextWindowOf('o4-mini')).toBe(200_000);
    expect(contextWindowOf('gpt-5-mini')).toBe(400_000);
    expect(contextWindowOf('fake-chat-small')).toBe(2_048);
  });

  it('knows models released after the table was first written, from the tokenizer package\'s model specs', () => {
    expect(contextWindowOf('gpt-5.1')).toBe(400_000);
    expect(contextWindowOf('gpt-5.2-2025-12-11')).toBe(400_000);
    expect(contextWindowOf('o3-pro')).toBe(200_000);
    expect(contextWindowOf('gpt-oss-20b')).toBe(131_072);
    expect(outputLimitOf('gpt-5.1')).toBe(128_000);
    expect(outputLimitOf('gpt-4o-mini')).toBe(16_384);
    expect(outputLimitOf('llama-3.1-8b-instruct')).toBe(Number.POSITIVE_INFINITY);
  });

  it('gives a dated model id the window of its family', () => {
    expect(contextWindowOf('gpt-4o-2024-08-06')).toBe(128_000);
    expect(contextWindowOf('gpt-4-turbo-2024-04-09')).toBe(128_000);
    expect(contextWindowOf('gpt-4-0613')).toBe(8_192);
    expect(contextWindowOf('gpt-4.1-2025-04-14')).toBe(1_047_576);
    expect(contextWindowOf('o3-mini-2025-01-31')).toBe(200_000);
  });

  it('gives fine-tuned and gateway-prefixed ids the window of their base model', () => {
    expect(contextWindowOf('ft:gpt-4o-mini-2024-07-18:acme::abc123')).toBe(128_000);
    expect(contextWindowOf('openai/gpt-4.1')).toBe(1_047_576);
  });

  it('assumes a small window for a model it does not know', () => {
    expect(defaultContextWindow).toBeLessThanOrEqual(4_096);
    expect(contextWindowOf('llama-3.1-8b-instruct')).toBe(defaultContextWindow);
    expect(contextWindowOf('gpt-4ish')).toBe(defaultContextWindow);
  });

  it('takes the window the provider stated over any table or guess', () => {
    expect(contextWindowOf('llama-3.1-8b-instruct', 32_768)).toBe(32_768);
    expect(contextWindowOf('gpt-4o', 16_000)).toBe(16_000);
    expect(contextWindowOf('gpt-4o', null)).toBe(128_000);
  });
});
