import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '@gptlab/common';
import { describeWindow, modelsWithLargerWindows } from './larger-windows.ts';

const models: ModelInfo[] = [
  { id: 'gpt-4o-mini', kind: 'chat', contextWindow: 128_000 },
  { id: 'gpt-4o', kind: 'chat', contextWindow: 128_000 },
  { id: 'fake-chat-small', kind: 'chat', contextWindow: 2_048 },
  { id: 'gpt-3.5-turbo-instruct', kind: 'completion', contextWindow: 4_096 },
  { id: 'local-llama', kind: 'chat', contextWindow: null },
  { id: 'o3-mini', kind: 'chat', contextWindow: 200_000 },
  { id: 'gpt-4.1', kind: 'chat', contextWindow: 1_047_576 },
];

describe('models with a larger context window', () => {
  it('lists chat models larger than the one that overflowed, nearest first', () => {
    expect(modelsWithLargerWindows(models, 'fake-chat-small').map((m) => m.id)).toEqual(['gpt-4o', 'gpt-4o-mini', 'o3-mini']);
    expect(modelsWithLargerWindows(models, 'gpt-4o-mini').map((m) => m.id)).toEqual(['o3-mini', 'gpt-4.1']);
  });

  it('claims nothing when the window of the current model is unknown, or nothing is larger', () => {
    expect(modelsWithLargerWindows(models, 'local-llama')).toEqual([]);
    expect(modelsWithLargerWindows(models, 'not-listed')).toEqual([]);
    expect(modelsWithLargerWindows(models, 'gpt-4.1')).toEqual([]);
    expect(modelsWithLargerWindows(models, 'gpt-3.5-turbo-instruct')).toEqual([]);
  });

  it('says a window in short', () => {
    expect(describeWindow(200_000)).toBe('200K tokens');
    expect(describeWindow(1_047_576)).toBe('1M tokens');
  });
});
