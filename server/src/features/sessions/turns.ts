import type { ChatMessage } from '@gptlab/common';
import { modelKindOf } from '../../llm/model-kind.ts';
import type { ConversationTurn, LlmProvider, ProviderCredentials } from '../../llm/provider.ts';
import type { CondensingMode } from '../../store/records.ts';
import { condense, type CondensedTurns, type SummaryState } from '../condensing/condense.ts';
import { summaryRequestTurns } from '../condensing/summary-prompt.ts';

export interface TurnRequest {
  systemPrompt: string | null;
  messages: ChatMessage[];
  model: string;
  condensing: CondensingMode;
  summaryState: SummaryState | null;
  credentials: ProviderCredentials;
  /** The summary of the session this one carries on from, if it does. */
  carriedSummary?: string | null;
}

/** Decides what the model is sent for the next reply. */
export type TurnBuilder = (request: TurnRequest) => Promise<CondensedTurns>;

/** Failed replies with no text carry nothing the model should see again. */
export function conversationTurns(messages: ChatMessage[]): Array<ConversationTurn & { role: 'user' | 'assistant' }> {
  return messages.filter((m) => m.text).map((m) => ({ role: m.role, content: m.text }));
}

/** Condenses long threads per the assistant's mode, asking the same model for summaries. */
export function condensingTurns(provider: LlmProvider): TurnBuilder {
  return ({ systemPrompt, messages, model, condensing, summaryState, credentials, carriedSummary }) =>
    condense(
      { mode: condensing, systemPrompt: systemPrompt ?? '', messages: conversationTurns(messages), model, summaryState, contextWindow: provider.contextWindow(credentials, model), carriedSummary },
      { summarise: (turns) => collectText(provider, credentials, model, summaryRequestTurns(turns)) },
    );
}

/** The whole text of a reply the model writes to `turns`, streamed and gathered. */
export async function collectText(provider: LlmProvider, credentials: ProviderCredentials, model: string, turns: ConversationTurn[]): Promise<string> {
  let text = '';
  const request = { model, kind: modelKindOf(model), turns, signal: new AbortController().signal };
  for await (const event of provider.streamReply(credentials, request)) {
    if (event.type === 'text') text += event.text;
  }
  return text;
}

/** The recap request: the summary prompt, then the whole conversation as a transcript. */
export function summaryTurns(summaryPrompt: string, messages: ChatMessage[]): ConversationTurn[] {
  const transcript = conversationTurns(messages)
    .map((t) => `${t.role === 'user' ? 'User' : 'Assistant'}: ${t.content}`)
    .join('\n\n');
  return [
    { role: 'system', content: summaryPrompt },
    { role: 'user', content: `Here is the conversation to recap:\n\n${transcript}` },
  ];
}
