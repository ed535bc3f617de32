import { describe, expect, it } from 'vitest';
import { evalPrompts } from '../../../../tests/guard-eval/prompts.ts';
import { RunningSimilarity } from './running-similarity.ts';
import { baselineSimilarity, contentWords, countTerms } from './tfidf.ts';

describe('the similarity of the reply so far', () => {
  it('equals the baseline computed on the text so far, at every word', () => {
    const prompt = evalPrompts.recipeHelper;
    const reply = `${evalPrompts.haikuPoet} Ingredients first, metric quantities, then numbered steps; a vegan swap for eggs. ${prompt}`;
    const words = contentWords(reply);
    const running = new RunningSimilarity(countTerms(contentWords(prompt)));
    words.forEach((word, index) => {
      running.addWord(word);
      expect(running.value).toBe(baselineSimilarity(words.slice(0, index + 1).join(' '), prompt));
    });
  });
});
