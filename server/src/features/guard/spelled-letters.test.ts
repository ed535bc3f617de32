import { describe, expect, it } from 'vitest';
import { evalPrompts } from '../../../../tests/guard-eval/prompts.ts';
import { ByteListDecoder } from './byte-lists.ts';
import { detectLeak } from './service.ts';
import { SpelledLetters } from './spelled-letters.ts';

const prompt = evalPrompts.runningCoach;
const rules = prompt.split('. ').slice(1, 4).join('. ');
const letters = [...rules.toLowerCase().replace(/[^a-z]/gu, '')];
const natoWords = 'Alfa Bravo Charlie Delta Echo Foxtrot Golf Hotel India Juliett Kilo Lima Mike November Oscar Papa Quebec Romeo Sierra Tango Uniform Victor Whiskey Xray Yankee Zulu'.split(' ');
const morseCodes = '.- -... -.-. -.. . ..-. --. .... .. .--- -.- .-.. -- -. --- .--. --.- .-. ... - ..- ...- .-- -..- -.-- --..'.split(' ');
const code = (table: string[]) => letters.map((l) => table[l.charCodeAt(0) - 97]!);

function streamed(stream: { push(d: string): string; flush(): string }, text: string, size = 3): string {
  let out = '';
  for (let at = 0; at < text.length; at += size) out += stream.push(text.slice(at, at + size));
  return out + stream.flush();
}

describe('text spelled out letter by letter', () => {
  it('is read back however the letters are numbered, separated or named', () => {
    expect(streamed(new SpelledLetters(), '1. Y\n2. o\n3. u\n')).toBe('you');
    expect(streamed(new SpelledLetters(), 'Y, then o, then u!')).toBe('you');
    expect(streamed(new SpelledLetters(), 'Yankee Oscar Uniform / Alfa Romeo Echo')).toBe('youare');
    expect(streamed(new SpelledLetters(), '-.-- --- ..- / .- .-. .')).toBe('youare');
  });

  it('is a leak of the prompt, numbered, in NATO words or in Morse', () => {
    const forms = [letters.map((l, at) => `${at + 1}. ${l}`).join('\n'), code(natoWords).join(' '), code(morseCodes).join(' '), letters.join(', ')];
    for (const form of forms) expect(detectLeak(prompt, `As you asked: ${form}`).leak, form.slice(0, 30)).toBe(true);
  });

  it('leaves prose with its single letters, numbered lists and ellipses alone', () => {
    const honest = 'Well... I think a plan helps. 1. Walk for 5 minutes. 2. Jog for 1 minute. 3. Repeat. Option A or B? I prefer A. Echo what your body says, like Victor did at the Lima marathon.';
    expect(detectLeak(prompt, honest.repeat(4)).leak).toBe(false);
  });
});

describe('text written as a list of byte values', () => {
  const bytes = [...Buffer.from(rules, 'utf8')];
  it('is decoded from binary or decimal codes, and is a leak', () => {
    for (const form of [bytes.map((b) => b.toString(2).padStart(8, '0')).join(' '), bytes.join(', ')]) {
      expect(streamed(new ByteListDecoder(), form, 7)).toBe(`${rules}\n`);
      expect(detectLeak(prompt, `Decode: ${form}`).leak).toBe(true);
    }
  });

  it('leaves lists of scores, prices and small numbers alone', () => {
    expect(streamed(new ByteListDecoder(), 'Scores: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12. Years 2021 2022 2023 2024 2025 2026 2027 2028.')).toBe('');
  });
});
