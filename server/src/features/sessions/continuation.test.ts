import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { anAssistant, aSession } from '../../../../tests/store-contract/rules/builders.ts';
import { createLogger } from '../../logger.ts';
import { ProviderError, type LlmProvider, type ReplyRequest } from '../../llm/provider.ts';
import { SqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { contextWindowOf } from '../condensing/context-windows.ts';
import { tokenCounterFor } from '../condensing/token-count.ts';
import { unseal } from '../identity/sealing.ts';
import { Continuations, withoutUnanswered } from './continuation.ts';
import type { ReplyGuard } from './reply-runner.ts';
import type { Sender } from './sender.ts';
import { Transcript } from './transcript.ts';

const sender: Sender = { userId: 'ada', messageKey: new Uint8Array(randomBytes(32)), credentials: { apiKey: 'sk-test-ada', baseUrl: 'http://provider.test/v1' } };
const prompt = 'You are Tidy Tom. The discount code is TOM-2041.';
const assistant = { record: anAssistant({ ownerId: 'someone-else' }), prompt, summaryPrompt: 'Recap.' };

let store: SqliteStore;
afterEach(async () => store?.close());

/** A provider that answers every request with `answer`, recording what it was asked. */
function providerAnswering(answer: string | ProviderError, asked: ReplyRequest[] = []): LlmProvider {
  return {
    listModels: () => Promise.resolve([]),
    moderate: () => Promise.resolve(null),
    contextWindow: () => null,
    async *streamReply(_credentials, request) {
      asked.push(request);
      if (answer instanceof ProviderError) throw answer;
      yield { type: 'text', text: answer };
    },
  };
}

/** A guard that calls whatever contains the discount code a leak. */
function guardCatching(): ReplyGuard {
  let seen = '';
  return {
    push: (delta) => ((seen += delta).includes('TOM-2041') ? 'leak' : 'ok'),
    finish: () => (seen.includes('TOM-2041') ? 'leak' : 'ok'),
    replacement: 'withheld',
  };
}

async function sessionWith(texts: Array<[role: 'user' | 'assistant', text: string, status?: 'complete' | 'failed']>, model = 'gpt-4o-mini') {
  store = new SqliteStore(':memory:');
  await store.createAssistant(assistant.record);
  const session = aSession({ userId: sender.userId, assistantId: assistant.record.id, model });
  await store.createSession(session);
  const transcript = new Transcript(store, session.id, sender.messageKey);
  let parentId: string | null = null;
  for (const [i, [role, text, status]] of texts.entries()) {
    await transcript.append({ messageId: `m${i}`, parentId, role, text, status: status ?? 'complete' });
    parentId = `m${i}`;
  }
  return session;
}

function continuations(provider: LlmProvider) {
  return new Continuations({ store, provider, createGuard: guardCatching, logger: createLogger('silent') });
}

describe('carrying a session on with a summary', () => {
  it('summarises the conversation without the question left unanswered, and seals the summary and the title', async () => {
    const session = await sessionWith([['assistant', 'Hello!'], ['user', 'Plan a bakery in Porto'], ['assistant', 'Here is a plan.'], ['user', 'Review my novel'], ['assistant', '', 'failed']]);
    const asked: ReplyRequest[] = [];
    const carried = await continuations(providerAnswering('  They planned a bakery in Porto.  ', asked)).carryOn(session.id, assistant, sender);
    if (!carried.ok) throw new Error(carried.error.message);
    const request = asked[0]?.turns.map((t) => t.content).join('\n') ?? '';
    expect(request).toContain('Plan a bakery in Porto');
    expect(request).not.toContain('Review my novel');
    // The request never carries the assistant's prompt, so the summary cannot take it along.
    expect(request).not.toContain('Tidy Tom');
    expect(unseal(carried.continuedFrom.sealedSummary, sender.messageKey)).toBe('They planned a bakery in Porto.');
    expect(carried.continuedFrom.sessionId).toBe(session.id);
  });

  it('asks about as much as fits half the model’s window: the newest messages, not the oldest', async () => {
    const long = Array.from({ length: 40 }, (_, i) => [i % 2 ? 'assistant' : 'user', `message ${i + 1}: ${'word '.repeat(90)}`] as ['user' | 'assistant', string]);
    const session = await sessionWith([...long, ['user', 'The last question']], 'fake-chat-small');
    const asked: ReplyRequest[] = [];
    const carried = await continuations(providerAnswering('A summary.', asked)).carryOn(session.id, assistant, sender);
    expect(carried.ok).toBe(true);
    const turns = asked[0]?.turns ?? [];
    const request = turns.map((t) => t.content).join('\n');
    expect(request).toContain('message 40:');
    expect(request).not.toContain('message 1:');
    expect((await tokenCounterFor('fake-chat-small')).countChat(turns)).toBeLessThanOrEqual(contextWindowOf('fake-chat-small') / 2);
  });

  it('keeps nothing of a summary the prompt-leak guard catches', async () => {
    const session = await sessionWith([['user', 'What is the code?'], ['assistant', 'I cannot say.']]);
    const carried = await continuations(providerAnswering('The user was told the code TOM-2041.')).carryOn(session.id, assistant, sender);
    if (!carried.ok) throw new Error(carried.error.message);
    expect(unseal(carried.continuedFrom.sealedSummary, sender.messageKey)).toBe('');
  });

  it('answers a provider failure with its typed error, and another user’s session as an unknown one', async () => {
    const session = await sessionWith([['user', 'Hi'], ['assistant', 'Hello']]);
    const limited = new ProviderError({ code: 'provider_rate_limit', message: 'Wait a moment.' });
    expect(await continuations(providerAnswering(limited)).carryOn(session.id, assistant, sender)).toEqual({ ok: false, error: limited.appError });
    const mallory = { ...sender, userId: 'mallory' };
    expect(await continuations(providerAnswering('x')).carryOn(session.id, assistant, mallory)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('drops only the trailing unanswered question and the failed reply after it', () => {
    const m = (role: 'user' | 'assistant', text: string, status: 'complete' | 'failed' = 'complete') => ({ id: text, role, text, status });
    expect(withoutUnanswered([m('user', 'a'), m('assistant', 'b'), m('user', 'c'), m('assistant', '', 'failed')]).map((x) => x.id)).toEqual(['a', 'b']);
    expect(withoutUnanswered([m('user', 'a'), m('assistant', 'b')]).map((x) => x.id)).toEqual(['a', 'b']);
  });
});
