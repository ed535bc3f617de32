import { describe, expect, it } from 'vitest';
import { LearnedWindows, windowInErrorMessage, windowInModelObject, windowInProps } from './learned-windows.ts';

describe('context windows a provider states', () => {
  it('reads the window from the model list of the servers that give one', () => {
    expect(windowInModelObject({ id: 'mistral', max_model_len: 32_768 })).toBe(32_768);
    expect(windowInModelObject({ id: 'x', context_length: 131_072, top_provider: { context_length: 65_536 } })).toBe(131_072);
    expect(windowInModelObject({ id: 'tiny', owned_by: 'llamacpp', meta: { n_ctx_train: 4_096 } })).toBe(4_096);
    expect(windowInModelObject({ id: 'gpt-4o', object: 'model', owned_by: 'system' })).toBeNull();
    expect(windowInModelObject({ id: 'bad', context_length: '4096' })).toBeNull();
  });

  it('reads llama.cpp /props and the wording of context errors', () => {
    expect(windowInProps({ default_generation_settings: { n_ctx: 2_048 } })).toBe(2_048);
    expect(windowInProps({ n_ctx: 8_192 })).toBe(8_192);
    expect(windowInErrorMessage("This model's maximum context length is 4096 tokens. However, you requested 5000 tokens")).toBe(4_096);
    expect(windowInErrorMessage('Requested tokens (5000) exceed context window of 2048')).toBe(2_048);
    expect(windowInErrorMessage('the request exceeds the available context size')).toBeNull();
  });

  it('keeps one window per provider and model', () => {
    const learned = new LearnedWindows();
    learned.set('http://a/v1', 'm', 4_096);
    learned.set('http://b/v1', 'm', 0);
    expect(learned.get('http://a/v1', 'm')).toBe(4_096);
    expect(learned.get('http://b/v1', 'm')).toBeNull();
    expect(learned.get('http://a/v1', 'other')).toBeNull();
  });
});
