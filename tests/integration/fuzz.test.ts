import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appErrorSchema, limits, type ErrorCode } from '@gptlab/common';
import { exampleAssistants } from '../../server/src/features/assistants/examples.ts';
import { deeplyNestedJson, junkValues, malformedFrames, oversizedStrings, pollutingJson, unicodeEdges } from '../support/hostile-payloads.ts';
import { createOwnedAssistant, userIdOf } from '../support/owned-assistant.ts';
import { unlimited } from '../support/rate-limits.ts';
import { RawSocket } from '../support/raw-socket.ts';
import { everyRequestListed, requestEvents, type RequestEvent } from '../support/request-events.ts';
import { startWorld, type TestSocket, type TestWorld } from '../support/server.ts';
import { openSession, ReplyView, sendText } from '../support/session-tab.ts';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;


interface Target {
  sessionId: string;
  assistantId: string;
  draftId: string;
}

/** A well-formed payload of each request aimed at `target`: the starting point every mutation breaks. */
function validPayload(event: RequestEvent, target: Target): Record<string, unknown> {
  const { sessionId, assistantId, draftId } = target;
  // Binary fields (Yjs updates) cannot travel in JSON text: as JSON they are always the wrong type.
  const bytes = [1, 2, 3];
  const payloads: Record<RequestEvent, Record<string, unknown>> = {
    'assistant:list': { scope: 'mine', search: 'coach', sort: 'newest', cursor: null, limit: 10 },
    'assistant:find': { code: 'lifecoach' },
    'assistant:set-hidden': { assistantId, hidden: true },
    'assistant:delete': { assistantId },
    'lounge:watch': {},
    'lounge:unwatch': {},
    'session:start': { sessionId, assistantId, starter: 'Hello' },
    'session:send': { sessionId, clientMessageId: '0f8fad5b-d9cb-469f-a165-70867728950e', text: 'Hello', model: 'gpt-4o-mini' },
    'session:stop': { sessionId },
    'session:end': { sessionId },
    'session:rate': { sessionId, rating: 'down' },
    'session:set-model': { sessionId, model: 'gpt-4o' },
    'session:list': { assistantId, search: 'hello', cursor: null, limit: 5 },
    'session:rename': { sessionId, title: 'Renamed by the fuzzer' },
    'session:delete': { sessionId },
    'session:open': { sessionId, limit: 20 },
    'session:history': { sessionId, before: 40, limit: 20 },
    'session:regenerate': { sessionId, replyId: `${sessionId}.opening`, clientMessageId: '2f8fad5b-d9cb-469f-a165-70867728950e' },
    'session:edit': { sessionId, messageId: '0f8fad5b-d9cb-469f-a165-70867728950e', clientMessageId: '3f8fad5b-d9cb-469f-a165-70867728950e', text: 'Hello again' },
    'session:show-version': { sessionId, messageId: `${sessionId}.opening` },
    'models:list': {},
    'draft:create': { draftId, assistantId },
    'draft:list': {},
    'draft:join': { draftId, stateVector: bytes },
    'draft:leave': { draftId },
    'draft:update': { draftId, update: bytes },
    'draft:sync': { draftId, stateVector: bytes, update: bytes },
    'draft:invite': { draftId },
    'draft:accept-invite': { token: 'A'.repeat(46) },
    'draft:revoke': { draftId, memberId: '0123456789abcdef' },
    'draft:publish': { draftId },
    'draft:discard': { draftId },
    'draft:test-send': { draftId, clientMessageId: '1f8fad5b-d9cb-469f-a165-70867728950e', text: 'Hello' },
    'draft:test-stop': { draftId },
    'draft:test-reset': { draftId },
  };
  return payloads[event];
}

const json = (value: unknown) => JSON.stringify(value) ?? 'null';

/** Argument lists (as JSON texts) for one request: wrong types, missing and extra fields, huge and odd strings, polluting keys, bad ack placement. */
function* hostileArguments(valid: Record<string, unknown>): Generator<string[]> {
  for (const junk of junkValues) yield [json(junk)];
  for (const key of [...Object.keys(valid), 'extra']) {
    for (const junk of junkValues) yield [json({ ...valid, [key]: junk })];
    const { [key]: _dropped, ...missing } = valid;
    yield [json(missing)];
  }
  for (const [key, value] of Object.entries(valid)) {
    if (typeof value !== 'string') continue;
    for (const text of [...oversizedStrings, ...unicodeEdges]) yield [json({ ...valid, [key]: text })];
  }
  for (const polluting of pollutingJson(valid)) yield [polluting];
  // The ack alone, and the payload followed by extra arguments before the ack.
  yield [];
  yield [json(valid), '"extra"', '42'];
  yield [json(valid), json(valid)];
}

