import { failure, type Ack, type EditMessage, type RegenerateReply, type ShowVersion } from '@gptlab/common';
import type { LlmProvider } from '../../llm/provider.ts';
import type { Logger } from '../../logger.ts';
import type { SessionRecord } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';
import type { RunnableAssistant } from '../assistants/service.ts';
import { sessionNotFound } from './history.ts';
import type { SessionBroadcaster } from './reply-events.ts';
import type { ReplyRunner } from './reply-runner.ts';
import type { Sender } from './sender.ts';
import { busy, ended, openGate, replyIdFor, type Gate } from './service.ts';
import type { ReplyPlace, SessionReplies } from './session-replies.ts';
import { Transcript } from './transcript.ts';
import { runTurn, startTurn, type TurnPlan } from './turn.ts';
import { VersionTree } from './versions.ts';

export interface SessionRewritesDeps {
  store: Store;
  provider: LlmProvider;
  runner: ReplyRunner;
  broadcaster: SessionBroadcaster;
  replies: SessionReplies;
  logger: Logger;
}

const notLastReply = failure('invalid_payload', 'Only the last reply can be written again.');
const notYourMessage = failure('invalid_payload', 'Only your own messages in this conversation can be edited.');
const noSuchVersion = failure('not_found', 'That version is not in this conversation.');

/**
 * New versions of what was said: a reply written again, a message edited and answered afresh, and
 * switching between versions. Each earlier version stays, hidden with what followed it, so the
 * user can go back to it; every tab of the session is told to open it again.
 */
export class SessionRewrites {
  private readonly deps: SessionRewritesDeps;

  constructor(deps: SessionRewritesDeps) {
    this.deps = deps;
  }

  async regenerate(input: RegenerateReply, sender: Sender, gate: Gate = openGate): Promise<Ack<{ replyId: string }>> {
    const session = await this.#writable(input.sessionId, sender, gate);
    if (!session.ok) return session;
    const place = { replyId: replyIdFor(input.clientMessageId), parentId: null as string | null };
    const replaced = { messageId: input.replyId, role: 'assistant' as const };
    const began = await this.#begin(this.#rewriteTurn(session.record, sender, gate, place, replaced));
    if (began.type === 'refused') return { ok: false, error: began.error };
    if (began.type === 'taken' && (await this.deps.runner.currentReplyId(input.sessionId)) !== place.replyId) return busy;
    return { ok: true, replyId: place.replyId };
  }

  async edit(input: EditMessage, sender: Sender, gate: Gate = openGate): Promise<Ack<{ messageId: string; replyId: string }>> {
    const session = await this.#writable(input.sessionId, sender, gate);
    if (!session.ok) return session;
    const place = { replyId: replyIdFor(input.clientMessageId), parentId: input.clientMessageId };
    const replaced = { messageId: input.messageId, role: 'user' as const, by: { messageId: input.clientMessageId, text: input.text } };
    const began = await this.#begin(this.#rewriteTurn(session.record, sender, gate, place, replaced));
    if (began.type === 'refused') return { ok: false, error: began.error };
    if (began.type === 'taken' && (await this.deps.runner.currentReplyId(input.sessionId)) !== place.replyId) return busy;
    return { ok: true, messageId: input.clientMessageId, replyId: place.replyId };
  }

  /** Shows another version of a message; refused while a reply is being written, as a message would be. */
  async showVersion(input: ShowVersion, sender: Sender): Promise<Ack> {
    const { store, runner } = this.deps;
    const session = await store.getSession(input.sessionId);
    if (!session || session.userId !== sender.userId) return sessionNotFound;
    {
      await using claim = await runner.claim({ sessionId: session.id, replyId: `${session.id}.switching`, kind: 'reply' });
      if (!claim) return busy;
      const tree = new VersionTree(await store.listMessageOutline(session.id));
      if (!tree.has(input.messageId)) return noSuchVersion;
      const change = tree.switchTo(input.messageId);
      if (!change) return { ok: true };
      await store.setMessagesHidden(session.id, change.show, false);
      await store.setMessagesHidden(session.id, change.hide, true);
      // The condensed context summarised the branch shown until now.
      await store.updateSession(session.id, { sealedContext: null });
    }
    this.deps.broadcaster.branched({ sessionId: session.id });
    return { ok: true };
  }

