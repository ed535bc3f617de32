import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { replyStep } from './reply-stream.ts';

const data = (payload: unknown) => ({ event: '', data: JSON.stringify(payload) });
const delta = (content: string) => data({ choices: [{ delta: { content } }] });
const headers = new Headers();

describe('reply events from one network read of a chat stream', () => {
  it('joins the text of the read, keeps usage after the text before it, and stops at [DONE]', () => {
    const usage = data({ choices: [], usage: { prompt_tokens: 7, completion_tokens: 3 } });
    const step = replyStep([delta('Hel'), delta('lo'), usage, { event: '', data: '[DONE]' }, delta('ignored')], 'chat', headers);
    expect(step).toEqual({
      done: true,
      finished: false,
      failure: null,
      events: [{ type: 'text', text: 'Hello' }, { type: 'usage', usage: { promptTokens: 7, completionTokens: 3 } }],
    });
  });

  it('says when the provider cut the reply at max tokens, after the text that came with it', () => {
    const last = data({ choices: [{ delta: { content: ' end' }, finish_reason: 'length' }] });
    expect(replyStep([delta('The'), last], 'chat', headers).events).toEqual([{ type: 'text', text: 'The end' }, { type: 'truncated' }]);
    const stopped = data({ choices: [{ delta: {}, finish_reason: 'stop' }] });
    expect(replyStep([delta('Done'), stopped], 'chat', headers).events).toEqual([{ type: 'text', text: 'Done' }]);
  });

  it('reads the text of a legacy completion stream', () => {
    expect(replyStep([data({ choices: [{ text: 'Once upon' }] })], 'completion', headers).events).toEqual([{ type: 'text', text: 'Once upon' }]);
  });

  it('reports an error payload, with or without an error event name, as an APIError after the text that came before it', () => {
    const failure = { error: { message: 'overloaded', type: 'server_error' } };
    expect(replyStep([data(failure)], 'chat', headers).failure).toBeInstanceOf(OpenAI.APIError);
    const step = replyStep([delta('Half a '), delta('reply'), { event: 'error', data: JSON.stringify(failure) }, delta('never')], 'chat', headers);
    expect(step.events).toEqual([{ type: 'text', text: 'Half a reply' }]);
    expect(step.failure?.message).toContain('overloaded');
  });

  it('an error event with no data, or with plain text, is still an error', () => {
    expect(replyStep([{ event: 'error', data: '' }], 'chat', headers).failure).toBeInstanceOf(OpenAI.APIError);
    expect(replyStep([{ event: 'error', data: 'model crashed' }], 'chat', headers).failure?.message).toContain('model crashed');
  });

  it('says whether a choice finished, so a stream that just stops can be told from a complete one', () => {
    expect(replyStep([delta('Hi')], 'chat', headers).finished).toBe(false);
    expect(replyStep([delta('Hi'), data({ choices: [{ delta: {}, finish_reason: 'stop' }] })], 'chat', headers).finished).toBe(true);
  });

  it('treats unreadable JSON as a provider failure, and a null payload as nothing', () => {
    expect(replyStep([{ event: '', data: '{"choices": [' }], 'chat', headers).failure).toBeInstanceOf(OpenAI.APIError);
    expect(replyStep([{ event: '', data: 'null' }, delta('ok')], 'chat', headers).events).toEqual([{ type: 'text', text: 'ok' }]);
  });
});
