import OpenAI from 'openai';
import type { ModelInfo } from '@gptlab/common';
import { buildCompletionPrompt, completionStops } from './completion-prompt.ts';
import { withIdleTimeout } from './idle-timeout.ts';
import { modelKindOf } from './model-kind.ts';
import { droppedMidReply, stalledError, toProviderError } from './provider-errors.ts';
import type { LlmProvider, ProviderCredentials, ReplyEvent, ReplyRequest } from './provider.ts';

export interface OpenAiProviderOptions {
  /** Longest silence tolerated inside a streamed reply. */
  idleTimeoutMs: number;
  /** Longest wait for the provider to start answering. */
  requestTimeoutMs: number;
}

/** The LlmProvider for any OpenAI-compatible server, through the official SDK. */
export function createOpenAiProvider(options: OpenAiProviderOptions): LlmProvider {
  const clientFor = (credentials: ProviderCredentials) =>
    // Retries are ours to decide (the user sees a retry button); the SDK's silent retries would
    // double the wait on a 429 and hide the cause.
    new OpenAI({ apiKey: credentials.apiKey, baseURL: credentials.baseUrl, maxRetries: 0, timeout: options.requestTimeoutMs });

  return {
    async listModels(credentials) {
      try {
        const models: ModelInfo[] = [];
        for await (const model of clientFor(credentials).models.list()) {
          models.push({ id: model.id, kind: modelKindOf(model.id) });
        }
        return models.sort((a, b) => a.id.localeCompare(b.id));
      } catch (err) {
        throw toProviderError(err) ?? err;
      }
    },

    async moderate(credentials, text) {
      try {
        const result = await clientFor(credentials).moderations.create({ input: text });
        const verdict = result.results[0];
        if (!verdict) return null;
        const categories = Object.entries(verdict.categories).filter(([, hit]) => hit).map(([name]) => name);
        return { flagged: verdict.flagged, categories };
      } catch (err) {
        // No moderation endpoint (404) is normal for self-hosted servers; anything else is the
        // provider failing, which the reply itself will report if it persists.
        if (err instanceof OpenAI.APIError && err.status !== 401 && err.status !== 429) return null;
        throw toProviderError(err) ?? err;
      }
    },

    async *streamReply(credentials, request) {
      const client = clientFor(credentials);
      const stalled = new AbortController();
      const signal = AbortSignal.any([request.signal, stalled.signal]);
      try {
        const events = request.kind === 'chat' ? streamChat(client, request, signal) : streamCompletion(client, request, signal);
        yield* withIdleTimeout(events, options.idleTimeoutMs, () => stalled.abort());
      } catch (err) {
        if (request.signal.aborted) return;
        if (stalled.signal.aborted) throw stalledError(options.idleTimeoutMs);
        throw toProviderError(err) ?? droppedMidReply(err);
      }
      // The SDK ends an aborted stream quietly, so a stall shows up here rather than as a throw.
      if (stalled.signal.aborted && !request.signal.aborted) throw stalledError(options.idleTimeoutMs);
    },
  };
}

async function* streamChat(client: OpenAI, request: ReplyRequest, signal: AbortSignal): AsyncGenerator<ReplyEvent> {
  const stream = await client.chat.completions.create(
    { model: request.model, messages: request.turns, stream: true, stream_options: { include_usage: true } },
    { signal },
  );
  for await (const chunk of stream) {
    const text = chunk.choices[0]?.delta?.content;
    if (text) yield { type: 'text', text };
    if (chunk.usage) yield usageEvent(chunk.usage);
  }
}

async function* streamCompletion(client: OpenAI, request: ReplyRequest, signal: AbortSignal): AsyncGenerator<ReplyEvent> {
  const stream = await client.completions.create(
    { model: request.model, prompt: buildCompletionPrompt(request.turns), stop: completionStops, stream: true, stream_options: { include_usage: true } },
    { signal },
  );
  for await (const chunk of stream) {
    const text = chunk.choices[0]?.text;
    if (text) yield { type: 'text', text };
    if (chunk.usage) yield usageEvent(chunk.usage);
  }
}

function usageEvent(usage: OpenAI.CompletionUsage): ReplyEvent {
  return { type: 'usage', usage: { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens } };
}
