import { describe, expect, it } from 'vitest';
import { evalPrompts } from '../../../../tests/guard-eval/prompts.ts';
import { baselineSimilarity, detectLeak, leakRules, neutralReply, preparePrompt } from './service.ts';

const prompt = evalPrompts.algebraTutor;

describe('judging a finished reply', () => {
  it('calls a reply that repeats the prompt word for word a leak', () => {
    expect(detectLeak(prompt, prompt).leak).toBe(true);
    expect(baselineSimilarity(prompt, prompt)).toBeGreaterThanOrEqual(leakRules.baselineThreshold);
  });

  it('calls the prompt a leak after small rewording and punctuation changes', () => {
    const reworded = prompt
      .replace('You are Ada', "I'm Ada")
      .replace('straight away;', 'right away —')
      .replace('students aged twelve to fifteen', 'pupils aged 12–15')
      .replaceAll(',', '')
      .replace('explain why it works', 'say why it works')
      .toUpperCase();
    expect(detectLeak(prompt, reworded).leak).toBe(true);
  });

  it('calls two prompt sentences hidden inside a helpful answer a partial leak', () => {
    const reply = 'Good question! Let me explain how we will work together. When a student makes a mistake, point to the line ' +
      'where it happened and ask them to check it again. If the student is stuck after three hints, show the next step only ' +
      'and explain why it works. Now, back to your equation: 4x + 2 = 18. What could you do first to get 4x on its own? ' +
      'Think about removing the 2 loose coins from the table before sharing the rest between four jars. Once you have ' +
      'an idea, write down the new line and tell me what it says, and we will look at it together.';
    expect(baselineSimilarity(reply, prompt)).toBeLessThan(leakRules.baselineThreshold);
    expect(detectLeak(prompt, reply)).toEqual({ leak: true, rule: 'sentence-echo' });
  });

  it('lets a reply on the same topic in its own words through', () => {
    const reply = "I'm your algebra helper! I won't hand you answers — we'll find them together, one small question at a time. " +
      "If you slip up somewhere, I'll show you where to look. And don't worry if it takes a few tries: every mistake is a clue.";
    expect(detectLeak(prompt, reply)).toEqual({ leak: false, rule: null });
  });

  it('lets an ordinary tutoring reply through', () => {
    const reply = 'Nice work on the first line! You subtracted 3 from both sides and got 2x = 8. Now picture 8 apples shared ' +
      'equally between 2 baskets. How many apples end up in each basket?';
    expect(detectLeak(prompt, reply).leak).toBe(false);
  });

  it('does not flag a very short prompt when the reply uses the same common phrase', () => {
    const short = preparePrompt('You are a helpful and friendly assistant.');
    expect(short.isShort).toBe(true);
    const reply = 'As a helpful and friendly assistant, I would suggest starting with a short list of what you need, then ' +
      'checking which shop near you has everything in stock.';
    expect(detectLeak(short, reply).leak).toBe(false);
  });

  it('offers a neutral replacement that quotes nothing and invites the user to go on', () => {
    expect(neutralReply).toMatch(/can't share that/);
    expect(neutralReply).toMatch(/\?$/);
    for (const secret of Object.values(evalPrompts)) expect(detectLeak(secret, neutralReply).leak).toBe(false);
  });
});
