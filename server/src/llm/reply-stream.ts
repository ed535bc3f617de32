import OpenAI from 'openai';
import type { ModelKind } from '@gptlab/common';
import type { ReplyEvent } from './provider.ts';
import type { SseEvent } from './sse-parser.ts';

/**
 * What one network read of a streamed reply held: its events; whether `[DONE]` ended the stream;
 * whether a choice said why it finished; and the provider's error, if one came after the events.
 */
export interface ReplyStep {
  events: ReplyEvent[];
  done: boolean;
  finished: boolean;
  failure: InstanceType<typeof OpenAI.APIError> | null;
}

interface StreamChunk {
  choices?: Array<{ delta?: { content?: string | null }; text?: string | null; finish_reason?: string | null }>;
  usage?: OpenAI.CompletionUsage | null;
  error?: unknown;
}

/**
 * Turns the server-sent events of a chat or legacy completion stream into reply events, by the
 * rules of the openai SDK's own stream reader: `[DONE]` ends the reply, an `error` event or payload
 * is an APIError. The text of all the chunks of one read is joined into one event, so a busy
 * server does the work downstream (guard, batching, catch-up buffer) once per read, not per token.
 * Text that came before an error in the same read is kept, ahead of the error.
 */
export function replyStep(sseEvents: readonly SseEvent[], kind: ModelKind, headers: Headers): ReplyStep {
  const step: ReplyStep = { events: [], done: false, finished: false, failure: null };
  let text = '';
  for (const sse of sseEvents) {
    if (sse.data === '[DONE]') {
      step.done = true;
      break;
    }
    const chunk = parseChunk(sse.data, sse.event === 'error');
    if (chunk instanceof OpenAI.APIError) {
      step.failure = chunk;
      break;
    }
    if (sse.event === 'error' || chunk?.error) {
      step.failure = new OpenAI.APIError(undefined, chunk?.error ?? chunk ?? undefined, undefined, headers);
      break;
    }
    const choice = chunk?.choices?.[0];
    text += (kind === 'chat' ? choice?.delta?.content : choice?.text) ?? '';
    if (choice?.finish_reason) step.finished = true;
    const truncated = choice?.finish_reason === 'length';
    if (!chunk?.usage && !truncated) continue;
    if (text) step.events.push({ type: 'text', text });
    text = '';
    if (truncated) step.events.push({ type: 'truncated' });
    if (chunk?.usage) step.events.push({ type: 'usage', usage: { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens } });
  }
  if (text) step.events.push({ type: 'text', text });
  return step;
}

/**
 * Null for a payload that is JSON but no object (`null`, a number), or empty: it carries nothing,
 * as in the SDK. An error event's payload may be plain text; it is then the error's message.
 */
function parseChunk(data: string, isError: boolean): StreamChunk | InstanceType<typeof OpenAI.APIError> | null {
  if (data === '') return null;
  try {
    const parsed: unknown = JSON.parse(data);
    return typeof parsed === 'object' ? (parsed as StreamChunk | null) : null;
  } catch {
    if (isError) return { error: { message: data } };
    // The SDK's own wording; an unparsable event is the provider failing, not our bug.
    return new OpenAI.APIError(undefined, undefined, 'Error reading response: malformed server-sent event JSON.', undefined);
  }
}
