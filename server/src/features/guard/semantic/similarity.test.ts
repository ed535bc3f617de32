import { describe, expect, it } from 'vitest';
import { preparePromptVectors, promptCoverage } from './similarity.ts';

const options = { sentenceCap: 0.5, fewestSentencesToCentre: 3 };
/** Unit vectors around a shared topic direction, each with its own component. */
const topic = (own: number, dim = 8) => {
  const v = new Float32Array(dim).fill(0);
  v[0] = 0.9;
  v[own] = 0.44;
  return v.map((x) => x / Math.hypot(0.9, 0.44));
};

describe('prompt coverage', () => {
  const prompt = preparePromptVectors([topic(1), topic(2), topic(3), topic(4)]);

  it('is at its cap when the reply retells every sentence of the prompt', () => {
    expect(promptCoverage(prompt, [topic(1), topic(2), topic(3), topic(4)], options)).toBeCloseTo(0.5);
  });

  it('stays low for a reply on the same topic that says none of what the prompt says', () => {
    expect(promptCoverage(prompt, [topic(5), topic(6), topic(7)], options)).toBeLessThan(0.1);
  });

  it('counts a sentence quoted word for word no more than its cap: two quoted facts are not a retelling', () => {
    const quoting = promptCoverage(prompt, [topic(1), topic(2)], options);
    expect(quoting).toBeLessThanOrEqual(0.5 * (2 / 4) + 0.05);
  });

  it('is 0 for an empty reply', () => {
    expect(promptCoverage(prompt, [], options)).toBe(0);
  });
});
