import { randomUUID } from 'node:crypto';
import { failure, type Ack, type AppError, type ChatMessage, type SendMessage } from '@gptlab/common';
import type { Logger } from '../../logger.ts';
import { modelKindOf } from '../../llm/model-kind.ts';
import { ProviderError, type ConversationTurn, type LlmProvider, type ProviderCredentials } from '../../llm/provider.ts';
import { DeltaBatcher } from '../../realtime/delta-batcher.ts';
import { MemorySessionHistory, type SessionRecord } from './memory-history.ts';
import type { SessionBroadcaster } from './reply-events.ts';

export interface SessionServiceDeps {
  provider: LlmProvider;
  broadcaster: SessionBroadcaster;
  defaultModel: string;
  deltaBatchWindowMs: number;
  logger: Logger;
}

export interface Sender {
  /** Who may use a session. */
  principalId: string;
  credentials: ProviderCredentials;
}

/** Chat sessions: accepts a user message, streams the assistant's reply to the session's audience. */
export class SessionService {
  private readonly history = new MemorySessionHistory();
  private readonly streaming = new Set<string>();
  private readonly deps: SessionServiceDeps;

  constructor(deps: SessionServiceDeps) {
    this.deps = deps;
  }

  /** Whether this principal may use the session (a new session id is claimed by its first user). */
  mayUse(sessionId: string, principalId: string): boolean {
    return this.history.open(sessionId, principalId) !== undefined;
  }

  /** Accepts a message and starts the reply; resolves once the message is accepted, not when the reply ends. */
  sendMessage(input: SendMessage, sender: Sender): Ack<{ messageId: string; replyId: string }> {
    const session = this.history.open(input.sessionId, sender.principalId);
    if (!session) return failure('not_found', 'This session does not exist.');
    const repeat = session.accepted.get(input.clientMessageId);
    if (repeat) return { ok: true, ...repeat };
    if (this.streaming.has(input.sessionId)) {
      return failure('busy', 'A reply is still being written. Wait for it or stop it first.');
    }
    const message: ChatMessage = { id: randomUUID(), role: 'user', text: input.text };
    const replyId = randomUUID();
    session.messages.push(message);
    session.accepted.set(input.clientMessageId, { messageId: message.id, replyId });
    this.deps.broadcaster.messageAdded({ sessionId: input.sessionId, message });
    this.streaming.add(input.sessionId);
    void this.streamReply(input.sessionId, session, replyId, input.model ?? this.deps.defaultModel, sender.credentials)
      .finally(() => this.streaming.delete(input.sessionId));
    return { ok: true, messageId: message.id, replyId };
  }

  private async streamReply(sessionId: string, session: SessionRecord, replyId: string, model: string, credentials: ProviderCredentials): Promise<void> {
    const { broadcaster } = this.deps;
    const batcher = new DeltaBatcher(this.deps.deltaBatchWindowMs, (seq, text) => broadcaster.delta({ sessionId, replyId, seq, text }));
    const turns: ConversationTurn[] = session.messages.map((m) => ({ role: m.role, content: m.text }));
    let text = '';
    let error: AppError | undefined;
    let usage;
    try {
      const events = this.deps.provider.streamReply(credentials, { model, kind: modelKindOf(model), turns, signal: new AbortController().signal });
      for await (const event of events) {
        if (event.type === 'usage') usage = event.usage;
        else {
          text += event.text;
          batcher.push(event.text);
        }
      }
    } catch (err) {
      error = this.describeFailure(err, sessionId);
    }
    batcher.flush();
    if (text) session.messages.push({ id: replyId, role: 'assistant', text });
    broadcaster.replyEnded({ sessionId, replyId, status: error ? 'failed' : 'complete', deltaCount: batcher.sentCount, error, usage });
  }

  private describeFailure(err: unknown, sessionId: string): AppError {
    if (err instanceof ProviderError) return err.appError;
    this.deps.logger.error({ err, sessionId }, '[sessions] reply failed unexpectedly');
    return { code: 'internal', message: 'Something went wrong while writing the reply. Try again.' };
  }
}
