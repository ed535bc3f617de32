import { describe, expect, it } from 'vitest';
import { FakeEmbedder } from '../../../../../tests/fixtures/fake-embedder.ts';
import { SemanticLeakCheck } from './semantic-check.ts';
import { ClearedHoldBack } from './semantic-hold-back.ts';

const prompt = 'You are Quincy, the host of a pub quiz. Ask one question at a time with four options. Correct answers earn two points. Give a hint only if the player types HINT.';
const promptSentences = ['I am Quincy, the host of a pub quiz.', 'I ask one question at a time with four options.', 'Correct answers earn two points.', 'I give a hint only if the player types HINT.'];
const honest = ['Welcome to the weekly trivia night, everyone!', 'Tonight we start with geography and move on to films.', 'Grab a pencil, your team name and a drink.'];

/** A reply's text to the watch (as the guard passes it) and to the hold-back (as the runner does); what goes out. */
function streamTo(watch: { push(delta: string): void }, holdBack: ClearedHoldBack) {
  return (delta: string) => {
    watch.push(delta);
    return holdBack.push(delta);
  };
}

/** Lets the stand-in model answer what was sent to it. */
const modelAnswers = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the semantic check while a reply streams', () => {
  it('says a retelling leaks while it is still streaming, before the reply ends', async () => {
    const watch = new SemanticLeakCheck(new FakeEmbedder()).watch(prompt);
    let leakedMidway = false;
    for (const sentence of [...promptSentences, 'And that is how the game works, so let us begin.']) {
      watch.push(`${sentence} `);
      await modelAnswers();
      leakedMidway ||= watch.leaked;
    }
    expect(leakedMidway).toBe(true);
    expect((await watch.settle()).verdict).toBe('leak');
  });

  it('clears an honest reply for a non-owner sentence by sentence, once each is judged, never a sentence still being written', async () => {
    const watch = new SemanticLeakCheck(new FakeEmbedder()).watch(prompt);
    const holdBack = new ClearedHoldBack({ push: (d) => d, flush: () => '' }, watch);
    const send = streamTo(watch, holdBack);
    let out = send(`${honest[0]} ${honest[1]!.slice(0, 10)}`);
    expect(out).toBe('');
    await modelAnswers();
    out += send(honest[1]!.slice(10));
    expect(out).toBe(`${honest[0]} `);
    out += send(` ${honest[2]}`);
    await modelAnswers();
    out += send('');
    expect(out).toBe(`${honest[0]} ${honest[1]} `);
    expect((await watch.settle()).verdict).toBe('ok');
    expect(out + holdBack.flush()).toBe(honest.join(' '));
  });

  it('holds, from a sentence that says what a prompt sentence says, everything after it until the whole reply is judged', async () => {
    const watch = new SemanticLeakCheck(new FakeEmbedder()).watch(prompt);
    const holdBack = new ClearedHoldBack({ push: (d) => d, flush: () => '' }, watch);
    const send = streamTo(watch, holdBack);
    let out = '';
    for (const sentence of [honest[0], promptSentences[2], honest[1], honest[2]]) {
      out += send(`${sentence} `);
      await modelAnswers();
    }
    out += send('');
    expect(out).toBe(`${honest[0]} `);
    expect((await watch.settle()).verdict).toBe('ok');
    expect(out + holdBack.flush()).toBe(`${[honest[0], promptSentences[2], honest[1], honest[2]].join(' ')} `);
  });

  it('holds nothing when it cannot judge: a prompt too short, or a model that refuses the work', async () => {
    const short = new SemanticLeakCheck(new FakeEmbedder()).watch('You are a helpful assistant.');
    short.push('Hello there, how can I help you today? ');
    expect(short.clearedLength).toBe(Infinity);
    const busy = new FakeEmbedder();
    busy.busy = true;
    const refused = new SemanticLeakCheck(busy).watch(prompt);
    refused.push(`${honest[0]} ${honest[1]}`);
    await modelAnswers();
    expect(refused.clearedLength).toBe(Infinity);
  });
});

describe('the semantic check across a session', () => {
  async function judgeSession(check: SemanticLeakCheck, replies: readonly string[]) {
    const verdicts: string[] = [];
    for (const [at, reply] of replies.entries()) verdicts.push((await check.judge(prompt, reply, replies.slice(0, at))).verdict);
    return verdicts;
  }

  it('adds up a prompt handed out one sentence per reply, and withdraws the reply that completes most of it', async () => {
    const verdicts = await judgeSession(new SemanticLeakCheck(new FakeEmbedder()), promptSentences.map((s) => `Sure. ${s}`));
    expect(verdicts[0]).toBe('ok');
    expect(verdicts).toContain('leak');
  });

  it('remembers replies it never judged (written before a restart) by reading them once', async () => {
    const embedder = new FakeEmbedder();
    const earlier = promptSentences.slice(0, 3);
    const finding = await new SemanticLeakCheck(embedder).judge(prompt, 'Anything else you want to know about tonight?', earlier);
    expect(finding.verdict).toBe('leak');
  });

  it('lets a long session of honest replies on the same subject through', async () => {
    const replies = [...honest, 'Question one: which river flows through Vienna?', 'Right answer, well done!', 'Next round is about films from the nineties.'];
    expect(await judgeSession(new SemanticLeakCheck(new FakeEmbedder()), replies)).not.toContain('leak');
  });
});
