import { failure, type Ack, type ChatMessage, type SendMessage, type SessionSummary, type StartSession } from '@gptlab/common';
import type { LlmProvider, ProviderCredentials } from '../../llm/provider.ts';
import type { SessionRecord } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';
import type { LiveActivity } from '../assistants/activity.ts';
import type { Refusal } from '../limits/service.ts';
import { missing, type AssistantHandle, type AssistantService, type Runner, type RunnableAssistant } from '../assistants/service.ts';
import type { SummaryState } from '../condensing/condense.ts';
import { seal, unseal } from '../identity/sealing.ts';
import { sessionNotFound } from './history.ts';
import type { SessionBroadcaster } from './reply-events.ts';
import type { HoldBack, ReplyGuard, ReplyRunner } from './reply-runner.ts';
import { samplingFor } from './sampling.ts';
import { toSessionSummary } from './session-view.ts';
import { Transcript } from './transcript.ts';
import type { TurnBuilder } from './turns.ts';

export interface SessionServiceDeps {
  store: Store;
  provider: LlmProvider;
  assistants: AssistantService;
  runner: ReplyRunner;
  activity: LiveActivity;
  broadcaster: SessionBroadcaster;
  buildTurns: TurnBuilder;
  /** `earlierReplies`: what the session's tabs received before; the guard adds this reply to it. */
  createGuard: (prompt: string, earlierReplies?: readonly string[]) => ReplyGuard;
  createHoldBack: (prompt: string) => HoldBack;
  defaultModel: string;
}

export interface Sender {
  userId: string;
  messageKey: Uint8Array;
  credentials: ProviderCredentials;
}

type Accepted = { messageId: string; replyId: string };

/**
 * What the transport decides around a request. `admit` is asked once the session is known to be
 * the sender's or unused (`isNew`), before anything is written: the rate limits. `enter` runs only
 * once every check has passed and the session is the sender's, before its first event is sent: the
 * tab joins the session's room then, so a refused request leaves it in no new room.
 */
export interface Gate {
  admit(isNew: boolean): Promise<Refusal | null>;
  enter(): Promise<void>;
}
const openGate: Gate = { admit: () => Promise.resolve(null), enter: () => Promise.resolve() };

type Prepared = { ok: true; assistant: RunnableAssistant | null } | Refusal;

const previewLength = 120;
/** A reply is named after the message it answers, so a resent message finds its reply again. */
const replyIdFor = (clientMessageId: string) => `${clientMessageId}.reply`;
const openingReplyId = (sessionId: string) => `${sessionId}.opening`;
const busy = failure('busy', 'A reply is still being written. Wait for it or stop it first.');
const restarting = failure('provider_unavailable', 'This server is restarting. Your tab reconnects in a moment; send again then.');
const badStarter = failure('invalid_payload', 'That is not one of this assistant\'s conversation starters.');
const assistantGone = failure('not_found', 'Its owner deleted this assistant. The session stays readable, but it takes no new messages.');
const ended = failure('session_ended', 'This session has ended. Start a new one to keep talking.');

/** Chat sessions: start, messages in, replies out, one reply at a time per session. */
export class SessionService {
  private readonly deps: SessionServiceDeps;

  constructor(deps: SessionServiceDeps) {
    this.deps = deps;
  }

  /**
   * Creates the session and starts its first reply; a retried start returns the same session. The
   * assistant is named by its code (or, for its owner, its id). An unused session id is claimed by
   * whoever writes to it first; someone else's answers like an unknown one.
   */
  async start(input: StartSession, sender: Sender, gate = openGate): Promise<Ack<{ session: SessionSummary; replyId: string }>> {
    const { store, assistants } = this.deps;
    const existing = await store.getSession(input.sessionId);
    if (existing) return existing.userId === sender.userId ? this.#startedAgain(existing, input, sender, gate) : sessionNotFound;
    const record = await assistants.resolve(handleOf(input), sender.userId);
    if (!record || record.deletedAt) return missing;
    if (input.starter && !record.starters.includes(input.starter)) return badStarter;
    const loaded = assistants.openForRun(record, runnerOf(sender));
    if (!loaded.ok) return loaded;
    const { assistant } = loaded;
    const admission = await gate.admit(true);
    if (admission) return admission;
    // Checked before the session exists, so a refused starter leaves nothing behind.
    const refusal = input.starter ? await this.moderate(input.starter, sender) : null;
    if (refusal) return refusal;
    const session = await this.createSession(input.sessionId, sender, assistant, input.starter ?? null);
    const summary = toSessionSummary(session, assistant.record, sender.messageKey);
    if (input.starter) {
      const sent = await this.#sendTo(session, { sessionId: session.id, clientMessageId: input.sessionId, text: input.starter }, sender, gate);
      return sent.ok ? { ok: true, session: summary, replyId: sent.replyId } : sent;
    }
    const replyId = openingReplyId(session.id);
    if (!(await this.deps.runner.claim({ sessionId: session.id, replyId, kind: 'reply' }))) return busy;
    await gate.enter();
    this.deps.activity.touch(assistant.record, session.id);
    void this.reply(session, assistant, sender, replyId);
    return { ok: true, session: summary, replyId };
  }

