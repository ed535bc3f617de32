import { LRUCache } from 'lru-cache';

/** Pairs of (base URL, model) remembered; users may bring their own servers, so it is bounded. */
const remembered = 1_000;

/**
 * Context windows as providers state them, per base URL and model. The tables in
 * condensing/context-windows.ts know OpenAI's models; a self-hosted server knows its own, and says
 * so in its model list (vLLM, OpenRouter, LM Studio, llama.cpp), its /props (llama.cpp), or in the
 * error it answers to a request that was too long (OpenAI and those that copy its wording).
 */
export class LearnedWindows {
  readonly #windows = new LRUCache<string, number>({ max: remembered });

  get(baseUrl: string, model: string): number | null {
    return this.#windows.get(keyOf(baseUrl, model)) ?? null;
  }

  set(baseUrl: string, model: string, tokens: number): void {
    if (Number.isInteger(tokens) && tokens > 0) this.#windows.set(keyOf(baseUrl, model), tokens);
  }
}

const keyOf = (baseUrl: string, model: string) => `${baseUrl}\n${model}`;

/** The window a model object of a /models list states, under any of the names servers use. */
export function windowInModelObject(model: unknown): number | null {
  if (typeof model !== 'object' || model === null) return null;
  const m = model as Record<string, unknown> & { meta?: Record<string, unknown>; top_provider?: Record<string, unknown> };
  // vLLM: max_model_len; OpenRouter: context_length, top_provider.context_length; Groq: context_window;
  // LM Studio: max_context_length; llama.cpp: meta.n_ctx_train (its training window, an upper bound).
  const candidates = [m.max_model_len, m.context_length, m.context_window, m.max_context_length, m.top_provider?.context_length, m.meta?.n_ctx, m.meta?.n_ctx_train];
  const found = candidates.find((value) => typeof value === 'number' && Number.isInteger(value) && value > 0);
  return typeof found === 'number' ? found : null;
}

/** llama.cpp's GET /props: the window the server was started with. */
export function windowInProps(props: unknown): number | null {
  if (typeof props !== 'object' || props === null) return null;
  const p = props as { n_ctx?: unknown; default_generation_settings?: { n_ctx?: unknown } };
  const value = p.default_generation_settings?.n_ctx ?? p.n_ctx;
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
}

/** "maximum context length is 4096 tokens" (OpenAI, llama-cpp-python), "context window of 4096", "n_ctx: 4096". */
export function windowInErrorMessage(message: string): number | null {
  const match = /(?:maximum context length is|context (?:window|length) of|n_ctx(?:_slot)?\s*[:=]?)\s*(\d{3,7})/i.exec(message);
  return match?.[1] ? Number(match[1]) : null;
}
