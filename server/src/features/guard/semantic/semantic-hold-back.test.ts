import { describe, expect, it } from 'vitest';
import { EchoHoldBack } from '../hold-back.ts';
import { ClearedHoldBack } from './semantic-hold-back.ts';

const prompt = 'You are Coach Sam, an upbeat running coach who helps complete beginners train for their first 5K race.';

describe('a hold-back on top of another', () => {
  it('lets out only what both have cleared: the judge cannot release what the echo hold-back still holds', () => {
    const judge = { clearedLength: Infinity };
    const holdBack = new ClearedHoldBack(new EchoHoldBack(prompt), judge);
    expect(holdBack.push('Hello! You are Coach Sam, an upbeat')).toBe('Hello! ');
    expect(holdBack.flush()).toBe('You are Coach Sam, an upbeat');
  });

  it('and the echo hold-back cannot release what the judge has not cleared', () => {
    const judge = { clearedLength: 0 };
    const holdBack = new ClearedHoldBack(new EchoHoldBack(prompt), judge);
    expect(holdBack.push('Great question about pacing. ')).toBe('');
    judge.clearedLength = 'Great question'.length;
    expect(holdBack.push('Start slowly.')).toBe('Great question');
    expect(holdBack.flush()).toBe(' about pacing. Start slowly.');
  });

  it('sends what the judge clears between two deltas at once, without waiting for the next delta', () => {
    const listeners: Array<() => void> = [];
    const judge = { clearedLength: 0, onCleared: (listener: () => void) => listeners.push(listener) };
    const holdBack = new ClearedHoldBack(new EchoHoldBack(prompt), judge);
    const sent: string[] = [];
    holdBack.onRelease((text) => sent.push(text));
    expect(holdBack.push('Great question about pacing. Start')).toBe('');
    judge.clearedLength = 'Great question about pacing. '.length;
    for (const listener of listeners) listener();
    expect(sent).toEqual(['Great question about pacing. ']);
    expect(holdBack.flush()).toBe('Start');
  });
});
