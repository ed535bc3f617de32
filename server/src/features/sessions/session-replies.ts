import type { ChatMessage } from '@gptlab/common';
import type { LlmProvider } from '../../llm/provider.ts';
import type { SessionRecord } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';
import type { AssistantService, RunnableAssistant } from '../assistants/service.ts';
import type { SummaryState } from '../condensing/condense.ts';
import { seal, unseal } from '../identity/sealing.ts';
import { failure } from '@gptlab/common';
import type { Refusal } from '../limits/service.ts';
import type { HoldBack, ReplyGuard, ReplyOutcome } from './reply-runner.ts';
import { samplingFor } from './sampling.ts';
import { runnerOf, type Sender } from './sender.ts';
import { Transcript } from './transcript.ts';
import type { PreparedReply } from './turn.ts';
import type { TurnBuilder } from './turns.ts';

export interface SessionRepliesDeps {
  store: Store;
  provider: LlmProvider;
  assistants: AssistantService;
  buildTurns: TurnBuilder;
  /** `earlierReplies`: what the session's tabs received before; the guard adds this reply to it. */
  createGuard: (prompt: string, earlierReplies?: readonly string[]) => ReplyGuard;
  createHoldBack: (prompt: string) => HoldBack;
}

/** Which reply of the session: its id and the message it answers (null for a greeting). */
export interface ReplyPlace {
  replyId: string;
  parentId: string | null;
}

const assistantGone = failure('not_found', 'Its owner deleted this assistant. The session stays readable, but it takes no new messages.');

/** What every reply of a chat session needs, whatever asked for it: a message, an edit, a regenerate. */
export class SessionReplies {
  private readonly deps: SessionRepliesDeps;

  constructor(deps: SessionRepliesDeps) {
    this.deps = deps;
  }

  /** The session's assistant as it is now, null for a plain chat; refused if its owner deleted it. */
  async assistantFor(session: SessionRecord | null, sender: Sender): Promise<{ ok: true; assistant: RunnableAssistant | null } | Refusal> {
    const loaded = session?.assistantId ? await this.deps.assistants.loadForRun(session.assistantId, runnerOf(sender)) : null;
    if (loaded && !loaded.ok) return loaded.error.code === 'not_found' ? assistantGone : loaded;
    if (loaded?.assistant.record.deletedAt) return assistantGone;
    return { ok: true, assistant: loaded?.assistant ?? null };
  }

  /** What the model is sent: the conversation shown, condensed; guarded unless the sender owns the prompt. */
  async prepare(session: SessionRecord, assistant: RunnableAssistant | null, sender: Sender, place: ReplyPlace): Promise<PreparedReply> {
    const { store } = this.deps;
    const transcript = new Transcript(store, session.id, sender.messageKey);
    const systemPrompt = assistant?.prompt ?? null;
    const { shown, everything } = await transcript.readWithVersions();
    const condensing = assistant?.record.condensing ?? 'rolling';
    const summaryState = readContext(session.sealedContext, sender.messageKey);
    const carriedSummary = readSealed(session.continuedFrom?.sealedSummary ?? null, sender.messageKey);
    const condensed = await this.deps.buildTurns({ systemPrompt, messages: shown, model: session.model, condensing, summaryState, credentials: sender.credentials, carriedSummary });
    if (condensed.summarised) await store.updateSession(session.id, { sealedContext: seal(JSON.stringify(condensed.summaryState), sender.messageKey) });
    const { turns } = condensed;
    // Earlier versions count too: the session's tabs were shown them.
    const guard = systemPrompt ? this.deps.createGuard(systemPrompt, repliesIn(everything)) : undefined;
    // The assistant's owner may read its prompt: their tabs get every word as it comes.
    const holdBack = systemPrompt && assistant?.record.ownerId !== sender.userId ? this.deps.createHoldBack(systemPrompt) : undefined;
    const sampling = await samplingFor(session.model, turns, assistant?.record.settings ?? {}, this.deps.provider.contextWindow(sender.credentials, session.model));
    const checkpoint = (textSoFar: string) => transcript.write({ messageId: place.replyId, parentId: place.parentId, role: 'assistant', text: textSoFar, status: 'writing', model: session.model });
    return { model: session.model, turns, guard, holdBack, sampling, checkpoint };
  }

  async persist(session: SessionRecord, sender: Sender, place: ReplyPlace, outcome: ReplyOutcome): Promise<void> {
    const transcript = new Transcript(this.deps.store, session.id, sender.messageKey);
    // A failed reply is stored even without text, so a reloaded page still shows it failed.
    if (outcome.text || outcome.status === 'failed' || outcome.status === 'interrupted') {
      await transcript.write({ messageId: place.replyId, parentId: place.parentId, role: 'assistant', text: outcome.text, status: outcome.status, model: session.model, errorCode: outcome.error?.code, ...(outcome.retracted ? { withdrawn: true } : {}) });
    }
    if (outcome.usage) await this.deps.store.addSessionUsage(session.id, outcome.usage.promptTokens, outcome.usage.completionTokens);
  }
}

/** What the session's tabs were shown before: a prompt given away piece by piece adds up. */
export function repliesIn(messages: readonly ChatMessage[]): string[] {
  return messages.filter((m) => m.role === 'assistant').map((m) => m.text);
}

/** The stored condensed context, or null to start over if it cannot be read. */
export function readContext(sealed: string | null, messageKey: Uint8Array): SummaryState | null {
  const text = readSealed(sealed, messageKey);
  if (text === null) return null;
  try {
    return JSON.parse(text) as SummaryState;
  } catch {
    return null;
  }
}

/** What the model is given as context: nothing rather than garbage when a record cannot be opened. */
export function readSealed(sealed: string | null, messageKey: Uint8Array): string | null {
  if (!sealed) return null;
  try {
    return unseal(sealed, messageKey);
  } catch {
    return null;
  }
}
