import { failure, type Ack, type SendMessage, type SessionSummary, type StartSession } from '@gptlab/common';
import type { LlmProvider } from '../../llm/provider.ts';
import type { Logger } from '../../logger.ts';
import type { ContinuedFrom, SessionRecord } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';
import type { LiveActivity } from '../assistants/activity.ts';
import type { Refusal } from '../limits/service.ts';
import { missing, type AssistantHandle, type AssistantService, type RunnableAssistant } from '../assistants/service.ts';
import { seal } from '../identity/sealing.ts';
import { sessionNotFound } from './history.ts';
import type { Continuations } from './continuation.ts';
import type { SessionBroadcaster } from './reply-events.ts';
import type { ReplyRunner } from './reply-runner.ts';
import { runnerOf, type Sender } from './sender.ts';
import type { SessionReplies } from './session-replies.ts';
import { newSessionRecord } from './session-record.ts';
import { toSessionSummary } from './session-view.ts';
import { Transcript } from './transcript.ts';
import { moderationRefusal, runTurn, startTurn, type TurnPlan, type TurnStart } from './turn.ts';

export type { Sender } from './sender.ts';

export interface SessionServiceDeps {
  store: Store;
  provider: LlmProvider;
  assistants: AssistantService;
  runner: ReplyRunner;
  activity: LiveActivity;
  broadcaster: SessionBroadcaster;
  replies: SessionReplies;
  continuations: Continuations;
  defaultModel: string;
  logger: Logger;
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
export const openGate: Gate = { admit: () => Promise.resolve(null), enter: () => Promise.resolve() };

const previewLength = 120;
/** A reply is named after the message it answers, so a resent message finds its reply again. */
export const replyIdFor = (clientMessageId: string) => `${clientMessageId}.reply`;
const openingReplyId = (sessionId: string) => `${sessionId}.opening`;
export const busy = failure('busy', 'A reply is still being written. Wait for it or stop it first.');
const badStarter = failure('invalid_payload', 'That is not one of this assistant\'s conversation starters.');
export const ended = failure('session_ended', 'This session has ended. Start a new one to keep talking.');

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
    const refusal = input.starter ? await moderationRefusal(this.deps.provider, sender.credentials, input.starter) : null;
    if (refusal) return refusal;
    const carried = input.continueFrom ? await this.deps.continuations.carryOn(input.continueFrom, assistant, sender) : null;
    if (carried && !carried.ok) return carried;
    const session = await this.createSession(input.sessionId, sender, assistant, input.starter ?? null, carried?.continuedFrom ?? null);
    const summary = toSessionSummary(session, assistant.record, sender.messageKey);
    if (input.starter) {
      const sent = await this.#sendTo(session, { sessionId: session.id, clientMessageId: input.sessionId, text: input.starter }, sender, gate);
      return sent.ok ? { ok: true, session: summary, replyId: sent.replyId } : sent;
    }
    const began = await this.#begin(this.#openingTurn(session, assistant, sender, gate));
    if (began.type === 'refused') return { ok: false, error: began.error };
    if (began.type === 'taken') return busy;
    return { ok: true, session: summary, replyId: openingReplyId(session.id) };
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
    const accepted = { messageId: input.clientMessageId, replyId: replyIdFor(input.clientMessageId) };
    if (session?.endedAt) return ended;
    const began = await this.#begin(this.#messageTurn(session, input, sender, gate));
    if (began.type === 'refused') return { ok: false, error: began.error };
    if (began.type === 'taken') {
      // The same message sent again while its reply is still being written: answered as the first time.
      if ((await this.deps.runner.currentReplyId(input.sessionId)) !== accepted.replyId) return busy;
      if (session) await gate.enter();
    }
    return { ok: true, ...accepted };
  }

  /** A user's message and the reply to it; the session is created (a plain chat) if it is new. */
  #messageTurn(session: SessionRecord | null, input: SendMessage, sender: Sender, gate: Gate): TurnPlan {
    let assistant: RunnableAssistant | null = null;
    let current = session;
    const place = { replyId: replyIdFor(input.clientMessageId), parentId: input.clientMessageId };
    return {
      reply: { sessionId: input.sessionId, replyId: place.replyId, kind: 'reply' },
      credentials: sender.credentials,
      userText: input.text,
      check: async () => {
        const found = await this.deps.replies.assistantFor(session, sender);
        if (!found.ok) return found;
        assistant = found.assistant;
        return null;
      },
      begin: async () => {
        current ??= await this.createPlainSession(input, sender);
        await gate.enter();
        if (!(await this.storeUserMessage(input, sender))) return false;
        if (!current.sealedPreview) await this.deps.store.updateSession(current.id, { sealedPreview: seal(input.text.slice(0, previewLength), sender.messageKey) });
        if (assistant) this.deps.activity.touch(assistant.record, current.id);
        return true;
      },
      prepare: () => this.deps.replies.prepare(required(current), assistant, sender, place),
      persist: (outcome) => this.deps.replies.persist(required(current), sender, place, outcome),
    };
  }

  /** An assistant's greeting, written before the user has said anything. */
  #openingTurn(session: SessionRecord, assistant: RunnableAssistant, sender: Sender, gate: Gate): TurnPlan {
    const place = { replyId: openingReplyId(session.id), parentId: null };
    return {
      reply: { sessionId: session.id, replyId: place.replyId, kind: 'reply' },
      credentials: sender.credentials,
      begin: async () => {
        await gate.enter();
        this.deps.activity.touch(assistant.record, session.id);
        return true;
      },
      prepare: () => this.deps.replies.prepare(session, assistant, sender, place),
      persist: (outcome) => this.deps.replies.persist(session, sender, place, outcome),
    };
  }

  #begin(plan: TurnPlan): Promise<TurnStart> {
    const { runner, provider, logger } = this.deps;
    return startTurn(runTurn({ runner, provider }, plan), (err) => logger.error({ err, sessionId: plan.reply.sessionId }, '[sessions] a reply did not wind up'));
  }

  /** Stored after the last message shown, which may not be the last one stored (another version is shown). */
  private async storeUserMessage(input: SendMessage, sender: Sender): Promise<boolean> {
    const transcript = new Transcript(this.deps.store, input.sessionId, sender.messageKey);
    const parentId = await transcript.lastShownId();
    const { message, created } = await transcript.append({ messageId: input.clientMessageId, parentId, role: 'user', text: input.text, status: 'complete' });
    if (created) this.deps.broadcaster.messageAdded({ sessionId: input.sessionId, message });
    return created;
  }

  private async createSession(id: string, sender: Sender, assistant: RunnableAssistant, firstWords: string | null, continuedFrom: ContinuedFrom | null): Promise<SessionRecord> {
    const session = { ...this.newSessionRecord(id, sender, assistant.record.id, assistant.record.settings.model, firstWords), continuedFrom };
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
    const sealedPreview = firstWords ? seal(firstWords.slice(0, previewLength), sender.messageKey) : null;
    return newSessionRecord({ id, userId: sender.userId, assistantId, model, sealedPreview });
  }
}

/** Set by the turn's begin step before any later step reads it. */
function required<T>(value: T | null): T {
  if (value === null) throw new Error('a turn step ran before the one that sets what it needs');
  return value;
}

function handleOf(input: StartSession): AssistantHandle {
  return input.code ? { code: input.code } : { id: input.assistantId ?? '' };
}
