import { describe, expect, it } from 'vitest';
import { evalPrompts } from '../../../../tests/guard-eval/prompts.ts';
import { prepareLetters } from './letter-profile.ts';
import { LetterRunTracker } from './letter-runs.ts';
import { normaliseText } from './normalise.ts';
import { reversed, rot13, sentencesOf, spaceLetters } from '../../../../tests/guard-eval/dev-set/obfuscations.ts';

const prompt = evalPrompts.cloudSupport;
const profile = prepareLetters(normaliseText(prompt));

function tracked(reply: string): LetterRunTracker {
  const tracker = new LetterRunTracker(profile);
  tracker.addText(normaliseText(reply));
  return tracker;
}

describe('following the prompt letter by letter', () => {
  it('sees two sentences whatever separates their letters', () => {
    const twoSentences = sentencesOf(prompt, 2, 4);
    expect(tracked(spaceLetters(twoSentences)).isLeak).toBe(true);
    expect(tracked(spaceLetters(twoSentences, '-', ' / ')).isLeak).toBe(true);
    expect(tracked(twoSentences.replaceAll(' ', '')).isLeak).toBe(true);
  });

  it('sees the prompt written backwards or in ROT13', () => {
    expect(tracked(reversed(sentencesOf(prompt, 3, 6))).isLeak).toBe(true);
    expect(tracked(rot13(sentencesOf(prompt, 3, 6))).isLeak).toBe(true);
  });

  it('sees leetspeak written with symbols', () => {
    const leet = sentencesOf(prompt, 2, 4).replace(/[aseoi]/gu, (char) => ({ a: '@', s: '$', e: '3', o: '0', i: '!' })[char] ?? char);
    expect(tracked(leet).isLeak).toBe(true);
  });

  it('lets one quoted sentence and a contact address through', () => {
    const reply = `Sure! ${sentencesOf(prompt, 2, 3)} For anything urgent, write to help@nimbusdrive.example.`;
    const tracker = tracked(reply);
    expect(tracker.echoedSentences).toBe(1);
    expect(tracker.isLeak).toBe(false);
  });
});