  /** A start retried after its answer was lost: the session as it is, and the reply it began. */
  async #startedAgain(session: SessionRecord, input: StartSession, sender: Sender, gate: Gate): Promise<Ack<{ session: SessionSummary; replyId: string }>> {
    const assistant = session.assistantId ? await this.deps.store.getAssistant(session.assistantId) : null;
    await gate.enter();
    const replyId = input.starter ? replyIdFor(input.sessionId) : openingReplyId(input.sessionId);
    return { ok: true, session: toSessionSummary(session, assistant, sender.messageKey), replyId };
  }

  /** Resolves once the message is stored; the reply streams on afterwards. */
  async send(input: SendMessage, sender: Sender, gate = openGate): Promise<Ack<Accepted>> {
    const session = await this.deps.store.getSession(input.sessionId);
    if (session && session.userId !== sender.userId) return sessionNotFound;
    return (await gate.admit(!session)) ?? this.#sendTo(session, input, sender, gate);
  }

  /** `session` is the sender's, or null for an unused id. */
  async #sendTo(session: SessionRecord | null, input: SendMessage, sender: Sender, gate: Gate): Promise<Ack<Accepted>> {
    const { runner, store } = this.deps;
    const accepted = { messageId: input.clientMessageId, replyId: replyIdFor(input.clientMessageId) };
    if (session?.endedAt) return ended;
    if (runner.isDraining) return restarting;
    if (!(await runner.claim({ sessionId: input.sessionId, replyId: accepted.replyId, kind: 'reply' }))) {
      if ((await runner.currentReplyId(input.sessionId)) !== accepted.replyId) return busy;
      if (session) await gate.enter();
      return { ok: true, ...accepted };
    }
    try {
      const prepared = await this.#prepare(session, input, sender);
      if (!prepared.ok) {
        await runner.release(input.sessionId);
        return prepared;
      }
      const current = session ?? (await this.createPlainSession(input, sender));
      await gate.enter();
      const fresh = await this.storeUserMessage(input, sender);
      if (!fresh) {
        await runner.release(input.sessionId);
        return { ok: true, ...accepted };
      }
      if (!current.sealedPreview) await store.updateSession(current.id, { sealedPreview: seal(input.text.slice(0, previewLength), sender.messageKey) });
      const { assistant } = prepared;
      if (assistant) this.deps.activity.touch(assistant.record, current.id);
      void this.reply(current, assistant, sender, accepted.replyId);
      return { ok: true, ...accepted };
    } catch (err) {
      await runner.release(input.sessionId);
      throw err;
    }
  }

  /** Everything that may refuse a message, checked before anything of it is written. */
  async #prepare(session: SessionRecord | null, input: SendMessage, sender: Sender): Promise<Prepared> {
    const loaded = session?.assistantId ? await this.deps.assistants.loadForRun(session.assistantId, runnerOf(sender)) : null;
    if (loaded && !loaded.ok) return loaded.error.code === 'not_found' ? assistantGone : loaded;
    if (loaded?.assistant.record.deletedAt) return assistantGone;
    return (await this.moderate(input.text, sender)) ?? { ok: true, assistant: loaded?.assistant ?? null };
  }

  private async moderate(text: string, sender: Sender): Promise<Refusal | null> {
    const verdict = await this.deps.provider.moderate(sender.credentials, text).catch(() => null);
    if (!verdict?.flagged) return null;
    const reason = verdict.categories.length ? ` (${verdict.categories.join(', ')})` : '';
    return failure('moderation_flagged', `Your provider's moderation flagged this message${reason}, so it was not sent. Rephrase it and try again.`);
  }

  private async storeUserMessage(input: SendMessage, sender: Sender): Promise<boolean> {
    const transcript = new Transcript(this.deps.store, input.sessionId, sender.messageKey);
    const { message, created } = await transcript.append({ messageId: input.clientMessageId, role: 'user', text: input.text, status: 'complete' });
    if (created) this.deps.broadcaster.messageAdded({ sessionId: input.sessionId, message });
    return created;
  }

  private async reply(session: SessionRecord, assistant: RunnableAssistant | null, sender: Sender, replyId: string): Promise<void> {
    const { store, runner } = this.deps;
    const transcript = new Transcript(store, session.id, sender.messageKey);
    const systemPrompt = assistant?.prompt ?? null;
    const base = { sessionId: session.id, replyId, kind: 'reply' as const, model: session.model, credentials: sender.credentials };
    try {
      const messages = await transcript.read();
      const condensing = assistant?.record.condensing ?? 'rolling';
      const summaryState = readContext(session.sealedContext, sender.messageKey);
      const condensed = await this.deps.buildTurns({ systemPrompt, messages, model: session.model, condensing, summaryState, credentials: sender.credentials });
      if (condensed.summarised) await store.updateSession(session.id, { sealedContext: seal(JSON.stringify(condensed.summaryState), sender.messageKey) });
      const turns = condensed.turns;
      const guard = systemPrompt ? this.deps.createGuard(systemPrompt, repliesIn(messages)) : undefined;
      // The assistant's owner may read its prompt: their tabs get every word as it comes.
      const holdBack = systemPrompt && assistant?.record.ownerId !== sender.userId ? this.deps.createHoldBack(systemPrompt) : undefined;
      const sampling = await samplingFor(session.model, turns, assistant?.record.settings ?? {}, this.deps.provider.contextWindow(sender.credentials, session.model));
      const checkpoint = (textSoFar: string) => transcript.write({ messageId: replyId, role: 'assistant', text: textSoFar, status: 'writing', model: session.model });
      await runner.run({ ...base, turns, guard, holdBack, sampling, checkpoint }, async (outcome) => {
        // A failed reply is stored even without text, so a reloaded page still shows it failed.
        if (outcome.text || outcome.status === 'failed' || outcome.status === 'interrupted') await transcript.write({ messageId: replyId, role: 'assistant', text: outcome.text, status: outcome.status, model: session.model, errorCode: outcome.error?.code });
        if (outcome.usage) await store.addSessionUsage(session.id, outcome.usage.promptTokens, outcome.usage.completionTokens);
      });
    } catch (err) {
      await runner.abandon(base, err);
    }
  }

  private async createSession(id: string, sender: Sender, assistant: RunnableAssistant, firstWords: string | null): Promise<SessionRecord> {
    const session = this.newSessionRecord(id, sender, assistant.record.id, assistant.record.settings.model, firstWords);
    await this.deps.store.createSession(session);
    await this.deps.store.incrementSessionCount(assistant.record.id);
    return session;
  }

  private async createPlainSession(input: SendMessage, sender: Sender): Promise<SessionRecord> {
    const session = this.newSessionRecord(input.sessionId, sender, null, input.model ?? this.deps.defaultModel, input.text);
    await this.deps.store.createSession(session);
    return session;
  }

  /** `firstWords` is null until the user says something: the assistant's greeting is no preview. */
  private newSessionRecord(id: string, sender: Sender, assistantId: string | null, model: string, firstWords: string | null): SessionRecord {
    const now = new Date();
    return {
      id,
      userId: sender.userId,
      assistantId,
      model,
      sealedPreview: firstWords ? seal(firstWords.slice(0, previewLength), sender.messageKey) : null,
      sealedSummary: null,
      sealedTitle: null,
      sealedContext: null,
      rating: null,
      usage: { promptTokens: 0, completionTokens: 0 },
      createdAt: now,
      updatedAt: now,
      endedAt: null,
    };
  }
}

/** What the session's tabs were shown before: a prompt given away piece by piece adds up. */
export function repliesIn(messages: readonly ChatMessage[]): string[] {
  return messages.filter((m) => m.role === 'assistant').map((m) => m.text);
}

function handleOf(input: StartSession): AssistantHandle {
  return input.code ? { code: input.code } : { id: input.assistantId ?? '' };
}

export function runnerOf(sender: Sender): Runner {
  return { userId: sender.userId, baseUrl: sender.credentials.baseUrl };
}

/** The stored condensed context, or null to start over if it cannot be read. */
function readContext(sealed: string | null, messageKey: Uint8Array): SummaryState | null {
  if (!sealed) return null;
  try {
    return JSON.parse(unseal(sealed, messageKey)) as SummaryState;
  } catch {
    return null;
  }
}
