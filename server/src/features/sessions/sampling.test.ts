import { describe, expect, it } from 'vitest';
import { samplingFor } from './sampling.ts';

const settings = { temperature: 0.3, topP: 0.9, maxTokens: 1_024, frequencyPenalty: 0.1, presencePenalty: 0.2 };
const words = (count: number) => Array.from({ length: count }, (_, i) => `word${i}`).join(' ');
const hello = [{ role: 'user' as const, content: 'Hello' }];

describe('the sampling settings of one request', () => {
  it('passes the settings through while the window has room for the whole reply', async () => {
    expect(await samplingFor('gpt-4o-mini', hello, settings)).toEqual(settings);
  });

  it("caps max tokens at the model's output limit", async () => {
    expect((await samplingFor('gpt-4o-mini', hello, { ...settings, maxTokens: 30_000 })).maxTokens).toBe(16_384);
    expect((await samplingFor('my-local-model', hello, { ...settings, maxTokens: 3_000 })).maxTokens).toBe(3_000);
  });

  it('lowers max tokens to what the window has left after the conversation', async () => {
    // fake-chat-small has 2,048 tokens; about 1,500 are taken by the conversation.
    const sampling = await samplingFor('fake-chat-small', [{ role: 'user', content: words(700) }], settings);
    expect(sampling.maxTokens).toBeGreaterThan(0);
    expect(sampling.maxTokens).toBeLessThan(1_024);
    expect(sampling).toMatchObject({ temperature: 0.3, topP: 0.9 });
  });

  it('leaves max tokens out when the conversation leaves too little room, so the provider decides', async () => {
    expect((await samplingFor('fake-chat-small', [{ role: 'user', content: words(3_000) }], settings)).maxTokens).toBeUndefined();
  });

  it("leaves out a half-typed draft's values that are out of range, keeping the rest", async () => {
    const typed = { temperature: 3, topP: 0.5, maxTokens: 1.5, frequencyPenalty: -5, presencePenalty: Number.NaN };
    expect(await samplingFor('gpt-4o-mini', hello, typed)).toEqual({ temperature: undefined, topP: 0.5, maxTokens: undefined, frequencyPenalty: undefined, presencePenalty: undefined });
  });
});
