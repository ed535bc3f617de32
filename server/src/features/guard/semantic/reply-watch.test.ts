import { describe, expect, it } from 'vitest';
import { FakeEmbedder } from '../../../../../tests/fixtures/fake-embedder.ts';
import { SemanticLeakCheck } from './semantic-check.ts';
import { semanticRules } from './semantic-rules.ts';

const prompt = 'You are Quincy, the host of a pub quiz. Ask one question at a time with four options. Correct answers earn two points. Give a hint only if the player types HINT.';
const retelling = 'I am Quincy, the host of a pub quiz. I ask one question at a time with four options. Correct answers earn two points. I give a hint only if the player types HINT.';

describe('the semantic check, with a stand-in model', () => {
  it('withdraws a reply that retells the prompt and lets an unrelated one through', async () => {
    const check = new SemanticLeakCheck(new FakeEmbedder());
    expect((await check.judge(prompt, retelling)).verdict).toBe('leak');
    expect((await check.judge(prompt, 'Paris is the capital of France. Its river is the Seine. Many tourists visit it.')).verdict).toBe('ok');
  });

  it('computes the prompt’s sentence vectors once for every reply to it', async () => {
    const embedder = new FakeEmbedder();
    const check = new SemanticLeakCheck(embedder);
    await check.judge(prompt, 'First reply about the weather today.');
    await check.judge(prompt, 'Second reply about the weather tomorrow.');
    const promptRequests = embedder.calls.filter((texts) => texts.some((t) => t.startsWith('You are Quincy')));
    expect(promptRequests).toHaveLength(1);
  });

  it('sends each sentence to the model as it completes, while the reply streams', async () => {
    const embedder = new FakeEmbedder();
    const watch = new SemanticLeakCheck(embedder).watch(prompt);
    watch.push('Welcome to the quiz night, everyone. ');
    watch.push('Here is the first question for you');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(embedder.calls.flat()).toContain('Welcome to the quiz night, everyone.');
    expect((await watch.settle()).verdict).toBe('ok');
  });

  it('leaves alone a prompt too short to have anything of its own to retell', async () => {
    const embedder = new FakeEmbedder();
    const finding = await new SemanticLeakCheck(embedder).judge('You are a helpful assistant.', 'I am a helpful assistant, here to help.');
    expect(finding.verdict).toBe('ok');
    expect(embedder.calls).toEqual([]);
  });

  it('says unchecked, rather than wait or fail, when the model is busy or too slow', async () => {
    const busy = new FakeEmbedder();
    busy.busy = true;
    expect((await new SemanticLeakCheck(busy).judge(prompt, retelling)).verdict).toBe('unchecked');
    const slow = new FakeEmbedder();
    slow.delayMs = 200;
    const finding = await new SemanticLeakCheck(slow, { ...semanticRules, settleTimeoutMs: 20 }).judge(prompt, retelling);
    expect(finding).toMatchObject({ verdict: 'unchecked', reason: 'timed out' });
  });
});
