import { randomUUID } from 'node:crypto';
import { failure, type Ack, type DraftContent, type SendTestMessage, type TestChat } from '@gptlab/common';
import type { LlmProvider } from '../../llm/provider.ts';
import type { ReplyRegistry } from '../../realtime/reply-registry.ts';
import type { DraftRecord, SessionRecord } from '../../store/records.ts';
import { DuplicateRecordError, type Store } from '../../store/store.ts';
import type { SessionBroadcaster } from '../sessions/reply-events.ts';
import type { ReplyRunner } from '../sessions/reply-runner.ts';
import { samplingFor } from '../sessions/sampling.ts';
import type { Sender } from '../sessions/sender.ts';
import { newSessionRecord } from '../sessions/session-record.ts';
import { Transcript } from '../sessions/transcript.ts';
import { runTurn, startTurn, type TurnPlan } from '../sessions/turn.ts';
import type { Logger } from '../../logger.ts';
import type { TurnBuilder } from '../sessions/turns.ts';

export interface DraftTestChatDeps {
  store: Store;
  /** Test messages are shared by co-editors with different keys, so they are sealed with the server secret. */
  promptKey: Uint8Array;
  provider: LlmProvider;
  runner: ReplyRunner;
  registry: ReplyRegistry;
  broadcaster: SessionBroadcaster;
  buildTurns: TurnBuilder;
  defaultModel: string;
  logger: Logger;
}

/** Matches no real user's id (those are hex digests). */
const draftUserId = (draftId: string) => `draft:${draftId}`;

type Accepted = { sessionId: string; messageId: string; replyId: string };

const busy = failure('busy', 'A test reply is still being written. Wait for it or stop it first.');

/**
 * The Lab's shared test conversation: a session owned by the draft (no user lists or opens it),
 * streamed by the ReplyRunner to its session room, which every co-editor's tab joins. Each reply
 * answers from the draft as it stands when the message is sent, on the key of whoever sent it.
 */
export class DraftTestChat {
  private readonly deps: DraftTestChatDeps;

  constructor(deps: DraftTestChatDeps) {
    this.deps = deps;
  }

  /**
   * The test chat's session id, its record written before the id is handed out, so no tab can
   * claim it as its own. An id some user took before this was so (it answered the draft's members
   * with a decryption error) is replaced by a new, empty conversation.
   */
  async claimSession(draft: DraftRecord): Promise<string> {
    const session = await this.ensureSession(draft.id, draft.testSessionId, this.deps.defaultModel);
    return session?.userId === draftUserId(draft.id) ? draft.testSessionId : this.reset(draft);
  }

  /** What a joining tab shows: the messages so far and the reply being written, if any. */
  async view(draft: DraftRecord): Promise<TestChat> {
    const sessionId = draft.testSessionId;
    const inFlight = await this.deps.registry.snapshot(sessionId);
    const messages = await this.transcript(sessionId).read();
    return { sessionId, messages, inFlight };
  }

  async send(draft: DraftRecord, content: DraftContent, input: SendTestMessage, tester: Sender): Promise<Ack<Accepted>> {
    const sessionId = draft.testSessionId;
    const accepted = { sessionId, messageId: input.clientMessageId, replyId: `${input.clientMessageId}.reply` };
    const { runner, provider, logger } = this.deps;
    const began = await startTurn(runTurn({ runner, provider }, this.#testTurn(draft, content, input, tester)), (err) => logger.error({ err, sessionId }, '[lab] a test reply did not wind up'));
    if (began.type === 'refused') return { ok: false, error: began.error };
    if (began.type === 'taken' && (await runner.currentReplyId(sessionId)) !== accepted.replyId) return busy;
    return { ok: true, ...accepted };
  }

  /** A test message and its reply, from the draft as it stands now. No leak guard: everyone here edits the prompt. */
  #testTurn(draft: DraftRecord, content: DraftContent, input: SendTestMessage, tester: Sender): TurnPlan {
    const sessionId = draft.testSessionId;
    const replyId = `${input.clientMessageId}.reply`;
    const model = content.settings.model?.trim() || this.deps.defaultModel;
    const transcript = this.transcript(sessionId);
    return {
      reply: { sessionId, replyId, kind: 'reply' },
      credentials: tester.credentials,
      userText: input.text,
      begin: async () => {
        await this.ensureSession(draft.id, sessionId, model);
        const { message, created } = await transcript.append({ messageId: input.clientMessageId, role: 'user', text: input.text, status: 'complete' });
        if (created) this.deps.broadcaster.messageAdded({ sessionId, message });
        return created;
      },
      prepare: async () => {
        const messages = await transcript.read();
        const systemPrompt = content.prompt.trim() ? content.prompt : null;
        const condensing = content.settings.condensing ?? 'rolling';
        const { turns } = await this.deps.buildTurns({ systemPrompt, messages, model, condensing, summaryState: null, credentials: tester.credentials });
        const sampling = await samplingFor(model, turns, content.settings, this.deps.provider.contextWindow(tester.credentials, model));
        return { model, turns, sampling };
      },
      persist: async (outcome) => {
        if (outcome.text) await transcript.append({ messageId: replyId, role: 'assistant', text: outcome.text, status: outcome.status, model });
      },
    };
  }

  stop(draft: DraftRecord): Promise<boolean> {
    return this.deps.runner.stop(draft.testSessionId);
  }

  /** A new, empty conversation; the reply being written in the old one, if any, is stopped. */
  async reset(draft: DraftRecord): Promise<string> {
    const sessionId = randomUUID();
    await this.ensureSession(draft.id, sessionId, this.deps.defaultModel);
    await this.deps.store.updateDraft(draft.id, { testSessionId: sessionId });
    await this.deps.runner.stop(draft.testSessionId);
    return sessionId;
  }

  /**
   * The session record exists for the message log; its user id matches no real user, so every
   * session event of a tab answers it as someone else's. Drafts made before this was written at
   * join had none until the first test message. Returns the record under the id, whoever's it is.
   */
  private async ensureSession(draftId: string, sessionId: string, model: string): Promise<SessionRecord | null> {
    const existing = await this.deps.store.getSession(sessionId);
    if (existing) return existing;
    const session = newSessionRecord({ id: sessionId, userId: draftUserId(draftId), assistantId: null, model, sealedPreview: null });
    try {
      await this.deps.store.createSession(session);
      return session;
    } catch (err) {
      if (!(err instanceof DuplicateRecordError)) throw err;
      return this.deps.store.getSession(sessionId);
    }
  }

  private transcript(sessionId: string): Transcript {
    return new Transcript(this.deps.store, sessionId, this.deps.promptKey);
  }
}
