import path from 'node:path';
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReplyRetracted } from '@gptlab/common';
import { installedModelForTests } from '../../server/src/features/guard/semantic/installed-model.ts';
import { neutralReply } from '../../server/src/features/guard/service.ts';
import { startWorld, type TestWorld } from '../support/server.ts';
import { openSession, ReplyView, sendText, startSession } from '../support/session-tab.ts';

const files = installedModelForTests();

let world: TestWorld;
afterEach(async () => {
  await world?.close();
});

// The life coach's prompt (assistants/examples.ts) in French. The fake provider repeats what the
// user says, so this is what a model that translated its instructions would send.
const coachPromptInFrench = `Tu es un coach de vie bienveillant. Commence par saluer l'utilisateur et lui demander sur quoi il aimerait travailler aujourd'hui. Pose une seule question ouverte à la fois, reformule ce que tu entends et aide l'utilisateur à transformer ses objectifs en petites étapes concrètes. Ne donne jamais de conseils médicaux, juridiques ou financiers ; propose plutôt un professionnel.`;

async function aCoachSession(semantic: 'on' | 'off' = 'on', tokenDelayMs = 0) {
  world = await startWorld({ provider: { tokenDelayMs }, config: { guardSemantic: { mode: semantic, modelDir: path.dirname(files!.library) } } });
  const tab = await world.connectTab();
  const view = new ReplyView(tab);
  const { sessionId, replyId } = await startSession(tab, 'lifecoach');
  await view.whenEnded(replyId);
  const retractions: ReplyRetracted[] = [];
  tab.on('session:reply-retracted', (e) => retractions.push(e));
  return { tab, view, sessionId, retractions };
}

describe.skipIf(!files)('the prompt-leak guard with the semantic check on', () => {
  it('withdraws a reply that gives the prompt away in French, which shares no words with it, and never stores it', async () => {
    const { tab, view, sessionId, retractions } = await aCoachSession();
    const { replyId } = await sendText(tab, sessionId, coachPromptInFrench);
    await view.whenEnded(replyId);
    expect(retractions).toEqual([{ sessionId, replyId, replacement: neutralReply }]);
    expect((await openSession(tab, sessionId)).messages.at(-1)).toMatchObject({ id: replyId, text: neutralReply });
  });

  it('is what catches it: the lexical guard alone lets the French reply through', async () => {
    const { tab, view, sessionId, retractions } = await aCoachSession('off');
    const { replyId } = await sendText(tab, sessionId, coachPromptInFrench);
    await view.whenEnded(replyId);
    expect(retractions).toEqual([]);
  });

  it('lets an ordinary reply through untouched', async () => {
    const { tab, view, sessionId, retractions } = await aCoachSession();
    const { replyId } = await sendText(tab, sessionId, 'I would like to work on my confidence and ask my manager for a raise');
    await view.whenEnded(replyId);
    expect(retractions).toEqual([]);
    expect((await openSession(tab, sessionId)).messages.at(-1)?.text).toContain('ask my manager for a raise');
  });

  it('sends a non-owner nothing of the translated prompt past its first sentence before withdrawing it', async () => {
    const { tab, view, sessionId, retractions } = await aCoachSession('on', 3);
    const beforeRetraction: string[] = [];
    tab.onAny((event: string, payload: { text?: string }) => {
      if (event === 'session:delta' && retractions.length === 0) beforeRetraction.push(payload.text ?? '');
    });
    const { replyId } = await sendText(tab, sessionId, coachPromptInFrench);
    await view.whenEnded(replyId);
    expect(retractions.map((r) => r.replyId)).toEqual([replyId]);
    const firstSentence = coachPromptInFrench.split('. ')[0]!;
    expect(beforeRetraction.join('').length).toBeLessThanOrEqual(firstSentence.length + 2);
  });

  it('delivers an honest reply whole to a non-owner, sentence by sentence as each is judged', async () => {
    const { tab, view, sessionId, retractions } = await aCoachSession('on', 2);
    const message = 'I would like to feel calmer at work. My manager changes priorities every day. Some evenings I cannot switch off at all.';
    const { replyId } = await sendText(tab, sessionId, message);
    await view.whenEnded(replyId);
    expect(retractions).toEqual([]);
    expect(view.textOf(replyId)).toBe((await openSession(tab, sessionId)).messages.at(-1)?.text);
    expect(view.textOf(replyId)).toContain('switch off at all');
  });
});

describe.skipIf(!files)('the semantic check and a provider that stalls mid-reply', () => {
  it('sends a non-owner the sentences it has cleared while the provider is silent, not only once it resumes', async () => {
    const { tab, sessionId } = await aCoachSession('on');
    const received: string[] = [];
    tab.onAny((event: string, payload: { text?: string }) => {
      if (event === 'session:delta') received.push(payload.text ?? '');
    });
    // The fake provider repeats the message, then goes silent after 14 chunks, inside the second sentence.
    await sendText(tab, sessionId, 'My manager changes priorities every single day. Some evenings I cannot switch off at all. [[stall:14]]');
    await expect.poll(() => received.join(''), { timeout: 20_000 }).toContain('changes priorities every single day.');
  });
});

describe('the prompt-leak guard with GUARD_SEMANTIC=auto and no model installed', () => {
  it('starts, replies and guards as the lexical guard does', async () => {
    world = await startWorld({ provider: { tokenDelayMs: 0 }, config: { guardSemantic: { mode: 'auto', modelDir: path.join(os.tmpdir(), 'gptlab-no-semantic-model') } } });
    const tab = await world.connectTab();
    const view = new ReplyView(tab);
    const { sessionId, replyId } = await startSession(tab, 'lifecoach');
    await view.whenEnded(replyId);
    const next = await sendText(tab, sessionId, 'I would like to sleep better');
    await view.whenEnded(next.replyId);
    expect((await openSession(tab, sessionId)).messages.at(-1)?.text).toContain('sleep better');
  });
});
