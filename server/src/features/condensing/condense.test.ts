import { describe, expect, it, vi } from 'vitest';
import type { ConversationTurn } from '../../llm/provider.ts';
import { condense, type CondenseInput, type SummaryState, type ThreadMessage } from './condense.ts';
import { contextWindowOf } from './context-windows.ts';
import { continuationNote, summaryNote, summaryRequestTurns } from './summary-prompt.ts';
import { tokenCounterFor } from './token-count.ts';

const systemPrompt = 'You are a patient chemistry tutor.';
const smallModel = 'fake-chat-small';

/** Messages of about 50 tokens each, alternating user and assistant, numbered from 1. */
function thread(count: number, words = 45): ThreadMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    role: i % 2 === 0 ? 'user' : 'assistant',
    content: `message ${i + 1}: ${'word '.repeat(words)}`,
  }));
}

function input(messages: ThreadMessage[], overrides: Partial<CondenseInput> = {}): CondenseInput {
  return { mode: 'summarize', systemPrompt, messages, model: smallModel, summaryState: null, ...overrides };
}

function fakeSummariser(...summaries: string[]) {
  const queue = [...summaries];
  return vi.fn(async (_turns: ConversationTurn[]) => queue.shift() ?? 'no more summaries');
}

/** Whether the prompt plus `turns` passes 60% of the small model's window, by the real tokenizer. */
async function passesTrigger(turns: ConversationTurn[]): Promise<boolean> {
  const counter = await tokenCounterFor(smallModel);
  return counter.countChat(turns) > contextWindowOf(smallModel) * 0.6;
}

const system: ConversationTurn = { role: 'system', content: systemPrompt };

describe('rolling condensing', () => {
  it('sends the system prompt and exactly the last 20 messages', async () => {
    const messages = thread(30, 3);
    const summarise = fakeSummariser();
    const result = await condense(input(messages, { mode: 'rolling' }), { summarise });
    expect(result.turns).toEqual([system, ...messages.slice(10)]);
    expect(result.turns[1]?.content).toMatch(/^message 11: /);
    expect(result.turns.at(-1)?.content).toMatch(/^message 30: /);
    expect(result.summarised).toBe(false);
    expect(summarise).not.toHaveBeenCalled();
  });

  it('sends every message while the thread has fewer than 20', async () => {
    const messages = thread(7, 3);
    const result = await condense(input(messages, { mode: 'rolling' }), { summarise: fakeSummariser() });
    expect(result.turns).toEqual([system, ...messages]);
  });

  it('leaves a stored summary untouched', async () => {
    const stored: SummaryState = { summary: 'earlier', coversMessageCount: 2 };
    const result = await condense(input(thread(5, 3), { mode: 'rolling', summaryState: stored }), {
      summarise: fakeSummariser(),
    });
    expect(result.summaryState).toBe(stored);
  });
});

