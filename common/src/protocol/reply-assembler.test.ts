import { describe, expect, it } from 'vitest';
import { ReplyAssembler } from './reply-assembler.ts';

describe('ReplyAssembler', () => {
  it('joins deltas that arrive in order', () => {
    const reply = new ReplyAssembler();
    expect(reply.apply(0, 'Hel')).toBe('Hel');
    expect(reply.apply(1, 'lo')).toBe('lo');
    expect(reply.text).toBe('Hello');
    expect(reply.nextSeq).toBe(2);
  });

  it('shows a delta that is delivered twice only once', () => {
    const reply = new ReplyAssembler();
    reply.apply(0, 'Hi');
    reply.apply(1, ' there');
    expect(reply.apply(1, ' there')).toBe('');
    expect(reply.apply(0, 'Hi')).toBe('');
    expect(reply.text).toBe('Hi there');
  });

  it('holds back an early delta until the gap before it is filled', () => {
    const reply = new ReplyAssembler();
    reply.apply(0, 'one ');
    expect(reply.apply(2, 'three')).toBe('');
    expect(reply.hasGap).toBe(true);
    expect(reply.text).toBe('one ');
    expect(reply.apply(1, 'two ')).toBe('two three');
    expect(reply.hasGap).toBe(false);
    expect(reply.text).toBe('one two three');
  });

  it('ignores an early delta that is delivered twice before the gap fills', () => {
    const reply = new ReplyAssembler();
    reply.apply(1, 'b');
    reply.apply(1, 'b');
    expect(reply.apply(0, 'a')).toBe('ab');
    expect(reply.text).toBe('ab');
  });

  it('rebuilds the same text from any delivery order with repeats', () => {
    const deltas = ['The ', 'quick ', 'brown ', 'fox ', 'jumps'];
    const delivery = [3, 0, 0, 4, 1, 3, 2, 2, 4, 1];
    const reply = new ReplyAssembler();
    let shown = '';
    for (const seq of delivery) shown += reply.apply(seq, deltas[seq] ?? '');
    expect(shown).toBe(deltas.join(''));
    expect(reply.text).toBe(deltas.join(''));
  });

  it('tells whether the tail of an ended reply is missing', () => {
    const reply = new ReplyAssembler();
    reply.apply(0, 'a');
    reply.apply(1, 'b');
    expect(reply.isCompleteAt(2)).toBe(true);
    expect(reply.isCompleteAt(3)).toBe(false);
    expect(new ReplyAssembler().isCompleteAt(0)).toBe(true);
  });

  it('resumes from a snapshot and skips the deltas the snapshot already holds', () => {
    const reply = ReplyAssembler.resume('one two ', 2);
    expect(reply.apply(0, 'one ')).toBe('');
    expect(reply.apply(1, 'two ')).toBe('');
    expect(reply.apply(2, 'three')).toBe('three');
    expect(reply.text).toBe('one two three');
    expect(reply.nextSeq).toBe(3);
  });
});
