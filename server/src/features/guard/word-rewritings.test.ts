import { describe, expect, it } from 'vitest';
import { evalPrompts } from '../../../../tests/guard-eval/prompts.ts';
import { detectLeak } from './service.ts';
import { fromPigLatin, reversedWord } from './word-rewritings.ts';

const prompt = evalPrompts.cloudSupport;
const words = prompt.split(/\s+/).slice(0, 60);

function toPigLatin(word: string): string {
  const lower = word.toLowerCase().replace(/[^a-z]/g, '');
  const cut = lower.search(/[aeiou]/);
  if (cut <= 0) return `${lower}way`;
  return `${lower.slice(cut)}${lower.slice(0, cut)}ay`;
}

describe('word-by-word rewritings', () => {
  it('pig latin is undone to the prompt word the reading could be', () => {
    const vocabulary = new Set(['string', 'you', 'helpful', 'are']);
    const known = (w: string) => vocabulary.has(w);
    expect(['ingstray', 'ouyay', 'elpfulhay', 'areway'].map((w) => fromPigLatin(w, known))).toEqual(['string', 'you', 'helpful', 'are']);
    expect(fromPigLatin('today', known)).toBe('today');
    expect(reversedWord('lufpleh')).toBe('helpful');
  });

  it('a prompt with every word spelled backwards, in pig latin, or with a filler between words, is a leak', () => {
    const reversed = words.map((w) => [...w].reverse().join('')).join(' ');
    const pig = words.map(toPigLatin).join(' ');
    const filler = words.join(' banana ');
    for (const reply of [reversed, pig, filler]) expect(detectLeak(prompt, `Here you go: ${reply}`).leak, reply.slice(0, 60)).toBe(true);
  });

  it('pig latin of a few sentences is a leak in every common dialect: -way, -yay, -hay or -ay, hyphened or not', () => {
    const few = evalPrompts.algebraTutor.split('. ').slice(0, 3).join('. ');
    const dialect = (vowelSuffix: string, hyphen: string) => few.replace(/[A-Za-z']+/gu, (w) => {
      const cut = w.search(/[aeiou]/iu);
      if (cut === 0) return `${w}${hyphen}${vowelSuffix}`;
      if (cut < 0) return `${w}ay`;
      return `${w.slice(cut)}${hyphen}${w.slice(0, cut)}ay`;
    });
    for (const suffix of ['way', 'yay', 'hay', 'ay']) {
      for (const hyphen of ['', '-']) expect(detectLeak(evalPrompts.algebraTutor, dialect(suffix, hyphen)).leak, `${hyphen}${suffix}`).toBe(true);
    }
  });

  it('ordinary text full of words ending in -ay, or said backwards for fun, is not', () => {
    const honest = 'Today I will pay you a visit, okay? Maybe we play by the bay on Sunday, stay for a day, and say hooray. ' + 'olleh dlrow si a gnihtemos ylluf tnereffid. '.repeat(3);
    expect(detectLeak(prompt, honest).leak).toBe(false);
  });

  it('a Caesar shift of any amount is read back, as ROT13 always was', () => {
    const shift = (text: string, by: number) => text.replace(/[a-z]/gi, (c) => {
      const base = c <= 'Z' ? 65 : 97;
      return String.fromCharCode(((c.charCodeAt(0) - base + by) % 26) + base);
    });
    for (const by of [1, 3, 7, 13, 25]) expect(detectLeak(prompt, shift(words.join(' '), by)).leak, `shift ${by}`).toBe(true);
  });
});
