import { afterEach, describe, expect, it } from 'vitest';
import { exampleAssistants } from '../../server/src/features/assistants/examples.ts';
import { startWorld, type TestSocket, type TestWorld } from '../support/server.ts';
import { ReplyView, sendText, startSession } from '../support/session-tab.ts';

let world: TestWorld;
afterEach(async () => {
  await world?.close();
});

type Body = { messages: Array<{ role: string; content: string }> };
const chatCalls = () => world.provider.requests.filter((r) => r.path === '/v1/chat/completions');
const lastChatBody = () => chatCalls().at(-1)?.body as Body;

async function say(tab: TestSocket, view: ReplyView, sessionId: string, text: string): Promise<void> {
  const { replyId } = await sendText(tab, sessionId, text);
  expect(await view.whenEnded(replyId)).toMatchObject({ status: 'complete' });
}

describe('condensing long conversations', () => {
  it('rolling mode sends the prompt and only the last 20 messages', async () => {
    world = await startWorld({ provider: { tokenDelayMs: 0 } });
    const tab = await world.connectTab();
    const view = new ReplyView(tab);
    const { sessionId, replyId } = await startSession(tab, 'brainstorm');
    await view.whenEnded(replyId);
    for (let i = 1; i <= 12; i++) await say(tab, view, sessionId, `Message number ${i}`);

    const sent = lastChatBody().messages;
    expect(sent).toHaveLength(21);
    expect(sent[0]).toEqual({ role: 'system', content: exampleAssistants.find((a) => a.id === 'example-brainstorm')?.prompt });
    expect(sent.at(-1)).toEqual({ role: 'user', content: 'Message number 12' });
    expect(sent[1]).toEqual({ role: 'assistant', content: expect.stringContaining('Message number 2') });
    expect(sent.some((m) => m.content === 'Message number 1')).toBe(false);
  });

  it('summarize mode summarises once the thread passes 60% of the context window, then continues from summary plus the last 4 messages', async () => {
    world = await startWorld({ provider: { tokenDelayMs: 0 } });
    const tab = await world.connectTab();
    const view = new ReplyView(tab);
    const { sessionId, replyId } = await startSession(tab, 'lifecoach');
    await view.whenEnded(replyId);
    // fake-chat-small has a 2,048-token window: a few long messages pass 60% of it.
    expect((await tab.emitWithAck('session:set-model', { sessionId, model: 'fake-chat-small' })).ok).toBe(true);
    const long = (n: number) => `Paragraph ${n}: ${'my goals involve running, reading and rest '.repeat(40)}`;
    await say(tab, view, sessionId, long(1));
    await say(tab, view, sessionId, long(2));
    const before = chatCalls().length;
    await say(tab, view, sessionId, long(3));

    const calls = chatCalls().slice(before).map((r) => r.body as Body);
    expect(calls).toHaveLength(2);
    const [summaryCall, replyCall] = calls as [Body, Body];
    expect(summaryCall.messages[0]?.content).toContain('Summarise the conversation');
    expect(summaryCall.messages[1]?.content).toContain('Paragraph 1');
    expect(summaryCall.messages.map((m) => m.content).join()).not.toContain(exampleAssistants[0]?.prompt.slice(0, 40));

    // Greeting and first message are summarised; the last 4 follow the summary note.
    expect(replyCall.messages.map((m) => m.role)).toEqual(['system', 'system', 'assistant', 'user', 'assistant', 'user']);
    expect(replyCall.messages[0]?.content).toBe(exampleAssistants.find((a) => a.id === 'example-life-coach')?.prompt);
    expect(replyCall.messages[1]?.content).toMatch(/^Summary of the earlier part/);
    expect(replyCall.messages[3]?.content).toBe(long(2).trim());
    expect(replyCall.messages.at(-1)?.content).toBe(long(3).trim());

    // Still over 60% with the long messages kept: the next summary folds in the previous one.
    const next = chatCalls().length;
    await say(tab, view, sessionId, 'A short follow-up');
    const [resummary] = chatCalls().slice(next).map((r) => r.body as Body);
    expect(resummary?.messages[1]?.content).toContain('Summary of the earlier part');
    expect(lastChatBody().messages[1]?.content).toMatch(/^Summary of the earlier part/);
    expect(lastChatBody().messages.at(-1)?.content).toBe('A short follow-up');
  });
});
