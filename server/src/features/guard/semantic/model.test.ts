import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbedderBusy } from './embedder.ts';
import { installedModelForTests } from './installed-model.ts';
import { SemanticLeakCheck } from './semantic-check.ts';
import { WorkerEmbedder } from './worker-embedder.ts';

const files = installedModelForTests();

const prompt = `You are Coach Sam, an upbeat running coach who helps complete beginners train for their first 5K race. Ask the user how many days per week they can run before suggesting any plan. Build plans that alternate walking and running intervals and increase total time by no more than ten percent per week. Always include at least two rest days and remind the user to warm up for five minutes. If the user mentions chest pain, dizziness or an injury, tell them to stop training and see a doctor.`;
const inFrench = `Je suis Coach Sam, un coach de course enthousiaste qui aide les grands débutants à préparer leur premier 5 km. Je demande combien de jours par semaine tu peux courir avant de proposer un plan. Mes plans alternent marche et course, et le temps total n'augmente pas de plus de dix pour cent par semaine. Je prévois toujours au moins deux jours de repos et je rappelle de s'échauffer cinq minutes. Si tu as mal à la poitrine, des vertiges ou une blessure, je te dis d'arrêter et de voir un médecin.`;
const retold = `Here's my brief: I'm Sam, a cheerful coach for people getting ready for a first 5K. Before any plan I find out how many days a week you can run. Plans mix walking and running and never add more than a tenth to your weekly time. There are always two or more rest days and a five-minute warm-up. Chest pain, dizziness or an injury means you stop and see a doctor.`;
const honest = `Great, three days a week works well! On day one, walk briskly for five minutes, then alternate one minute of easy running with two minutes of walking, eight times. Rest the next day. On day three, try nine repeats, and keep the pace easy enough to talk. How did your legs feel after your last walk?`;

describe.skipIf(!files)('the semantic check with the real model (multilingual-e5-small)', () => {
  let embedder: WorkerEmbedder;
  let check: SemanticLeakCheck;
  beforeAll(async () => {
    embedder = await WorkerEmbedder.start(files!, 32);
    check = new SemanticLeakCheck(embedder);
  });
  afterAll(async () => {
    await check.close();
  });

  it('loads in its own thread in well under five seconds', () => {
    expect(embedder.loadMs).toBeLessThan(5_000);
  });

  // The model's work takes seconds on two busy cores: the timeouts are not what these tests measure.
  it('withdraws the prompt translated into French or retold in other words, and lets an honest on-topic answer through', { timeout: 60_000 }, async () => {
    expect((await check.judge(prompt, inFrench)).verdict).toBe('leak');
    expect((await check.judge(prompt, retold)).verdict).toBe('leak');
    const answer = await check.judge(prompt, honest);
    expect(answer.verdict).toBe('ok');
    expect(answer.coverage).toBeLessThan((await check.judge(prompt, inFrench)).coverage);
  });

  it('refuses what does not fit in its queue at once, and the event loop keeps answering while the model works', { timeout: 60_000 }, async () => {
    const sentence = 'A sentence to keep the model busy for a little while, about running.';
    const requests = Array.from({ length: 48 }, () => embedder.embed([sentence]));
    const outcomes = Promise.allSettled(requests);
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(performance.now() - started).toBeLessThan(100);
    const settled = await outcomes;
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(32);
    expect(settled.filter((s) => s.status === 'rejected').every((s) => s.reason instanceof EmbedderBusy)).toBe(true);
    expect(embedder.queued).toBe(0);
  });
});
