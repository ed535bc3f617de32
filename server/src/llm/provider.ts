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

export interface ReplyRequest {
  model: string;
  kind: ModelKind;
  turns: ConversationTurn[];
  signal: AbortSignal;
}

export type ReplyEvent = { type: 'text'; text: string } | { type: 'usage'; usage: TokenUsage };

/** An expected provider failure, already translated into words a user can act on. */
export class ProviderError extends Error {
  readonly appError: AppError;
  constructor(appError: AppError) {
    super(appError.message);
    this.name = 'ProviderError';
    this.appError = appError;
  }
}

/** The one interface features use to reach a model, whatever endpoint serves it. */
export interface LlmProvider {
  listModels(credentials: ProviderCredentials): Promise<ModelInfo[]>;
  /** Yields reply text as it arrives; throws ProviderError; ends quietly when `signal` aborts. */
  streamReply(credentials: ProviderCredentials, request: ReplyRequest): AsyncIterable<ReplyEvent>;
}
