import { describe, expect, it } from 'vitest';
import { coverageOf, orderedCoverage, matchMatrix, preparePromptVectors, promptCoverage } from './similarity.ts';

const options = { sentenceCap: 0.4, fewestSentencesToCentre: 3 };
/** Unit vectors around a shared topic direction, each with its own component. */
const topic = (own: number, dim = 8) => {
  const v = new Float32Array(dim).fill(0);
  v[0] = 0.9;
  v[own] = 0.44;
  return v.map((x) => x / Math.hypot(0.9, 0.44));
};

describe('prompt coverage', () => {
  const prompt = preparePromptVectors([topic(1), topic(2), topic(3), topic(4)]);

  it('is all of the prompt when the reply retells every sentence in order', () => {
    expect(promptCoverage(prompt, [topic(1), topic(2), topic(3), topic(4)], options)).toBeCloseTo(1);
  });

  it('stays low for a reply on the same topic that says none of what the prompt says', () => {
    expect(promptCoverage(prompt, [topic(5), topic(6), topic(7)], options)).toBeLessThan(0.2);
  });

  it('counts a sentence quoted word for word no more than its cap: two quoted facts are half the prompt at most', () => {
    expect(promptCoverage(prompt, [topic(1), topic(2)], options)).toBeLessThanOrEqual(0.5 + 0.05);
  });

  it('counts, in the prompt’s order, only the matches that never go backwards: the same points jumbled score less', () => {
    const inOrder = promptCoverage(prompt, [topic(1), topic(2), topic(3), topic(4)], options);
    const jumbled = promptCoverage(prompt, [topic(4), topic(2), topic(3), topic(1)], options);
    expect(jumbled).toBeLessThan(inOrder);
    expect(jumbled).toBeGreaterThanOrEqual(0.45);
    const matrix = matchMatrix(prompt, [topic(4), topic(2), topic(3), topic(1)], 3);
    const anyOrder = coverageOf(Float32Array.from({ length: 4 }, (_, p) => Math.max(...matrix.map((row) => row[p]!))), 0.4);
    expect(orderedCoverage(matrix, 4, 0.4)).toBeLessThan(anyOrder);
  });

  it('is 0 for an empty reply', () => {
    expect(promptCoverage(prompt, [], options)).toBe(0);
  });
});