  /**
   * The turn that replaces `replaced` (and what followed it) with a new version: for a reply, the
   * reply written again; for a message, the edited text stored and answered. A resend of the same
   * request (its new version already stored) is answered as the first time.
   */
  #rewriteTurn(session: SessionRecord, sender: Sender, gate: Gate, place: ReplyPlace, replaced: Replaced): TurnPlan {
    const { store, broadcaster, replies } = this.deps;
    let assistant: RunnableAssistant | null = null;
    let tree: VersionTree | null = null;
    const newVersionId = replaced.by?.messageId ?? place.replyId;
    const branched = () => broadcaster.branched({ sessionId: session.id });
    return {
      reply: { sessionId: session.id, replyId: place.replyId, kind: 'reply' },
      credentials: sender.credentials,
      ...(replaced.by ? { userText: replaced.by.text } : {}),
      check: async () => {
        const found = await replies.assistantFor(session, sender);
        if (!found.ok) return found;
        assistant = found.assistant;
        tree = new VersionTree(await store.listMessageOutline(session.id));
        return tree.has(newVersionId) ? null : refusalToReplace(tree, replaced);
      },
      begin: async () => {
        const current = required(tree);
        if (current.has(newVersionId)) return false;
        await gate.enter();
        const parentId = current.parentOf(replaced.messageId);
        await store.setMessagesHidden(session.id, current.replacedBy(replaced.messageId), true);
        if (replaced.by) {
          await new Transcript(store, session.id, sender.messageKey).append({ messageId: replaced.by.messageId, parentId, role: 'user', text: replaced.by.text, status: 'complete' });
          await store.updateSession(session.id, { sealedContext: null });
        } else {
          place.parentId = parentId;
        }
        branched();
        return true;
      },
      prepare: () => replies.prepare(session, assistant, sender, place),
      persist: async (outcome) => {
        await replies.persist(session, sender, place, outcome);
        // Once stored, the new reply counts among the versions the tabs show.
        branched();
      },
    };
  }

  #begin(plan: TurnPlan) {
    const { runner, provider, logger } = this.deps;
    return startTurn(runTurn({ runner, provider }, plan), (err) => logger.error({ err, sessionId: plan.reply.sessionId }, '[sessions] a new version did not wind up'));
  }

  /** The sender's session, open to new messages, and the sender within the rate limit. */
  async #writable(sessionId: string, sender: Sender, gate: Gate): Promise<Ack<{ record: SessionRecord }>> {
    const record = await this.deps.store.getSession(sessionId);
    if (!record || record.userId !== sender.userId) return sessionNotFound;
    if (record.endedAt) return ended;
    return (await gate.admit(false)) ?? { ok: true, record };
  }
}

/** What a new version replaces: a reply, or one of the user's messages with the text it gets. */
interface Replaced {
  messageId: string;
  role: 'user' | 'assistant';
  by?: { messageId: string; text: string };
}

/** Only the last reply shown may be written again, and only a message the user sent and can see may be edited. */
function refusalToReplace(tree: VersionTree, replaced: Replaced) {
  const shown = tree.shown();
  const target = shown.find((m) => m.messageId === replaced.messageId);
  if (replaced.role === 'assistant') return target?.role === 'assistant' && shown.at(-1) === target ? null : notLastReply;
  return target?.role === 'user' ? null : notYourMessage;
}

function required<T>(value: T | null): T {
  if (value === null) throw new Error('the check step reads the versions before begin uses them');
  return value;
}
