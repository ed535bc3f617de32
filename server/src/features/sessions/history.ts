import { failure, limits, type Ack, type ChatMessage, type InFlightReply, type ListSessions, type SessionHistoryQuery, type SessionSummary } from '@gptlab/common';
import type { ReplyRegistry } from '../../realtime/reply-registry.ts';
import type { SessionRecord, Store } from '../../store/store.ts';
import { UnsealError } from '../identity/sealing.ts';
import { describeSessions, openOrMark } from './session-view.ts';
import { Transcript } from './transcript.ts';
import { VersionTree, withVersions } from './versions.ts';

export interface Reader {
  userId: string;
  messageKey: Uint8Array;
}

export const sessionNotFound = failure('not_found', 'This session does not exist.');
const unreadable = failure('internal', 'This session cannot be decrypted with your key. It may have been altered.');

type HistoryPage = { messages: ChatMessage[]; earlier: number | null };

/** A user's past sessions, decrypted for them alone. */
export class SessionHistory {
  private readonly store: Store;
  private readonly registry: ReplyRegistry;

  constructor(store: Store, registry: ReplyRegistry) {
    this.store = store;
    this.registry = registry;
  }

  /**
   * Newest first. A search runs here, on titles and first words unsealed with the reader's key (the
   * store cannot read them), over a bounded number of sessions per request; its cursor goes on
   * from the last one looked at.
   */
  async list(reader: Reader, query: ListSessions): Promise<Ack<{ sessions: SessionSummary[]; next: string | null }>> {
    const { search, ...listing } = query;
    const needle = search?.toLowerCase();
    const filter = needle ? { where: (s: SessionRecord) => mentions(s, needle, reader.messageKey), scanAtMost: limits.sessionSearchScan } : {};
    const page = await this.store.listSessions({ userId: reader.userId, ...listing, ...filter });
    return { ok: true, sessions: await describeSessions(this.store, page.items, reader.messageKey), next: page.next };
  }

  /**
   * The reply in flight is read before the stored messages: a reply that ends in between then shows
   * up in both, never in neither. `subscribe` runs once ownership is known and before that read, so
   * the tab hears every delta after the snapshot, and a stranger never hears anything.
   */
  async open(sessionId: string, reader: Reader, subscribe: () => Promise<void> | void, limit?: number): Promise<Ack<{ session: SessionSummary; inFlight: InFlightReply | null } & HistoryPage>> {
    const session = await this.store.getSession(sessionId);
    if (!session || session.userId !== reader.userId) return sessionNotFound;
    await subscribe();
    const inFlight = await this.registry.snapshot(sessionId);
    const page = await this.#page(sessionId, reader, undefined, limit);
    if (!page) return unreadable;
    // The reply in flight was checkpointed too: its live copy is the one to show.
    const messages = inFlight ? page.messages.filter((m) => m.id !== inFlight.replyId || m.status !== 'interrupted') : page.messages;
    const [summary] = await describeSessions(this.store, [session], reader.messageKey);
    if (!summary) return sessionNotFound;
    return { ok: true, session: summary, messages, earlier: page.earlier, inFlight };
  }

  /** Older messages, a page at a time, for a tab scrolling back. Every one of them is finished. */
  async earlier(query: SessionHistoryQuery, reader: Reader): Promise<Ack<HistoryPage>> {
    const session = await this.store.getSession(query.sessionId);
    if (!session || session.userId !== reader.userId) return sessionNotFound;
    const page = await this.#page(query.sessionId, reader, query.before, query.limit);
    return page ? { ok: true, ...page } : unreadable;
  }

  /** Null when a message cannot be opened with the reader's key (altered, or sealed under another). */
  async #page(sessionId: string, reader: Reader, beforeSeq: number | undefined, limit: number = limits.historyPageMessages): Promise<HistoryPage | null> {
    try {
      const page = await new Transcript(this.store, sessionId, reader.messageKey).page({ beforeSeq, limit, maxChars: limits.historyPageChars });
      const tree = new VersionTree(await this.store.listMessageOutline(sessionId));
      return { ...page, messages: withVersions(page.messages, tree) };
    } catch (err) {
      if (err instanceof UnsealError) return null;
      throw err;
    }
  }

}

/** Case-insensitive, in all of Unicode; `needle` is lower-cased already. */
function mentions(session: SessionRecord, needle: string, messageKey: Uint8Array): boolean {
  return [session.sealedTitle, session.sealedPreview].some((sealed) => openOrMark(sealed, messageKey)?.toLowerCase().includes(needle) ?? false);
}
