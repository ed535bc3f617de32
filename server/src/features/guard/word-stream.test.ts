import { describe, expect, it } from 'vitest';
import { contentWords } from './tfidf.ts';
import { WordStream } from './word-stream.ts';

function streamWords(deltas: string[]): string[] {
  const stream = new WordStream();
  return [...deltas.flatMap((delta) => stream.push(delta)), ...stream.flush()];
}

describe('reading words from a streamed reply', () => {
  it('holds back a word cut between two tokens until it is complete', () => {
    const stream = new WordStream();
    expect(stream.push('The respon')).toEqual([]);
    expect(stream.push('sible runner')).toEqual(['responsible']);
    expect(stream.flush()).toEqual(['runner']);
  });

  it('finds the same words as reading the whole reply, however it is cut', () => {
    const text = 'Ahoy, matey! 𝐁𝐨𝐥𝐝 words, naïve café-owners and start_time=12:30 — all 🏴‍☠️ aboard.';
    for (let size = 1; size <= 7; size++) {
      const deltas = Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));
      expect(streamWords(deltas)).toEqual(contentWords(text));
    }
  });

  it('copes with a long run of letters without separators', () => {
    const blob = 'QUJD'.repeat(5_000);
    expect(streamWords([...blob.match(/.{1,4}/g) ?? [], ' end'])).toEqual([blob.toLowerCase(), 'end']);
  });
});
