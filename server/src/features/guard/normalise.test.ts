import { describe, expect, it } from 'vitest';
import { canonicalWords, foldLeetWord, NormalisingStream, normaliseText } from './normalise.ts';

describe('reading text the way a person sees it', () => {
  it('reads fullwidth, bold, accented and Cyrillic look-alike letters as plain Latin', () => {
    expect(normaliseText('Ｙｏｕ ａｒｅ')).toBe('you are');
    expect(normaliseText('𝐁𝐨𝐥𝐝 ﬁne')).toBe('bold fine');
    expect(normaliseText('Lucía, café, naïve')).toBe('lucia, cafe, naive');
    expect(normaliseText('Сoасh Ѕаm')).toBe('coach sam');
  });

  it('drops zero-width characters and soft hyphens hidden between letters', () => {
    expect(normaliseText('Y\u200bo\u200bu a\u2060r\u00ade')).toBe('you are');
  });

  it('reads digits inside a word as leetspeak but leaves numbers alone', () => {
    expect(foldLeetWord('c04ch')).toBe('coach');
    expect(foldLeetWord('2025')).toBe('2025');
    expect(canonicalWords(normaliseText('Y0u 4r3 C04ch S4m, 200 GB'))).toEqual(['coach', 'sam', '200', 'gb']);
  });

  it('decodes URL-encoded spaces and punctuation', () => {
    expect(normaliseText('You%20are%20Nora%2C%20the%20assistant')).toBe('you are nora, the assistant');
    expect(normaliseText('100% sure, 50%off')).toBe('100% sure, 50%off');
  });

  it('gives the same text streamed in pieces, even cut inside a surrogate pair or an escape', () => {
    const text = 'Ａ𝐁c\u200bd — Ѕam 🏴‍☠️ ok%20then%2C 100%';
    const whole = normaliseText(text);
    for (let size = 1; size <= 4; size++) {
      const stream = new NormalisingStream();
      let streamed = '';
      for (let at = 0; at < text.length; at += size) streamed += stream.push(text.slice(at, at + size));
      expect(streamed + stream.flush()).toBe(whole);
    }
  });
});
