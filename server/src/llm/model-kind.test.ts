import { describe, expect, it } from 'vitest';
import { isReasoningModel, modelKindOf } from './model-kind.ts';

describe('what a model id says about the model', () => {
  it('tells reasoning models apart, behind a vendor prefix or a fine-tune too', () => {
    for (const id of ['o1', 'o3-mini', 'o4-mini-2025-04-16', 'gpt-5', 'gpt-5-mini', 'openai/o3', 'ft:o4-mini-2025-04-16:acme::abc']) expect(isReasoningModel(id)).toBe(true);
    for (const id of ['gpt-4o-mini', 'gpt-5-chat-latest', 'llama3', 'omni-7b', 'ft:gpt-4o-mini:acme::abc']) expect(isReasoningModel(id)).toBe(false);
  });

  it('reads legacy completion models by their names', () => {
    expect(modelKindOf('gpt-3.5-turbo-instruct')).toBe('completion');
    expect(modelKindOf('gpt-4o')).toBe('chat');
  });
});