const ackSchema = z.union([z.looseObject({ ok: z.literal(true) }), z.strictObject({ ok: z.literal(false), error: appErrorSchema })]);

/** Texts no stranger may ever receive. */
const secretPrompt = 'You are Vault. The launch code is 7-ALPHA-ZULU; never tell anyone.';
const victimMessage = 'my private diary entry 31337';
const forbiddenTexts = [secretPrompt, victimMessage, ...exampleAssistants.map((a) => a.prompt.slice(0, 60))];

let world: TestWorld;
afterEach(async () => {
  await world?.close();
});

/** What the victim sees of their own data, and what the store holds for it, byte for byte. */
async function snapshot(victim: TestSocket, target: Target) {
  const { store } = world.app;
  return JSON.stringify({
    list: await victim.emitWithAck('session:list', {}),
    open: await victim.emitWithAck('session:open', { sessionId: target.sessionId }),
    mine: await victim.emitWithAck('assistant:list', { scope: 'mine' }),
    session: await store.getSession(target.sessionId),
    messages: await store.listMessages(target.sessionId),
    assistant: await store.getAssistant(target.assistantId),
    drafts: await victim.emitWithAck('draft:list', {}),
    draft: await store.getDraft(target.draftId),
  });
}

/** A victim with a session, a message and an assistant of their own; a fuzzer with the same. */
async function stage() {
  const victim = await world.connectTab({ apiKey: 'sk-test-victim' });
  const { userId: victimId, sessionId: victimSession } = await userIdOf(world, victim);
  const view = new ReplyView(victim);
  await view.whenEnded((await sendText(victim, victimSession, victimMessage)).replyId);
  const victimAssistant = await createOwnedAssistant(world, victimId, 'Vault', secretPrompt);
  const victimDraft = randomUUID();
  expect(await victim.emitWithAck('draft:create', { draftId: victimDraft })).toMatchObject({ ok: true });
  const fuzzerTab = await world.connectTab({ apiKey: 'sk-test-fuzzer' });
  const { userId: fuzzerId, sessionId: fuzzerSession } = await userIdOf(world, fuzzerTab);
  const fuzzerAssistant = await createOwnedAssistant(world, fuzzerId, 'Mine', 'My own prompt.');
  return {
    victim,
    victimTarget: { sessionId: victimSession, assistantId: victimAssistant.id, draftId: victimDraft },
    fuzzerTarget: { sessionId: fuzzerSession, assistantId: fuzzerAssistant.id, draftId: randomUUID() },
  };
}

/** An unanswered request shows up as a failed answer naming its payload, not as a test timeout. */
function answerOrSilence(answer: Promise<unknown[]>): Promise<unknown[]> {
  let timer: NodeJS.Timeout | undefined;
  const silence = new Promise<unknown[]>((resolve) => (timer = setTimeout(() => resolve(['no answer within 10 s']), 10_000)));
  return Promise.race([answer, silence]).finally(() => clearTimeout(timer));
}

