import { describe, expect, it } from 'vitest';
import { FakeEmbedder } from '../../../../../tests/fixtures/fake-embedder.ts';
import { SemanticLeakCheck } from './semantic-check.ts';
import { withSemanticCheck, type StreamedGuard } from './semantic-guard.ts';

const prompt = 'You are Quincy, the host of a pub quiz. Ask one question at a time with four options. Correct answers earn two points. Give a hint only if the player types HINT.';

function lexicalGuard(verdict: 'ok' | 'leak' = 'ok'): StreamedGuard & { pushed: string[] } {
  const pushed: string[] = [];
  return { pushed, replacement: 'withdrawn', push: (delta) => (pushed.push(delta), verdict), finish: () => verdict };
}

describe('the lexical guard with the semantic check added', () => {
  it('passes every delta to both and withdraws at settle a reply the lexical guard cleared but that retells the prompt', async () => {
    const lexical = lexicalGuard();
    const guard = withSemanticCheck(lexical, new SemanticLeakCheck(new FakeEmbedder()).watch(prompt), () => {});
    for (const delta of ['I am Quincy, the host of a pub quiz. I ask one question at a time with four options. ', 'Correct answers earn two points. ', 'I give a hint only if the player types HINT.']) {
      expect(guard.push(delta)).toBe('ok');
    }
    expect(guard.finish()).toBe('ok');
    expect(await guard.settle()).toBe('leak');
    expect(lexical.pushed).toHaveLength(3);
  });

  it('keeps the replacement writable, as the recap guard sets its own', () => {
    const guard = Object.assign(withSemanticCheck(lexicalGuard(), new SemanticLeakCheck(new FakeEmbedder()).watch(prompt), () => {}), { replacement: 'recap withheld' });
    expect(guard.replacement).toBe('recap withheld');
  });

  it('lets a reply it could not judge through, and says so', async () => {
    const busy = new FakeEmbedder();
    busy.busy = true;
    const unchecked: string[] = [];
    const guard = withSemanticCheck(lexicalGuard(), new SemanticLeakCheck(busy).watch(prompt), (f) => unchecked.push(f.reason ?? ''));
    guard.push('I am Quincy, the host of a pub quiz. I ask one question at a time.');
    expect(await guard.settle()).toBe('ok');
    expect(unchecked).toEqual(['the model is busy']);
  });
});
