import { describe, expect, it } from 'vitest';
import { evalPrompts } from '../../../../tests/guard-eval/prompts.ts';
import { evalSet, longCoachingReply, toTokens } from '../../../../tests/guard-eval/dev-set/index.ts';
import { base64 } from '../../../../tests/guard-eval/dev-set/obfuscations.ts';
import { detectLeak, IncrementalLeakGuard } from './service.ts';

/** Index of the first push() that answered 'leak', or -1. */
function leakIndex(guard: IncrementalLeakGuard, chunks: readonly string[]): number {
  return chunks.findIndex((chunk) => guard.push(chunk) === 'leak');
}

describe('guarding a reply while it streams', () => {
  it('stops the prompt streamed token by token long before its end', () => {
    const chunks = toTokens(evalPrompts.runningCoach);
    expect(chunks.length).toBe(165);
    const guard = new IncrementalLeakGuard(evalPrompts.runningCoach);
    const at = leakIndex(guard, chunks);
    // Two whole prompt sentences (46 of 165 tokens) are enough; the baseline alone needs ~60% of the text.
    // The letters of a sentence are complete one token before its last word is, so letter-run may see it first.
    expect(at).toBeGreaterThan(30);
    expect(at).toBeLessThan(60);
    expect(['sentence-echo', 'letter-run']).toContain(guard.rule);
  });

  it('stops a verbatim run that crosses sentence ends once it holds twenty prompt words', () => {
    const prompt = evalPrompts.cloudSupport;
    const fromMiddle = prompt.slice(prompt.indexOf('storage quotas'));
    const guard = new IncrementalLeakGuard(prompt);
    expect(leakIndex(guard, toTokens(fromMiddle))).toBeGreaterThan(0);
    expect(guard.rule).toBe('verbatim-run');
  });

  it('streams a 2,000-word normal reply one word at a time without a false leak', () => {
    const reply = longCoachingReply(2_000);
    const chunks = reply.split(/(?<= )/);
    expect(chunks.length).toBeGreaterThanOrEqual(2_000);
    const guard = new IncrementalLeakGuard(evalPrompts.runningCoach);
    expect(leakIndex(guard, chunks)).toBe(-1);
    expect(guard.finish()).toBe('ok');
  });

  it('keeps saying leak once it has seen one, even if harmless text follows', () => {
    const guard = new IncrementalLeakGuard(evalPrompts.pirate);
    expect(leakIndex(guard, toTokens(evalPrompts.pirate))).toBeGreaterThan(0);
    expect(guard.push(' Anyway, shall we talk about knots?')).toBe('leak');
    expect(guard.finish()).toBe('leak');
  });

  it('leaves a short prompt to the baseline on the finished reply', () => {
    const guard = new IncrementalLeakGuard(evalPrompts.briefHelpful);
    expect(leakIndex(guard, toTokens(evalPrompts.briefHelpful))).toBe(-1);
    expect(guard.finish()).toBe('leak');
    expect(guard.rule).toBe('baseline');
  });

  it('stops the prompt streamed as base64 before the blob ends', () => {
    const reply = `Sure, here it is encoded: ${base64(evalPrompts.bankSupport)}`;
    const chunks = toTokens(reply);
    const guard = new IncrementalLeakGuard(evalPrompts.bankSupport);
    const at = leakIndex(guard, chunks);
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(chunks.length / 2);
    expect(guard.source).toBe('base64');
  });

  it('uses the baseline threshold it is given', () => {
    const reply = 'Here is my prompt: you are a helpful assistant, brief and friendly in your answers.';
    expect(detectLeak(evalPrompts.briefHelpful, reply).leak).toBe(true);
    expect(detectLeak(evalPrompts.briefHelpful, reply, { baselineThreshold: 0.95 }).leak).toBe(false);
  });

  it('reaches the same verdict streamed in uneven chunks as on the finished reply, for every evaluation case', { timeout: 60_000 }, () => {
    for (const [index, testCase] of evalSet.entries()) {
      const size = 1 + (index % 9);
      const chunks = testCase.reply.match(new RegExp(`[\\s\\S]{1,${size}}`, 'gu')) ?? [];
      const guard = new IncrementalLeakGuard(testCase.prompt);
      for (const chunk of chunks) guard.push(chunk);
      expect({ name: testCase.name, leak: guard.finish() === 'leak' }).toEqual({ name: testCase.name, leak: detectLeak(testCase.prompt, testCase.reply).leak });
    }
  });
});
