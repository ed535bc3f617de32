import { describe, expect, it } from 'vitest';
import { hueOf, initialsOf } from './initials.ts';

describe('initials avatars', () => {
  it('takes the first letters of the first two words', () => {
    expect(initialsOf('Life Coach')).toBe('LC');
    expect(initialsOf('Brainstorming Partner Pro')).toBe('BP');
    expect(initialsOf('  tutor ')).toBe('T');
    expect(initialsOf('')).toBe('?');
  });

  it('gives a name the same colour every time, and different names different colours', () => {
    expect(hueOf('Writing Tutor')).toBe(hueOf('Writing Tutor'));
    const hues = new Set(['Life Coach', 'Brainstorming Partner', 'Writing Tutor'].map(hueOf));
    expect(hues.size).toBe(3);
    for (const hue of hues) expect(hue).toBeGreaterThanOrEqual(0);
  });
});
