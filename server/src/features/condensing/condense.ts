import type { ConversationTurn } from '../../llm/provider.ts';
import { contextWindowOf } from './context-windows.ts';
import { continuationNote, summaryNote } from './summary-prompt.ts';
import { chatTokenUpperBound, tokenCounterFor } from './token-count.ts';

export type CondensingMode = 'rolling' | 'summarize';

export interface ThreadMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** What a session stores between turns: the summary replaces its first `coversMessageCount` messages. */
export interface SummaryState {
  summary: string;
  coversMessageCount: number;
}

export interface CondenseInput {
  mode: CondensingMode;
  systemPrompt: string;
  /** The whole stored thread, oldest first, ending with the message being replied to. */
  messages: readonly ThreadMessage[];
  model: string;
  /** Only read in summarize mode. */
  summaryState: SummaryState | null;
  /** The window the provider stated for the model, if it did. */
  contextWindow?: number | null;
  /** A summary of the session this one carries on from: always sent, in either mode. */
  carriedSummary?: string | null;
}

export interface CondenseDeps {
  /** Returns a summary of `turns` (an earlier summary note, then messages); see summaryRequestTurns. */
  summarise(turns: ConversationTurn[]): Promise<string>;
}

export interface CondensedTurns {
  /** What to send to the model for the next reply. */
  turns: ConversationTurn[];
  /** What the session should store now (unchanged unless `summarised`). */
  summaryState: SummaryState | null;
  summarised: boolean;
}

export const rollingMessageCount = 20;
export const summaryTriggerShare = 0.6;
export const messagesKeptAfterSummary = 4;

/** Decides what the model sees for the next reply, summarising older messages when they no longer fit. */
export async function condense(input: CondenseInput, deps: CondenseDeps): Promise<CondensedTurns> {
  if (input.mode === 'rolling') {
    const turns = assembleTurns(input, null, input.messages.slice(-rollingMessageCount));
    return { turns, summaryState: input.summaryState, summarised: false };
  }
  return condenseBySummary(input, deps);
}

async function condenseBySummary(input: CondenseInput, deps: CondenseDeps): Promise<CondensedTurns> {
  const { messages, model } = input;
  const state = usableSummaryState(input.summaryState, messages.length);
  const covered = state?.coversMessageCount ?? 0;
  const current = assembleTurns(input, state, messages.slice(covered));
  const budget = contextWindowOf(model, input.contextWindow) * summaryTriggerShare;
  const fits = chatTokenUpperBound(current) <= budget || (await tokenCounterFor(model)).countChat(current) <= budget;
  // With only the kept messages left uncovered there is nothing older to fold in; send as is and let
  // the provider's context-length error reach the user if even that is too long.
  if (fits || messages.length - covered <= messagesKeptAfterSummary) {
    return { turns: current, summaryState: state, summarised: false };
  }

  const coversMessageCount = messages.length - messagesKeptAfterSummary;
  const older = messages.slice(covered, coversMessageCount).map(asTurn);
  const summary = await deps.summarise(state ? [summaryNote(state.summary), ...older] : older);
  const next: SummaryState = { summary: summary.trim(), coversMessageCount };
  const turns = assembleTurns(input, next, messages.slice(coversMessageCount));
  return { turns, summaryState: next, summarised: true };
}

/** A summary claiming more messages than the thread has belongs to some other thread: start over. */
function usableSummaryState(state: SummaryState | null, messageCount: number): SummaryState | null {
  if (!state || state.coversMessageCount < 1 || state.coversMessageCount > messageCount) return null;
  return state;
}

function assembleTurns(
  { systemPrompt, carriedSummary }: Pick<CondenseInput, 'systemPrompt' | 'carriedSummary'>,
  state: SummaryState | null,
  recent: readonly ThreadMessage[],
): ConversationTurn[] {
  // An empty system message costs tokens and tells the model nothing.
  const system: ConversationTurn[] = systemPrompt ? [{ role: 'system', content: systemPrompt }] : [];
  const carried = carriedSummary ? [continuationNote(carriedSummary)] : [];
  const note = state ? [summaryNote(state.summary)] : [];
  return [...system, ...carried, ...note, ...recent.map(asTurn)];
}

/** Copies only role and content, so no stored field (ids, timestamps) travels to the provider. */
function asTurn(message: ThreadMessage): ConversationTurn {
  return { role: message.role, content: message.content };
}
