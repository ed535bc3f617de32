import OpenAI from 'openai';
import type { ModelKind } from '@gptlab/common';
import type { ReplyEvent } from './provider.ts';
import type { SseEvent } from './sse-parser.ts';

/** What one network read of a streamed reply held: its events, and whether `[DONE]` ended it. */
export interface ReplyStep {
  events: ReplyEvent[];
  done: boolean;
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
 */
export function replyStep(sseEvents: readonly SseEvent[], kind: ModelKind, headers: Headers): ReplyStep {
  const events: ReplyEvent[] = [];
  let text = '';
  let done = false;
  for (const sse of sseEvents) {
    if (sse.data === '[DONE]') {
      done = true;
      break;
    }
    const chunk = parseChunk(sse.data);
    if (sse.event === 'error') throw new OpenAI.APIError(undefined, chunk?.error ?? chunk ?? undefined, undefined, headers);
    if (chunk?.error) throw new OpenAI.APIError(undefined, chunk.error, undefined, headers);
    const choice = chunk?.choices?.[0];
    text += (kind === 'chat' ? choice?.delta?.content : choice?.text) ?? '';
    const truncated = choice?.finish_reason === 'length';
    if (!chunk?.usage && !truncated) continue;
    if (text) events.push({ type: 'text', text });
    text = '';
    if (truncated) events.push({ type: 'truncated' });
    if (chunk?.usage) events.push({ type: 'usage', usage: { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens } });
  }
  if (text) events.push({ type: 'text', text });
  return { events, done };
}

/** Null for a payload that is JSON but no object (`null`, a number): it carries nothing, as in the SDK. */
function parseChunk(data: string): StreamChunk | null {
  try {
    const parsed: unknown = JSON.parse(data);
    return typeof parsed === 'object' ? (parsed as StreamChunk | null) : null;
  } catch {
    // The SDK's own wording; an unparsable event is the provider failing, not our bug.
    throw new OpenAI.APIError(undefined, undefined, 'Error reading response: malformed server-sent event JSON.', undefined);
  }
}
