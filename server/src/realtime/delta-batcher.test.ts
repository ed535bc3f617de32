import { describe, expect, it } from 'vitest';
import { DeltaBatcher } from './delta-batcher.ts';

function collect(windowMs: number) {
  const sent: Array<{ seq: number; text: string }> = [];
  const batcher = new DeltaBatcher(windowMs, (seq, text) => sent.push({ seq, text }));
  return { sent, batcher };
}

describe('DeltaBatcher', () => {
  it('sends the first token of a quiet stream at once', () => {
    const { sent, batcher } = collect(50);
    batcher.push('Hello');
    expect(sent).toEqual([{ seq: 0, text: 'Hello' }]);
  });

  it('coalesces tokens that arrive within one window into one numbered delta', async () => {
    const { sent, batcher } = collect(20);
    batcher.push('a');
    batcher.push('b');
    batcher.push('c');
    expect(sent).toEqual([{ seq: 0, text: 'a' }]);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(sent).toEqual([
      { seq: 0, text: 'a' },
      { seq: 1, text: 'bc' },
    ]);
  });

  it('flush sends what is pending and nothing when empty', () => {
    const { sent, batcher } = collect(1000);
    batcher.push('x');
    batcher.push('y');
    batcher.flush();
    batcher.flush();
    expect(sent.map((d) => d.text).join('')).toBe('xy');
    expect(batcher.sentCount).toBe(2);
  });
});
