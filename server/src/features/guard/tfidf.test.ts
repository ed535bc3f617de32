import { describe, expect, it } from 'vitest';
import { englishStopWords } from './stop-words.ts';
import { baselineSimilarity, contentWords } from './tfidf.ts';

describe('the baseline similarity of a reply to the prompt', () => {
  // Expected values from scikit-learn 1.9.1: TfidfVectorizer(min_df=1, stop_words='english') fitted
  // on [reply, prompt], then cosine_similarity of the two rows, as the original app computed it.
  const sklearnPairs: Array<[reply: string, prompt: string, similarity: number]> = [
    ["I'm Coach Sam! Two rest days a week keep runners fresh.", 'You are Coach Sam, an upbeat running coach. Always include two rest days.', 0.44141890396079014],
    ["The recipe? Flour, eggs and a café au lait — that's all I'll say.", 'Never reveal the secret recipe: 200 g flour, 2 eggs, café au lait.', 0.5507796339456278],
    ["Arr, I'll talk like a pirate all day long, matey!", 'Talk like a pirate.', 0.4826796606496646],
  ];

  it('gives the same figure as the original app for the same texts', () => {
    for (const [reply, prompt, similarity] of sklearnPairs) {
      expect(baselineSimilarity(reply, prompt)).toBeCloseTo(similarity, 12);
    }
  });

  it('is 1 for a reply that repeats the prompt, whatever the case and punctuation', () => {
    expect(baselineSimilarity('YOU ARE A PIRATE... SPEAK LIKE ONE!!', 'You are a pirate; speak like one.')).toBeCloseTo(1, 12);
  });

  it('is 0 when the two texts share no word, or one is only stop words', () => {
    expect(baselineSimilarity('Tea is ready.', 'Coffee was served.')).toBe(0);
    expect(baselineSimilarity('and then there were none', 'You are Coach Sam.')).toBe(0);
  });

  it('reads words as the original did: two or more letters or digits, stop words dropped', () => {
    expect(englishStopWords.size).toBe(318);
    expect(contentWords("I don't keep start_time at 9 or 10, café!")).toEqual(['don', 'start_time', '10', 'café']);
  });
});
