import { setTimeout as sleep } from 'node:timers/promises';
import { failure, type Ack, type ChatMessage, type SessionSummary } from '@gptlab/common';
import type { SessionPatch, Store } from '../../store/store.ts';
import type { LiveActivity } from '../assistants/activity.ts';
import type { AssistantService } from '../assistants/service.ts';
import { defaultSummaryPrompt } from '../assistants/examples.ts';
import { seal } from '../identity/sealing.ts';
import { sessionNotFound } from './history.ts';
import type { SessionBroadcaster } from './reply-events.ts';
import type { HoldBack, ReplyGuard, ReplyJob, ReplyRunner } from './reply-runner.ts';
import type { ReplyClaim } from './reply-claim.ts';
import { runTurn, startTurn, type TurnPlan } from './turn.ts';
import type { LlmProvider } from '../../llm/provider.ts';
import type { Logger } from '../../logger.ts';
import type { AssistantRecord, SessionRecord } from '../../store/records.ts';
import { runnerOf, type Sender } from './sender.ts';
import { repliesIn } from './session-replies.ts';
import { describeSessions } from './session-view.ts';
import { Transcript } from './transcript.ts';
import { summaryTurns } from './turns.ts';

export interface SessionControlsDeps {
  store: Store;
  provider: LlmProvider;
  logger: Logger;
  assistants: AssistantService;
  runner: ReplyRunner;
  activity: LiveActivity;
  broadcaster: SessionBroadcaster;
  /** `earlierReplies`: what the session's tabs received before; the guard adds this reply to it. */
  createGuard: (prompt: string, earlierReplies?: readonly string[]) => ReplyGuard;
  createHoldBack: (prompt: string) => HoldBack;
}

/**
 * What a withdrawn recap is stored as: the session still ends. The words confirm nothing about the
 * assistant's instructions (saying it "repeated" them would tell a stranger there was something to find).
 */
export const withheldRecap = 'The recap was withheld and is not available for this session. Your messages are kept above.';

const minimumExchangesToEnd = 1;
/** How long a delete waits for a reply it stopped to be stored and let go of the session, and how often it looks. */
const stopWaitMs = 5_000;
const stopPollMs = 50;
const stillWriting = failure('busy', 'A reply is still being written and did not stop in time, so nothing was deleted. Try again in a moment.');

/** What a user does to a session besides talking: stop a reply, end with a recap, rate, switch model, rename, delete. */
export class SessionControls {
  private readonly deps: SessionControlsDeps;

  constructor(deps: SessionControlsDeps) {
    this.deps = deps;
  }

  async stop(sessionId: string, userId: string): Promise<Ack<{ stopped: boolean }>> {
    const session = await this.deps.store.getSession(sessionId);
    if (!session || session.userId !== userId) return sessionNotFound;
    return { ok: true, stopped: await this.deps.runner.stop(sessionId) };
  }

  /** Streams a recap as a 'summary' reply, stores it sealed, and marks the session ended. */
  async end(sessionId: string, sender: Sender): Promise<Ack<{ replyId: string }>> {
    const { store } = this.deps;
    const session = await store.getSession(sessionId);
    if (!session || session.userId !== sender.userId) return sessionNotFound;
    if (session.endedAt) return failure('session_ended', 'This session has already ended.');
    const transcript = new Transcript(store, sessionId, sender.messageKey);
    const messages = await transcript.read();
    if (messages.filter((m) => m.role === 'user').length < minimumExchangesToEnd) {
      return failure('invalid_payload', 'Say something first: there is nothing to recap yet.');
    }
    const { runner, provider, logger } = this.deps;
    const recap = this.#recapTurn(session, messages, sender);
    const began = await startTurn(runTurn({ runner, provider }, recap), (err) => logger.error({ err, sessionId }, '[sessions] a recap did not wind up'));
    if (began.type === 'refused') return { ok: false, error: began.error };
    if (began.type === 'taken') return failure('busy', 'A reply is still being written. Wait for it or stop it first.');
    return { ok: true, replyId: recap.reply.replyId };
  }

