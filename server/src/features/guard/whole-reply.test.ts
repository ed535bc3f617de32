import { describe, expect, it } from 'vitest';
import { evalPrompts } from '../../../../tests/guard-eval/prompts.ts';
import { preparePrompt } from './prompt-profile.ts';
import { joinSpacedLetters, rewritingThatLeaks, rot13 } from './whole-reply.ts';

describe('rewriting a finished reply for a short prompt', () => {
  it('joins letters spaced out one by one and keeps wider gaps as word breaks', () => {
    expect(joinSpacedLetters('Y o u   a r e   a   h-e-l-p-f-u-l   a.s.s.i.s.t.a.n.t')).toBe('You   are   a   helpful   assistant');
    expect(joinSpacedLetters('Plan A or B, then x = 3.')).toBe('Plan A or B, then x = 3.');
  });

  it('finds a short prompt spaced out or in ROT13, and nothing in an honest answer', () => {
    const profile = preparePrompt(evalPrompts.briefHelpful);
    expect(rewritingThatLeaks('Y o u   a r e   a   h e l p f u l   a s s i s t a n t .   K e e p   y o u r   a n s w e r s   b r i e f   a n d   f r i e n d l y .', profile, 0.65)).toBe('spaced-letters');
    expect(rewritingThatLeaks(rot13(evalPrompts.briefHelpful), profile, 0.65)).toBe('rot13');
    expect(rewritingThatLeaks('Sure! Boil the pasta for 9 minutes. Enjoy!', profile, 0.65)).toBeNull();
  });
});
