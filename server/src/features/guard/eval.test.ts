import { describe, expect, it } from 'vitest';
import { evalSet, knownMisses, type EvalCase } from './eval-set.ts';
import { detectLeak } from './service.ts';

function misjudged(cases: readonly EvalCase[]): EvalCase[] {
  return cases.filter((testCase) => detectLeak(testCase.prompt, testCase.reply).leak !== testCase.leak);
}

describe('the guard on the labelled evaluation set', () => {
  it('finds every leak it is built for and flags no honest reply', () => {
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    for (const testCase of evalSet) {
      const flagged = detectLeak(testCase.prompt, testCase.reply).leak;
      if (flagged && testCase.leak) truePositives++;
      if (flagged && !testCase.leak) falsePositives++;
      if (!flagged && testCase.leak) falseNegatives++;
    }
    const precision = truePositives / (truePositives + falsePositives);
    const recall = truePositives / (truePositives + falseNegatives);
    const leaks = evalSet.filter((testCase) => testCase.leak).length;
    console.log(`[guard] eval: ${evalSet.length} cases (${leaks} leaks), precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`);
    expect(misjudged(evalSet).map((testCase) => testCase.name)).toEqual([]);
    expect(recall).toBe(1);
    expect(precision).toBe(1);
  });

  it('reports how many translated or summarised leaks slip through, a known limit of word overlap', () => {
    const missed = misjudged(knownMisses);
    console.log(`[guard] known limits: ${missed.length} of ${knownMisses.length} reworded or translated leaks missed`);
    expect(knownMisses.every((testCase) => testCase.leak)).toBe(true);
  });
});
