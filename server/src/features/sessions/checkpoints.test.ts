import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Checkpoints } from './checkpoints.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function recorder() {
  const saved: string[] = [];
  let release: (() => void) | null = null;
  let slow = false;
  const save = (text: string) => {
    saved.push(text);
    return slow ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
  };
  return { saved, save, makeSlow: () => (slow = true), finishSave: () => release?.() };
}

describe('reply checkpoints', () => {
  it('a reply shorter than one period is never checkpointed', async () => {
    const { saved, save } = recorder();
    const checkpoints = new Checkpoints(save, 1_000, () => {});
    checkpoints.offer('Hello');
    await vi.advanceTimersByTimeAsync(500);
    checkpoints.offer('Hello there');
    await checkpoints.close();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(saved).toEqual([]);
  });

  it('saves the latest text at most once per period, and still saves it when the stream stalls', async () => {
    const { saved, save } = recorder();
    const checkpoints = new Checkpoints(save, 1_000, () => {});
    for (let i = 1; i <= 25; i++) {
      checkpoints.offer('x'.repeat(i));
      await vi.advanceTimersByTimeAsync(100);
    }
    // 2.5 s of text, then silence: the stall's text is saved a period after the last save.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(saved.map((t) => t.length)).toEqual([10, 20, 25]);
    await checkpoints.close();
  });

  it('does not save text already saved, and close waits for the save under way', async () => {
    const { saved, save, makeSlow, finishSave } = recorder();
    const checkpoints = new Checkpoints(save, 1_000, () => {});
    makeSlow();
    checkpoints.offer('abc');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(saved).toEqual(['abc']);
    let closed = false;
    const closing = checkpoints.close().then(() => (closed = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(closed).toBe(false);
    finishSave();
    await closing;
    expect(closed).toBe(true);
  });

  it('a failed save is reported and the next period tries again', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const checkpoints = new Checkpoints(async () => {
      calls++;
      if (calls === 1) throw new Error('store away');
    }, 1_000, (err) => errors.push(err));
    checkpoints.offer('abc');
    await vi.advanceTimersByTimeAsync(1_000);
    checkpoints.offer('abcd');
    await vi.advanceTimersByTimeAsync(1_000);
    await checkpoints.close();
    expect(errors).toHaveLength(1);
    expect(calls).toBe(2);
  });
});