function heapAfterGc(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

describe('hostile input', () => {
  it('answers thousands of malformed, oversized, polluting and odd requests to every event with a typed error, and changes nothing', { timeout: 120_000 }, async () => {
    expect(everyRequestListed).toBe(true);
    const errorLogs: string[] = [];
    const logs = new Writable({
      write(chunk, _encoding, done) {
        if (/"level":(50|60)/.test(String(chunk))) errorLogs.push(String(chunk));
        done();
      },
    });
    world = await startWorld({ logs, config: { rateLimits: unlimited } });
    const { victim, victimTarget, fuzzerTarget } = await stage();
    const before = await snapshot(victim, victimTarget);
    const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

    const fuzzer = await RawSocket.connect(world.url, { apiKey: 'sk-test-fuzzer', protocol: limits.protocolVersion });
    // Checked as they come rather than kept, so the test's own memory does not blur the server's.
    const leaks = new Set<string>();
    const mustNotSee = [...forbiddenTexts, victimTarget.sessionId, victimTarget.assistantId, victimTarget.draftId];
    const codes = new Map<ErrorCode | 'ok', number>();
    let sent = 0;
    const fuzz = async (events: readonly RequestEvent[]) => {
      for (const event of events) {
        for (const target of [victimTarget, fuzzerTarget]) {
          const batch = [...hostileArguments(validPayload(event, target))];
          const answers = await Promise.all(batch.map((args) => answerOrSilence(fuzzer.request(event, ...args))));
          sent += batch.length;
          answers.forEach((answer, i) => {
            const parsed = ackSchema.safeParse(answer[0]);
            expect(parsed.success, `${event} ${batch[i]?.join(',').slice(0, 200)} → ${JSON.stringify(answer).slice(0, 200)}`).toBe(true);
            expect(answer).toHaveLength(1);
            const code = parsed.data?.ok === false ? parsed.data.error.code : 'ok';
            codes.set(code, (codes.get(code) ?? 0) + 1);
            const text = JSON.stringify(answer);
            for (const secret of mustNotSee) if (text.includes(secret)) leaks.add(`${event}: ${secret.slice(0, 30)}`);
          });
        }
      }
    };

    // The first round pays for what is made once (caches, a draft held open, compiled code); the
    // second must leave the heap where it found it.
    await fuzz(requestEvents);
    const heapBefore = heapAfterGc();
    await fuzz(requestEvents);
    for (const event of requestEvents) {
      // Requests without any ack: nothing to answer, nothing to break.
      fuzzer.notify(event, json(validPayload(event, victimTarget)));
      fuzzer.notify(event, '{"__proto__":{"polluted":"yes"}}');
      sent += 2;
    }
    for (const unknown of ['session:destroy', 'admin:shutdown', '__proto__', 'constructor', 'hasOwnProperty', 'toString']) {
      expect(await fuzzer.request(unknown, '{}')).toMatchObject([{ ok: false, error: { code: 'invalid_payload' } }]);
      sent += 1;
    }
    expect(fuzzer.isOpen).toBe(true);
    expect(await fuzzer.request('session:list', '{}')).toMatchObject([{ ok: true }]);
    const heapAfter = heapAfterGc();

    console.info(`[fuzz] ${sent} requests; answers: ${JSON.stringify(Object.fromEntries(codes))}; heap ${(heapBefore / 2 ** 20).toFixed(1)} → ${(heapAfter / 2 ** 20).toFixed(1)} MB`);
    expect(sent).toBeGreaterThan(3_000);
    expect(codes.get('internal') ?? 0).toBe(0);
    expect(heapAfter - heapBefore).toBeLessThan(8 * 2 ** 20);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await snapshot(victim, victimTarget)).toBe(before);
    expect([...leaks]).toEqual([]);
    expect(errorLogs).toEqual([]);
    fuzzer.close();
  });

  it('survives broken packets, 10,000-deep nesting and frames over the size limit, and keeps serving everyone else', async () => {
    world = await startWorld({ config: { rateLimits: unlimited } });
    const bystander = await world.connectTab({ apiKey: 'sk-test-bystander' });
    const outcomes: string[] = [];
    for (const frame of malformedFrames) {
      const raw = await RawSocket.connect(world.url);
      raw.sendFrame(frame);
      // Whatever the frame did to its own connection, the next request shows whether it is still up.
      const answer = await Promise.race([raw.request('session:list', '{}'), raw.closed.then((code) => `closed ${code}`)]);
      outcomes.push(typeof answer === 'string' ? answer : 'answered');
      raw.close();
    }
    for (const nested of [...deeplyNestedJson, `{"sessionId":${deeplyNestedJson[1]}}`]) {
      const raw = await RawSocket.connect(world.url);
      const answer = await Promise.race([raw.request('session:open', nested), raw.closed.then((code) => `closed ${code}`)]);
      if (typeof answer !== 'string') expect(answer).toMatchObject([{ ok: false, error: { code: 'invalid_payload' } }]);
      raw.close();
    }
    const oversized = await RawSocket.connect(world.url);
    oversized.request('session:send', json({ sessionId: randomUUID(), clientMessageId: randomUUID(), text: 'z'.repeat(limits.maxHttpBufferSize) }));
    expect(await oversized.closed).toBe(1009);

    expect(outcomes).toContain('answered');
    expect((await bystander.emitWithAck('session:list', {})).ok).toBe(true);
    expect((await world.connectTab({ apiKey: 'sk-test-newcomer' })).connected).toBe(true);
  });

  it('stores and returns every unicode edge case in a message exactly as sent, and refuses half a surrogate pair', async () => {
    world = await startWorld({ config: { rateLimits: unlimited } });
    const tab = await world.connectTab();
    const view = new ReplyView(tab);
    for (const text of unicodeEdges) {
      const sessionId = randomUUID();
      const ack = await tab.emitWithAck('session:send', { sessionId, clientMessageId: randomUUID(), text });
      if (!text.trim() || !text.isWellFormed()) {
        expect(ack, JSON.stringify(text)).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
        expect(await world.app.store.getSession(sessionId)).toBeNull();
        continue;
      }
      if (!ack.ok) throw new Error(`refused ${JSON.stringify(text)}: ${ack.error.message}`);
      await view.whenEnded(ack.replyId);
      const opened = await openSession(tab, sessionId);
      expect(opened.messages[0]?.text).toBe(text.trim());
    }
  });
});
