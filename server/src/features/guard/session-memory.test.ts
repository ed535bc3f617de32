import { describe, expect, it } from 'vitest';
import { evalPrompts } from '../../../../tests/guard-eval/prompts.ts';
import { detectLeak } from './service.ts';

const prompt = evalPrompts.cloudSupport;
const sentences = prompt.split(/(?<=[.!?])\s+|\n+/).filter((s) => s.split(/\s+/).length >= 10);

describe('the guard remembers what a session revealed', () => {
  it('one long prompt sentence per reply is fine alone, and a leak once a second one follows in a later reply', () => {
    expect(sentences.length).toBeGreaterThanOrEqual(2);
    const first = `Sure. ${sentences[0]} Anything else?`;
    const second = `Of course. ${sentences[1]} Happy to help.`;
    expect(detectLeak(prompt, first).leak).toBe(false);
    expect(detectLeak(prompt, second).leak).toBe(false);
    expect(detectLeak(prompt, second, { earlierReplies: [first] }).leak).toBe(true);
  });

  it('the same sentence said again in every reply (a catchphrase) never adds up', () => {
    const catchphrase = `Sure. ${sentences[0]} Anything else?`;
    expect(detectLeak(prompt, catchphrase, { earlierReplies: [catchphrase, catchphrase, catchphrase] }).leak).toBe(false);
  });
});