  /** The recap, asked of the session's model with the assistant's summary prompt; stored, it ends the session. */
  #recapTurn(session: SessionRecord, messages: ChatMessage[], sender: Sender): TurnPlan {
    let assistant: AssistantRecord | null = null;
    return {
      // Each recap run has its own id: a stopped recap and the next one must not be confused.
      reply: { sessionId: session.id, replyId: `${session.id}.summary.${Date.now().toString(36)}`, kind: 'summary' },
      credentials: sender.credentials,
      begin: () => Promise.resolve(true),
      prepare: async () => {
        assistant = session.assistantId ? await this.deps.store.getAssistant(session.assistantId) : null;
        const summaryPrompt = assistant ? this.deps.assistants.recapPromptFor(assistant, runnerOf(sender)) : defaultSummaryPrompt;
        const guarding = assistant && assistant.ownerId !== sender.userId ? this.recapGuard(assistant, repliesIn(messages)) : {};
        return { model: session.model, turns: summaryTurns(summaryPrompt, messages), ...guarding };
      },
      persist: async (outcome) => {
        if (outcome.status !== 'complete') return;
        await this.update(session.id, sender, { sealedSummary: seal(outcome.text, sender.messageKey), endedAt: new Date() });
        if (assistant) this.deps.activity.end(assistant, session.id);
      },
    };
  }

  /**
   * A recap is checked as a reply is, against the prompt and the summary prompt both: asked for a
   * recap, a model may repeat the instructions it was given for writing it.
   */
  private recapGuard(assistant: AssistantRecord, earlierReplies: readonly string[]): Pick<ReplyJob, 'guard' | 'holdBack'> {
    const secrets = this.deps.assistants.secretsOf(assistant).filter((secret) => secret.trim() && secret !== defaultSummaryPrompt).join('\n\n');
    if (!secrets) return {};
    const guard = Object.assign(this.deps.createGuard(secrets, earlierReplies), { replacement: withheldRecap });
    return { guard, holdBack: this.deps.createHoldBack(secrets) };
  }

  async rate(sessionId: string, rating: 'up' | 'down' | null, sender: Sender): Promise<Ack<{ session: SessionSummary }>> {
    const session = await this.deps.store.getSession(sessionId);
    if (!session || session.userId !== sender.userId) return sessionNotFound;
    return { ok: true, session: await this.update(sessionId, sender, { rating }) };
  }

  async setModel(sessionId: string, model: string, sender: Sender): Promise<Ack<{ session: SessionSummary }>> {
    const session = await this.deps.store.getSession(sessionId);
    if (!session || session.userId !== sender.userId) return sessionNotFound;
    if (session.endedAt) return failure('session_ended', 'This session has ended.');
    return { ok: true, session: await this.update(sessionId, sender, { model }) };
  }

  /** Names the session, for every tab of its owner; an empty title brings its first words back as its name. */
  async rename(sessionId: string, title: string, sender: Sender): Promise<Ack<{ session: SessionSummary }>> {
    const { store } = this.deps;
    const session = await store.getSession(sessionId);
    if (!session || session.userId !== sender.userId) return sessionNotFound;
    const renamed = await store.updateSession(sessionId, { sealedTitle: title ? seal(title, sender.messageKey) : null });
    const [summary] = renamed ? await describeSessions(store, [renamed], sender.messageKey) : [];
    if (!summary) return sessionNotFound;
    this.deps.broadcaster.sessionRenamed(sender.userId, { session: summary });
    return { ok: true, session: summary };
  }

  /**
   * Deletes the session and its messages. It is claimed first, as a reply claims it (one being
   * written is stopped and stored, then lets go), so no reply on any instance writes into it meanwhile.
   */
  async delete(sessionId: string, userId: string): Promise<Ack> {
    const { store } = this.deps;
    const session = await store.getSession(sessionId);
    if (!session || session.userId !== userId) return sessionNotFound;
    {
      await using claim = await this.claimToDelete(sessionId);
      if (!claim) return stillWriting;
      await store.deleteSession(sessionId);
    }
    const assistant = session.assistantId ? await store.getAssistant(session.assistantId) : null;
    if (assistant) this.deps.activity.end(assistant, sessionId);
    this.deps.broadcaster.sessionDeleted(userId, { sessionId });
    return { ok: true };
  }

  /** Null if a reply being written did not stop in time. */
  private async claimToDelete(sessionId: string): Promise<ReplyClaim | null> {
    const job = { sessionId, replyId: `${sessionId}.deleting`, kind: 'reply' as const };
    const deadline = Date.now() + stopWaitMs;
    for (;;) {
      const claim = await this.deps.runner.claim(job);
      if (claim || Date.now() > deadline) return claim;
      await this.deps.runner.stop(sessionId);
      await sleep(stopPollMs);
    }
  }

  /** Stores the change and tells every tab of the session. */
  private async update(sessionId: string, sender: Sender, patch: SessionPatch): Promise<SessionSummary> {
    const updated = await this.deps.store.updateSession(sessionId, { ...patch, updatedAt: new Date() });
    if (!updated) throw new Error('session vanished while being updated');
    const [summary] = await describeSessions(this.deps.store, [updated], sender.messageKey);
    if (!summary) throw new Error('session summary missing');
    this.deps.broadcaster.sessionUpdated({ session: summary });
    return summary;
  }
}
