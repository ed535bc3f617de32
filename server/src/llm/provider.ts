import type { AppError, ModelInfo, ModelKind, TokenUsage } from '@gptlab/common';

/** Whose account a call runs on. Lives only in memory, for as long as the socket that carries it. */
export interface ProviderCredentials {
  apiKey: string;
  baseUrl: string;
}

export interface ConversationTurn {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** An assistant's sampling settings; each one left out is the provider's default. */
export interface Sampling {
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
}

export interface ReplyRequest {
  model: string;
  kind: ModelKind;
  turns: ConversationTurn[];
  sampling?: Sampling;
  signal: AbortSignal;
}

/** `truncated`: the provider stopped the reply at max tokens (finish_reason `length`). */
export type ReplyEvent = { type: 'text'; text: string } | { type: 'usage'; usage: TokenUsage } | { type: 'truncated' };

/** An expected provider failure, already translated into words a user can act on. */
export class ProviderError extends Error {
  readonly appError: AppError;
  constructor(appError: AppError) {
    super(appError.message);
    this.name = 'ProviderError';
    this.appError = appError;
  }
}

export interface ModerationVerdict {
  flagged: boolean;
  categories: string[];
}

/** The one interface features use to reach a model, whatever endpoint serves it. */
export interface LlmProvider {
  listModels(credentials: ProviderCredentials): Promise<ModelInfo[]>;
  /** Null when the provider has no moderation endpoint (most self-hosted servers): not an error. */
  moderate(credentials: ProviderCredentials, text: string): Promise<ModerationVerdict | null>;
  /** The model's context window as this provider stated it (model list, /props, a context error); null if it never did. */
  contextWindow(credentials: ProviderCredentials, model: string): number | null;
  /** Yields reply text as it arrives; throws ProviderError; ends quietly when `signal` aborts. */
  streamReply(credentials: ProviderCredentials, request: ReplyRequest): AsyncIterable<ReplyEvent>;
}