describe('summarize condensing', () => {
  it('sends the whole thread while it stays under 60% of the context window', async () => {
    const messages = thread(20);
    expect(await passesTrigger([system, ...messages])).toBe(false);
    const summarise = fakeSummariser();
    const result = await condense(input(messages), { summarise });
    expect(result).toEqual({ turns: [system, ...messages], summaryState: null, summarised: false });
    expect(summarise).not.toHaveBeenCalled();
  });

  it('summarises the older messages once the thread passes 60% and keeps the last 4', async () => {
    const messages = thread(30);
    expect(await passesTrigger([system, ...messages])).toBe(true);
    const summarise = fakeSummariser('The student asked about acids.');
    const result = await condense(input(messages), { summarise });

    expect(summarise).toHaveBeenCalledTimes(1);
    expect(summarise).toHaveBeenCalledWith(messages.slice(0, 26));
    expect(result.turns).toEqual([
      system,
      { role: 'system', content: expect.stringContaining('The student asked about acids.') },
      ...messages.slice(26),
    ]);
    expect(result.turns[2]?.content).toMatch(/^message 27: /);
    expect(result.summaryState).toEqual({ summary: 'The student asked about acids.', coversMessageCount: 26 });
    expect(result.summarised).toBe(true);
  });

  it('reuses the stored summary on the next turn without summarising again', async () => {
    const summarise = fakeSummariser('first summary', 'unexpected');
    const first = await condense(input(thread(30)), { summarise });
    const messages = thread(32);
    const next = await condense(input(messages, { summaryState: first.summaryState }), { summarise });

    expect(summarise).toHaveBeenCalledTimes(1);
    expect(next.turns).toEqual([system, summaryNote('first summary'), ...messages.slice(26)]);
    expect(next.summaryState).toEqual(first.summaryState);
    expect(next.summarised).toBe(false);
  });

  it('re-summarises from the previous summary once the thread passes 60% again', async () => {
    const summarise = fakeSummariser('first summary', 'second summary');
    const first = await condense(input(thread(30)), { summarise });
    const messages = thread(52);
    expect(await passesTrigger([system, summaryNote('first summary'), ...messages.slice(26)])).toBe(true);
    const next = await condense(input(messages, { summaryState: first.summaryState }), { summarise });

    expect(summarise).toHaveBeenCalledTimes(2);
    expect(summarise).toHaveBeenLastCalledWith([summaryNote('first summary'), ...messages.slice(26, 48)]);
    expect(next.turns).toEqual([system, summaryNote('second summary'), ...messages.slice(48)]);
    expect(next.summaryState).toEqual({ summary: 'second summary', coversMessageCount: 48 });
    expect(next.summarised).toBe(true);
  });

  it('measures the thread in tokens, so a short thread of rare characters is summarised', async () => {
    // 10 messages of 150 hieroglyphs: 3,000 characters but about 6,000 tokens, past 60% of 8,192.
    const messages: ThreadMessage[] = Array.from({ length: 10 }, (_, i) => ({
      role: i % 2 === 0 ? 'user' : 'assistant',
      content: '𓀀'.repeat(150),
    }));
    const summarise = fakeSummariser('hieroglyphs');
    const result = await condense(input(messages, { model: 'my-local-llama' }), { summarise });
    expect(result.summarised).toBe(true);
    expect(summarise).toHaveBeenCalledWith(messages.slice(0, 6));
  });

  it('sends a thread as is when only the last 4 messages are left to cover', async () => {
    const messages = thread(4, 400);
    expect(await passesTrigger([system, ...messages])).toBe(true);
    const summarise = fakeSummariser();
    const result = await condense(input(messages), { summarise });
    expect(result).toEqual({ turns: [system, ...messages], summaryState: null, summarised: false });
    expect(summarise).not.toHaveBeenCalled();
  });

  it('ignores a stored summary that covers more messages than the thread has', async () => {
    const messages = thread(3, 3);
    const stale: SummaryState = { summary: 'another thread', coversMessageCount: 9 };
    const result = await condense(input(messages, { summaryState: stale }), { summarise: fakeSummariser() });
    expect(result).toEqual({ turns: [system, ...messages], summaryState: null, summarised: false });
  });

  it('leaves out an empty system prompt', async () => {
    const messages = thread(2, 3);
    const result = await condense(input(messages, { systemPrompt: '' }), { summarise: fakeSummariser() });
    expect(result.turns).toEqual(messages);
  });
});

describe('the summary request', () => {
  it('asks for a summary of a transcript that labels each speaker', () => {
    const [instruction, transcript] = summaryRequestTurns([
      summaryNote('They met.'),
      { role: 'user', content: 'Hi again' },
      { role: 'assistant', content: 'Welcome back' },
    ]);
    expect(instruction?.role).toBe('system');
    expect(instruction?.content).toMatch(/summar/i);
    expect(transcript?.role).toBe('user');
    expect(transcript?.content).toContain('They met.\n\nUser: Hi again\n\nAssistant: Welcome back');
  });
});

describe('a session carried on from another', () => {
  it.each(['rolling', 'summarize'] as const)('in %s mode sends the summary of the earlier session right after the prompt, every turn', async (mode) => {
    const messages = thread(3, 3);
    const result = await condense(input(messages, { mode, carriedSummary: 'They planned a bakery in Porto.' }), { summarise: fakeSummariser() });
    expect(result.turns).toEqual([system, continuationNote('They planned a bakery in Porto.'), ...messages]);
    expect(result.turns[1]?.content).toContain('carries on from an earlier session');
  });
});
