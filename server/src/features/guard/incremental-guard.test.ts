import { describe, expect, it } from 'vitest';
import { evalPrompts } from './eval-prompts.ts';
import { evalSet } from './eval-set.ts';
import { detectLeak, IncrementalLeakGuard } from './service.ts';

/** Cuts text roughly as a BPE tokenizer does: words with their leading space, long words in pieces. */
function toTokens(text: string): string[] {
  const pieces = text.match(/\s*[\p{L}\p{N}_]+|\s*[^\s\p{L}\p{N}_]+|\s+/gu) ?? [];
  return pieces.flatMap((piece) => piece.match(/[\s\S]{1,5}/gu) ?? []);
}

/** Index of the first push() that answered 'leak', or -1. */
function leakIndex(guard: IncrementalLeakGuard, chunks: readonly string[]): number {
  return chunks.findIndex((chunk) => guard.push(chunk) === 'leak');
}

/** A long, on-topic coaching reply that reuses the prompt's vocabulary without copying it. */
function longCoachingReply(wordTarget: number): string {
  const lines = [
    (w: number) => `Week ${w} starts with a five-minute brisk walk, then alternating jogs and walks at a pace where you can still chat.`,
    (w: number) => `On day one of week ${w}, repeat the intervals six times; if your breathing gets ragged, slow the jog rather than stopping.`,
    () => 'Rest days matter as much as running days, because your tendons adapt more slowly than your heart and lungs.',
    () => 'A gentle stroll, some stretching or an easy bike ride all count as active recovery on those days.',
    (w: number) => `By the end of week ${w} you should feel that the last interval is challenging but still comfortable.`,
    () => 'Drink water through the day instead of all at once before you head out, and keep a light snack for afterwards.',
    () => 'Shoes do not need to be expensive; they need to feel comfortable from the first step in the shop.',
    () => 'If a session feels awful, cut it short and count it anyway: consistency beats heroics for new runners.',
    (w: number) => `Many people find that the third run of week ${w} is the hardest, so plan it for a morning when you are fresh.`,
    () => 'Track each run in a notebook with the date, how long you moved and one word for how it felt.',
    () => 'Running with a friend or a local group makes the early weeks much easier to stick with.',
    () => 'Hills can wait; flat loops around a park are perfect for building the habit.',
    () => 'Remember that soreness the day after is normal, while sharp or lasting pain is a signal to pause and ask a professional.',
    () => 'On race day, start slower than you think you should and enjoy the crowd around you.',
  ];
  const sentences: string[] = [];
  let words = 0;
  for (let i = 0; words < wordTarget; i++) {
    const line = lines[i % lines.length] ?? (() => '');
    const sentence = line(Math.floor(i / lines.length) + 1);
    sentences.push(sentence);
    words += sentence.split(/\s+/).length;
  }
  return sentences.join(' ');
}

describe('guarding a reply while it streams', () => {
  it('stops the prompt streamed token by token long before its end', () => {
    const chunks = toTokens(evalPrompts.runningCoach);
    expect(chunks.length).toBe(165);
    const guard = new IncrementalLeakGuard(evalPrompts.runningCoach);
    const at = leakIndex(guard, chunks);
    // Two whole prompt sentences (46 of 165 tokens) are enough; the baseline alone needs ~60% of the text.
    expect(at).toBeGreaterThan(30);
    expect(at).toBeLessThan(60);
    expect(guard.rule).toBe('sentence-echo');
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

  it('reaches the same verdict streamed in uneven chunks as on the finished reply, for every evaluation case', () => {
    for (const [index, testCase] of evalSet.entries()) {
      const size = 1 + (index % 9);
      const chunks = testCase.reply.match(new RegExp(`[\\s\\S]{1,${size}}`, 'gu')) ?? [];
      const guard = new IncrementalLeakGuard(testCase.prompt);
      for (const chunk of chunks) guard.push(chunk);
      expect({ name: testCase.name, leak: guard.finish() === 'leak' }).toEqual({ name: testCase.name, leak: detectLeak(testCase.prompt, testCase.reply).leak });
    }
  });
});
