import { describe, expect, it } from 'vitest';
import { lastSafeBoundary } from './settle-point.ts';

describe('where a streaming reply can be settled', () => {
  it('settles after the last complete blank line', () => {
    const text = 'First paragraph.\n\nSecond one\n\nstill typing';
    expect(text.slice(0, lastSafeBoundary(text))).toBe('First paragraph.\n\nSecond one\n\n');
  });

  it('never settles inside a code fence, even at a blank line there', () => {
    const text = 'Intro\n\n```js\nconst a = 1;\n\nconst b = 2;\n';
    expect(text.slice(0, lastSafeBoundary(text))).toBe('Intro\n\n');
  });

  it('settles after a closed fence and the blank line that follows it', () => {
    const text = '```\ncode\n```\n\nAfter';
    expect(text.slice(0, lastSafeBoundary(text))).toBe('```\ncode\n```\n\n');
  });

  it('does not settle a blank line that has not ended yet', () => {
    expect(lastSafeBoundary('One line\n   ')).toBe(0);
    expect(lastSafeBoundary('no newline at all')).toBe(0);
  });

  it('never settles inside display math written over several lines', () => {
    const text = 'Intro\n\n$$\na = b\n\nc = d\n';
    expect(text.slice(0, lastSafeBoundary(text))).toBe('Intro\n\n');
    const closed = `${text}$$\n\nAfter`;
    expect(closed.slice(0, lastSafeBoundary(closed))).toBe(`${text}$$\n\n`);
  });
});
