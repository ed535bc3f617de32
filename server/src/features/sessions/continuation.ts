import { failure, type Ack, type ChatMessage } from '@gptlab/common';
import type { Logger } from '../../logger.ts';
import { ProviderError, type ConversationTurn, type LlmProvider } from '../../llm/provider.ts';
import type { ContinuedFrom, SessionRecord } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';
import type { RunnableAssistant } from '../assistants/service.ts';
import { contextWindowOf } from '../condensing/context-windows.ts';
import { continuationNote, summaryNote, summaryRequestTurns } from '../condensing/summary-prompt.ts';
import { chatTokenUpperBound, tokenCounterFor } from '../condensing/token-count.ts';
import { seal } from '../identity/sealing.ts';
import type { ReplyGuard } from './reply-runner.ts';
import type { Sender } from './sender.ts';
import { readContext, readSealed, repliesIn } from './session-replies.ts';
import { toSessionSummary } from './session-view.ts';
import { Transcript } from './transcript.ts';
import { collectText, conversationTurns } from './turns.ts';

export interface ContinuationDeps {
  store: Store;
  provider: LlmProvider;
  createGuard: (prompt: string, earlierReplies?: readonly string[]) => ReplyGuard;
  logger: Logger;
}

/** The summary request may take this share of the model's window: the rest is left for the summary itself. */
const summaryInputShare = 0.5;
const noSuchSession = failure('not_found', 'The session to carry on from does not exist.');
const otherAssistant = failure('invalid_payload', 'A session carries on only with the assistant of the session it continues.');

/**
 * Carrying a conversation grown too long for its model into a new session: the old one is
 * summarised by the same path as condensing (never with the assistant's prompt in the request),
 * the summary is checked by the prompt-leak guard like any reply, and kept sealed with the user's
 * key. The model of the new session reads it as context; no tab is ever sent it.
 */
export class Continuations {
  private readonly deps: ContinuationDeps;

  constructor(deps: ContinuationDeps) {
    this.deps = deps;
  }

  async carryOn(fromSessionId: string, assistant: RunnableAssistant, sender: Sender): Promise<Ack<{ continuedFrom: ContinuedFrom }>> {
    const old = await this.deps.store.getSession(fromSessionId);
    // Someone else's session answers as an unknown one.
    if (!old || old.userId !== sender.userId) return noSuchSession;
    if (old.assistantId !== assistant.record.id) return otherAssistant;
    const { shown, everything } = await new Transcript(this.deps.store, old.id, sender.messageKey).readWithVersions();
    const turns = await this.fitted(old, withoutUnanswered(shown), sender);
    let summary: string;
    try {
      summary = (await collectText(this.deps.provider, sender.credentials, old.model, summaryRequestTurns(turns))).trim();
    } catch (err) {
      if (err instanceof ProviderError) return { ok: false, error: err.appError };
      throw err;
    }
    if (await this.leaks(summary, assistant, sender, everything)) {
      this.deps.logger.warn({ sessionId: old.id }, '[guard] summary withheld: it reproduced the prompt');
      summary = '';
    }
    const title = toSessionSummary(old, assistant.record, sender.messageKey).title;
    return { ok: true, continuedFrom: { sessionId: old.id, sealedTitle: seal(title, sender.messageKey), sealedSummary: seal(summary, sender.messageKey) } };
  }

  /** What the summary is asked of: earlier summaries first, then the newest messages that fit. */
  private async fitted(old: SessionRecord, messages: ChatMessage[], sender: Sender): Promise<ConversationTurn[]> {
    const carried = readSealed(old.continuedFrom?.sealedSummary ?? null, sender.messageKey);
    const condensed = readContext(old.sealedContext, sender.messageKey);
    const notes = [...(carried ? [continuationNote(carried)] : []), ...(condensed ? [summaryNote(condensed.summary)] : [])];
    // A condensed summary counts the turns condensing saw: the messages with text.
    const turns = conversationTurns(messages);
    const recent = condensed && condensed.coversMessageCount <= turns.length ? turns.slice(condensed.coversMessageCount) : turns;
    const budget = contextWindowOf(old.model, this.deps.provider.contextWindow(sender.credentials, old.model)) * summaryInputShare;
    if (chatTokenUpperBound(summaryRequestTurns([...notes, ...recent])) <= budget) return [...notes, ...recent];
    // Counted one message at a time from the newest, so a long session is tokenized once: the
    // newest messages say most about where the conversation stood, the oldest are left out.
    const counter = await tokenCounterFor(old.model);
    let used = counter.countChat(summaryRequestTurns(notes));
    let start = recent.length;
    while (start > 0) {
      const cost = counter.countChat([recent[start - 1]!]);
      if (used + cost > budget && start < recent.length) break;
      used += cost;
      start--;
    }
    return [...notes, ...recent.slice(start)];
  }

  /** Judged as a reply to a non-owner would be, with everything the old session's tabs were shown. */
  private async leaks(summary: string, assistant: RunnableAssistant, sender: Sender, everything: ChatMessage[]): Promise<boolean> {
    if (!summary || !assistant.prompt || assistant.record.ownerId === sender.userId) return false;
    const guard = this.deps.createGuard(assistant.prompt, repliesIn(everything));
    return guard.push(summary) === 'leak' || guard.finish() === 'leak' || (await guard.settle?.()) === 'leak';
  }
}

/**
 * The question the model could not answer goes to the new session's composer, not into the
 * summary: it is dropped with any failed reply after it.
 */
export function withoutUnanswered(messages: readonly ChatMessage[]): ChatMessage[] {
  const kept = [...messages];
  while (kept.at(-1)?.role === 'assistant' && (kept.at(-1)?.status === 'failed' || !kept.at(-1)?.text)) kept.pop();
  if (kept.at(-1)?.role === 'user') kept.pop();
  return kept;
}
