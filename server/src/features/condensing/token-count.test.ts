import o200k from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it, vi } from 'vitest';
import type { ConversationTurn } from '../../llm/provider.ts';
import { chatTokenUpperBound, encodingOf, tokenCounterFor } from './token-count.ts';

describe('token counting', () => {
  it('counts what the tokenizer sees, not how long the string is', async () => {
    const counter = await tokenCounterFor('gpt-4o');
    const commonWords = 'a '.repeat(1000);
    const hieroglyphs = '𓀀'.repeat(1000);
    expect(commonWords.length).toBe(hieroglyphs.length);
    expect(counter.countText(commonWords)).toBe(1001);
    expect(counter.countText(hieroglyphs)).toBe(4000);
  });

  it('matches the counts OpenAI publishes for both encodings', async () => {
    const o200kCounter = await tokenCounterFor('gpt-4o');
    const cl100kCounter = await tokenCounterFor('gpt-4');
    expect(o200kCounter.countText('Hello, world!')).toBe(4);
    expect(cl100kCounter.countText('tiktoken is great!')).toBe(6);
    // 3 framing tokens per message, 1 for the role, 3 priming the reply (OpenAI cookbook).
    expect(o200kCounter.countChat([{ role: 'user', content: 'Hello' }])).toBe(8);
    expect(cl100kCounter.countChat([{ role: 'user', content: 'Hello' }])).toBe(8);
  });

  it('counts a chat exactly as the tokenizer encodes it', async () => {
    const chat: ConversationTurn[] = [
      { role: 'system', content: 'You are a helpful assistant.' },
      { role: 'user', content: 'Hello, how are you?' },
      { role: 'assistant', content: 'I am doing well, thank you for asking.' },
    ];
    const counter = await tokenCounterFor('gpt-4o-mini');
    expect(counter.countChat(chat)).toBe(o200k.encodeChat(chat, 'gpt-4o').length);
  });

  it('treats a pasted special token as ordinary text instead of failing', async () => {
    const counter = await tokenCounterFor('gpt-4o');
    expect(counter.countText('<|endoftext|>')).toBe(7);
  });

  it('tokenizes a resent message only once', async () => {
    const counter = await tokenCounterFor('gpt-4o');
    const spy = vi.spyOn(o200k, 'countTokens');
    const message = `a message sent only once ${Math.random()}`;
    counter.countChat([{ role: 'user', content: message }]);
    counter.countChat([{ role: 'user', content: message }]);
    expect(spy.mock.calls.filter(([text]) => text === message)).toHaveLength(1);
    spy.mockRestore();
  });

  it('bounds the cache by characters: 5 MB of pasted text pushes out the oldest messages, which are counted again', async () => {
    const counter = await tokenCounterFor('gpt-4o');
    const spy = vi.spyOn(o200k, 'countTokens');
    const early = `an early message ${Math.random()}`;
    counter.countText(early);
    for (let i = 0; i < 5; i++) counter.countText(`${i} ${'word '.repeat(200_000)}`);
    counter.countText(early);
    expect(spy.mock.calls.filter(([text]) => text === early)).toHaveLength(2);
    spy.mockRestore();
  });

  it('the byte ceiling is never below the true count, whatever the text', async () => {
    const samples = ['', 'hello', 'ünïcödé and emoji 🎉🎉🎉', '<|endoftext|> pasted', '日本語のテキスト', ' '.repeat(500), 'x'.repeat(10_000), 'The quick brown fox. '.repeat(200)];
    for (const model of ['gpt-4o', 'gpt-4']) {
      const counter = await tokenCounterFor(model);
      for (const text of samples) {
        const turns = [{ role: 'system' as const, content: text }, { role: 'user' as const, content: text }, { role: 'assistant' as const, content: text }];
        expect(chatTokenUpperBound(turns), `${model}: ${text.slice(0, 20)}`).toBeGreaterThanOrEqual(counter.countChat(turns));
      }
    }
  });

  it('picks the encoding each model family uses', () => {
    expect(encodingOf('gpt-4o-2024-08-06')).toBe('o200k_base');
    expect(encodingOf('gpt-4.1-mini')).toBe('o200k_base');
    expect(encodingOf('o3-mini')).toBe('o200k_base');
    expect(encodingOf('gpt-5')).toBe('o200k_base');
    expect(encodingOf('gpt-4')).toBe('cl100k_base');
    expect(encodingOf('gpt-4-turbo-2024-04-09')).toBe('cl100k_base');
    expect(encodingOf('gpt-3.5-turbo-0125')).toBe('cl100k_base');
    expect(encodingOf('ft:gpt-3.5-turbo-0613:acme::abc123')).toBe('cl100k_base');
    expect(encodingOf('llama-3.1-8b-instruct')).toBe('o200k_base');
  });
});
