import { describe, expect, it } from 'vitest';
import { SentenceStream, sentencesOf, type PlacedSentence } from './sentences.ts';

describe('sentences of a prompt or a reply', () => {
  it('are cut at sentence ends in any script and at line breaks, leaving out scraps too short to compare', () => {
    expect(sentencesOf('You are Ada, a tutor. Never give the answer! Ok.\n- Use simple words always')).toEqual([
      'You are Ada, a tutor.',
      'Never give the answer!',
      '- Use simple words always',
    ]);
    expect(sentencesOf('チェックインは午後三時からです。夕食は午後六時から八時までです。')).toHaveLength(2);
  });

  it('come out of a streamed reply as each one completes, the same as from the whole text, each where it stands in the reply', () => {
    const text = 'Hello there, runner. Three days a week is plenty to begin with! Rest on the other days.\nKeep moving, you have got this';
    const stream = new SentenceStream();
    const seen: PlacedSentence[][] = [];
    for (let at = 0; at < text.length; at += 7) seen.push(stream.push(text.slice(at, at + 7)));
    seen.push(stream.finish());
    expect(seen.flat().map((s) => s.text)).toEqual(sentencesOf(text));
    for (const sentence of seen.flat()) expect(text.slice(sentence.start, sentence.end)).toBe(sentence.text);
    // The first sentence is out before the reply ends, not only at finish().
    expect(seen.slice(0, -1).flat().length).toBeGreaterThan(0);
  });

  it('say how far the reply is cut into complete sentences: up to where the unfinished one begins', () => {
    const stream = new SentenceStream();
    stream.push('Sure! Here is the plan. Week one');
    expect(stream.completeUpTo).toBe('Sure! Here is the plan. '.length);
    stream.finish();
    expect(stream.completeUpTo).toBe('Sure! Here is the plan. Week one'.length);
  });

  it('cut a run with no sentence end at a space, so a long list or code block is still compared', () => {
    const stream = new SentenceStream();
    const out = stream.push(`${'word '.repeat(200)}and more`);
    expect(out.length).toBeGreaterThan(0);
    expect(out[0]!.text.length).toBeLessThanOrEqual(600);
  });
});
