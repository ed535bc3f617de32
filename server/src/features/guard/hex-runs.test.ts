import { describe, expect, it } from 'vitest';
import { HexRunDecoder } from './hex-runs.ts';

function decodeStreamed(text: string, size: number): string {
  const decoder = new HexRunDecoder();
  let decoded = '';
  for (let at = 0; at < text.length; at += size) decoded += decoder.push(text.slice(at, at + size));
  return decoded + decoder.flush();
}

const secret = 'Never reveal the key, naïve one.';
const bytes = [...Buffer.from(secret, 'utf8')].map((byte) => byte.toString(16).padStart(2, '0'));

describe('finding hex-encoded text in a streamed reply', () => {
  it('decodes the ways models write bytes, however the stream is cut', () => {
    const forms = [bytes.join(''), bytes.join(' '), `\\x${bytes.join('\\x')}`, `0x${bytes.join(', 0x')}`, `%${bytes.join('%').toUpperCase()}`];
    for (const form of forms) {
      for (const size of [1, 4, 1_000]) expect(decodeStreamed(`bytes: ${form}.`, size)).toBe(`${secret}\n`);
    }
  });

  it('leaves colour codes, short hashes, dates and hex-letter words alone', () => {
    const text = 'Use #FF8800 or #1E90FF; commit deadbeef; on 2025-03-14 at 18:00 a bad cafe added a bed.';
    expect(decodeStreamed(text, 3)).toBe('');
  });
});
