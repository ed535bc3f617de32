import OpenAI from 'openai';
import type { ModelInfo } from '@gptlab/common';
import { LRUCache } from 'lru-cache';
import { LearnedWindows, windowInErrorMessage, windowInModelObject, windowInProps } from './learned-windows.ts';
import { buildCompletionPrompt, completionMaxTokens, completionStops } from './completion-prompt.ts';
import { isReasoningModel, modelKindOf } from './model-kind.ts';
import { droppedMidReply, emptyReply, endedEarly, stalledError, toProviderError } from './provider-errors.ts';
import type { LlmProvider, ProviderCredentials, ReplyRequest, Sampling } from './provider.ts';
import { replyStep, type ReplyStep } from './reply-stream.ts';
import { SseParser } from './sse-parser.ts';
import { openWithReconnects } from './stale-connection.ts';

export interface OpenAiProviderOptions {
  /** Longest silence tolerated inside a streamed reply. */
  idleTimeoutMs: number;
  /** Longest wait for the provider to start answering. */
  requestTimeoutMs: number;
}

/** Base URLs whose SDK client is kept; users may bring their own, so the cache is bounded. */
const cachedClients = 100;

/** The LlmProvider for any OpenAI-compatible server, through the official SDK. */
export function createOpenAiProvider(options: OpenAiProviderOptions): LlmProvider {
  const clients = new LRUCache<string, OpenAI>({ max: cachedClients });
  // One client per base URL, the key sent with each request: building a client per request cost
  // 2% of the CPU of a busy server, and a cache keyed by API keys would keep keys after sign-out.
  const clientFor = (baseUrl: string) => {
    const cached = clients.get(baseUrl);
    if (cached) return cached;
    // Retries are ours to decide (the user sees a retry button); the SDK's silent retries would
    // double the wait on a 429 and hide the cause.
    const client = new OpenAI({ apiKey: 'sent-with-each-request', baseURL: baseUrl, maxRetries: 0, timeout: options.requestTimeoutMs });
    clients.set(baseUrl, client);
    return client;
  };
  const withKey = (credentials: ProviderCredentials, signal?: AbortSignal) => ({ headers: { Authorization: `Bearer ${credentials.apiKey}` }, signal });
  const learned = new LearnedWindows();

  return {
    contextWindow: (credentials, model) => learned.get(credentials.baseUrl, model),

    async listModels(credentials) {
      try {
        const models: ModelInfo[] = [];
        let llamaCpp = false;
        for await (const model of clientFor(credentials.baseUrl).models.list(withKey(credentials))) {
          models.push({ id: model.id, kind: modelKindOf(model.id) });
          const stated = windowInModelObject(model);
          if (stated) learned.set(credentials.baseUrl, model.id, stated);
          llamaCpp ||= model.owned_by === 'llamacpp';
        }
        // llama.cpp's model list gives the window it was trained with; /props, the one it runs with.
        const running = llamaCpp ? await llamaCppWindow(credentials) : null;
        if (running) for (const { id } of models) learned.set(credentials.baseUrl, id, running);
        return models.sort((a, b) => a.id.localeCompare(b.id));
      } catch (err) {
        throw toProviderError(err) ?? err;
      }
    },

    async moderate(credentials, text) {
      try {
        const client = clientFor(credentials.baseUrl);
        // A stale pooled connection would otherwise let the message through unchecked (below).
        const result = await openWithReconnects(() => client.moderations.create({ input: text }, withKey(credentials)));
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

    /**
     * The SDK sends the request and turns error statuses into its errors; the body is read here, one
     * await per network read instead of the SDK's several nested async generators per event
     * (`npm run bench:provider` measures both).
     */
    async *streamReply(credentials, request) {
      const stalled = new AbortController();
      const signal = AbortSignal.any([request.signal, stalled.signal]);
      let idle: NodeJS.Timeout | undefined;
      try {
        // Until the headers arrive, the SDK's request timeout applies; then silence is a stall.
        const client = clientFor(credentials.baseUrl);
        const response = await openWithReconnects(() => openStream(client, request, withKey(credentials, signal)), signal);
        idle = setTimeout(() => stalled.abort(), options.idleTimeoutMs);
        const parser = new SseParser();
        let heard = false;
        let finished = false;
        const read = async function* (step: ReplyStep) {
          yield* step.events;
          if (step.failure) throw step.failure;
          heard ||= step.events.length > 0 || step.finished;
          finished ||= step.finished || step.done;
        };
        for await (const bytes of response.body ?? []) {
          idle.refresh();
          const step = replyStep(parser.push(bytes), request.kind, response.headers);
          yield* read(step);
          if (step.done) return;
        }
        yield* read(replyStep(parser.end(), request.kind, response.headers));
        // A body that ends with neither [DONE] nor a finish reason is a reply cut short, not a
        // complete one; llama.cpp's server answers a conversation over its window with no body at all.
        if (!finished) throw heard ? endedEarly() : emptyReply();
      } catch (err) {
        if (request.signal.aborted) return;
        if (stalled.signal.aborted) throw stalledError(options.idleTimeoutMs);
        const stated = err instanceof OpenAI.BadRequestError ? windowInErrorMessage(err.message) : null;
        if (stated) learned.set(credentials.baseUrl, request.model, stated);
        throw toProviderError(err) ?? droppedMidReply(err);
      } finally {
        clearTimeout(idle);
      }
    },
  };
}

const propsTimeoutMs = 3_000;

/** GET /props at the server's root; null if it has none or says nothing of its window. */
async function llamaCppWindow(credentials: ProviderCredentials): Promise<number | null> {
  try {
    const url = new URL('/props', credentials.baseUrl);
    const response = await fetch(url, { headers: { Authorization: `Bearer ${credentials.apiKey}` }, signal: AbortSignal.timeout(propsTimeoutMs) });
    return response.ok ? windowInProps(await response.json()) : null;
  } catch {
    return null;
  }
}

function openStream(client: OpenAI, request: ReplyRequest, requestOptions: OpenAI.RequestOptions): Promise<Response> {
  const common = { model: request.model, stream: true, stream_options: { include_usage: true }, ...samplingParams(request.model, request.sampling) } as const;
  if (request.kind === 'chat') return client.chat.completions.create({ ...common, messages: request.turns }, requestOptions).asResponse();
  const prompt = buildCompletionPrompt(request.turns);
  return client.completions.create({ max_tokens: completionMaxTokens, ...common, prompt, stop: completionStops }, requestOptions).asResponse();
}

/**
 * `max_tokens` for most models: self-hosted OpenAI-compatible servers know only that one. Reasoning
 * models take `max_completion_tokens` and no sampling settings at all (their reasoning uses part of
 * the budget, so it is a ceiling, not a target).
 */
function samplingParams(model: string, sampling: Sampling = {}) {
  const params = isReasoningModel(model)
    ? { max_completion_tokens: sampling.maxTokens }
    : {
        temperature: sampling.temperature,
        top_p: sampling.topP,
        max_tokens: sampling.maxTokens,
        frequency_penalty: sampling.frequencyPenalty,
        presence_penalty: sampling.presencePenalty,
      };
  return Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
}
