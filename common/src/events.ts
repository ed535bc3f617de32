import type { AckCallback } from './errors.ts';
import type { AssistantActivity, AssistantCard, AssistantRef, FindAssistant, ListAssistants, SetAssistantHidden } from './schemas/assistant.ts';
import type {
  AcceptInvite,
  CreateDraft,
  DraftAccessRevoked,
  DraftAwareness,
  DraftAwarenessChanged,
  DraftDiscarded,
  DraftInvite,
  DraftInviteChanged,
  DraftMembersUpdated,
  DraftPresence,
  DraftPublishedEvent,
  DraftRef,
  DraftSummary,
  DraftTestCleared,
  DraftUpdate,
  DraftUpdated,
  JoinDraft,
  JoinedDraft,
  PublishedDraft,
  RevokeEditor,
  SendTestMessage,
  SyncDraft,
  SyncedDraft,
  TestChat,
} from './schemas/draft.ts';
import type { ModelInfo } from './schemas/models.ts';
import type {
  ChatMessage,
  InFlightReply,
  ListSessions,
  MessageAdded,
  OpenSession,
  RateSession,
  RenameSession,
  RegenerateReply,
  EditMessage,
  ShowVersion,
  SessionBranched,
  ReplyDelta,
  ReplyEnded,
  ReplyRetracted,
  ReplyStarted,
  SendMessage,
  SessionDeleted,
  SessionHistoryQuery,
  SessionRef,
  SessionRenamed,
  SessionSummary,
  SessionUpdated,
  SetSessionModel,
  StartSession,
} from './schemas/session.ts';

/** One tab's awareness as its server keeps it: its y-protocols client id and clock, and its stamped state. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: DraftPresence | null;
}

type Page<K extends string, T> = { [key in K]: T[] } & { next: string | null };

/**
 * Requests a tab makes. Payloads are typed here for the compiler and parsed with the zod schema of the
 * same name on the server, because a type annotation proves nothing about data off the network.
 * Inputs are typed as what a tab sends (defaults may be left out), hence `Partial` where schemas default.
 */
export interface ClientToServerEvents {
  'assistant:list': (payload: Partial<ListAssistants>, ack: AckCallback<Page<'assistants', AssistantCard>>) => void;
  'assistant:find': (payload: FindAssistant, ack: AckCallback<{ assistant: AssistantCard }>) => void;
  /** Owner only: hide from (or show again in) their own list. */
  'assistant:set-hidden': (payload: SetAssistantHidden, ack: AckCallback<{ assistant: AssistantCard }>) => void;
  /** Owner only: gone from listings and codes; past sessions stay readable to their users. */
  'assistant:delete': (payload: AssistantRef, ack: AckCallback) => void;
  /** Starts pushing live activity counts to this tab; answers with the counts now. */
  'lounge:watch': (payload: Record<string, never>, ack: AckCallback<{ activity: Record<string, number> }>) => void;
  'lounge:unwatch': (payload: Record<string, never>, ack: AckCallback) => void;

  /** Creates the session, joins its room, and starts the assistant's opening reply. */
  'session:start': (payload: StartSession, ack: AckCallback<{ session: SessionSummary; replyId: string }>) => void;
  'session:send': (payload: SendMessage, ack: AckCallback<{ replyId: string; messageId: string }>) => void;
  /** Stops the reply being written now, from any tab of the session. */
  'session:stop': (payload: SessionRef, ack: AckCallback<{ stopped: boolean }>) => void;
  /** Ends the session: a recap streams in as a reply of kind 'summary' and is stored. */
  'session:end': (payload: SessionRef, ack: AckCallback<{ replyId: string }>) => void;
  'session:rate': (payload: RateSession, ack: AckCallback<{ session: SessionSummary }>) => void;
  'session:set-model': (payload: SetSessionModel, ack: AckCallback<{ session: SessionSummary }>) => void;
  /** Every session of mine (or those with one assistant), newest started first; see ListSessions for `search`. */
  'session:list': (payload: Partial<ListSessions>, ack: AckCallback<Page<'sessions', SessionSummary>>) => void;
  /** Names the session (an empty title goes back to its first words); every tab of mine hears session:renamed. */
  'session:rename': (payload: RenameSession, ack: AckCallback<{ session: SessionSummary }>) => void;
  /**
   * Deletes the session and every message of it from the store; a reply being written is stopped
   * first. Every tab of mine hears session:deleted, and the id is never used again.
   */
  'session:delete': (payload: SessionRef, ack: AckCallback) => void;
  /**
   * Joins the session's live room and returns the newest page of its history, plus the reply being
   * written now if any. `earlier` is the cursor of the page before (session:history), null at the start.
   */
  'session:open': (payload: OpenSession, ack: AckCallback<{ session: SessionSummary; messages: ChatMessage[]; earlier: number | null; inFlight: InFlightReply | null }>) => void;
  /** The page of older messages before a cursor, oldest first; `earlier` goes back further. */
  'session:history': (payload: SessionHistoryQuery, ack: AckCallback<{ messages: ChatMessage[]; earlier: number | null }>) => void;
  /** Writes the last reply again as a new version; every tab of the session hears session:branched, then the reply. */
  'session:regenerate': (payload: RegenerateReply, ack: AckCallback<{ replyId: string }>) => void;
  /** Sends a new version of one of my messages, answered afresh; what followed the old one is kept with it. */
  'session:edit': (payload: EditMessage, ack: AckCallback<{ messageId: string; replyId: string }>) => void;
  /** Shows another version of a message in every tab of the session. */
  'session:show-version': (payload: ShowVersion, ack: AckCallback) => void;

  'models:list': (payload: Record<string, never>, ack: AckCallback<{ models: ModelInfo[] }>) => void;

  /** The Lab. Unknown drafts and drafts I may not open answer alike: not_found, with no content. */
  'draft:create': (payload: CreateDraft, ack: AckCallback<{ draft: DraftSummary }>) => void;
  /** Drafts I own or co-edit, most recently edited first. */
  'draft:list': (payload: Record<string, never>, ack: AckCallback<{ drafts: DraftSummary[] }>) => void;
  /** Joins the draft's room (updates, presence, test chat) and returns its document. Also after every reconnect. */
  'draft:join': (payload: JoinDraft, ack: AckCallback<JoinedDraft>) => void;
  'draft:leave': (payload: DraftRef, ack: AckCallback) => void;
  /** A local Yjs update; the ack comes once it is stored. Co-editors get it as draft:updated. */
  'draft:update': (payload: DraftUpdate, ack: AckCallback) => void;
  /** Exchanges what each side lacks: the ack carries what the tab lacks; `update` is stored first. */
  'draft:sync': (payload: SyncDraft, ack: AckCallback<SyncedDraft>) => void;
  /**
   * Where this tab's cursor is: a y-protocols awareness update of its own state. Sent volatile and
   * without an ack (a lost one is overtaken by the next); the server drops what it cannot accept.
   */
  'draft:awareness': (payload: DraftAwareness) => void;
  /** Owner only: a new invite link; the previous one stops working. */
  'draft:invite': (payload: DraftRef, ack: AckCallback<{ invite: DraftInvite }>) => void;
  /** Opens an invite link: I become an editor (the owner stays the owner). Then draft:join. */
  'draft:accept-invite': (payload: AcceptInvite, ack: AckCallback<{ draft: DraftSummary }>) => void;
  /**
   * Owner only: removes an editor; their open tabs are told and stop receiving the draft at once,
   * and the invite link they had stops working (the ack carries the new one, if there was one).
   */
  'draft:revoke': (payload: RevokeEditor, ack: AckCallback<{ invite: DraftInvite | null }>) => void;
  /** Owner only: validates every field, then creates or updates the assistant. */
  'draft:publish': (payload: DraftRef, ack: AckCallback<PublishedDraft>) => void;
  /** Owner only: deletes the draft (a published assistant stays). */
  'draft:discard': (payload: DraftRef, ack: AckCallback) => void;
  /** Sends a message to the shared test chat, answered from the draft as it stands now, on my key. */
  'draft:test-send': (payload: SendTestMessage, ack: AckCallback<{ sessionId: string; messageId: string; replyId: string }>) => void;
  'draft:test-stop': (payload: DraftRef, ack: AckCallback<{ stopped: boolean }>) => void;
  /** Starts the test chat over, for every co-editor. */
  'draft:test-reset': (payload: DraftRef, ack: AckCallback<{ testChat: TestChat }>) => void;
}

type Requests = { [E in keyof ClientToServerEvents]: Parameters<ClientToServerEvents[E]> extends [unknown, unknown] ? E : never };
/** The events that ask for something and take an ack; the others (draft:awareness) are fire-and-forget signals. */
export type RequestName = Requests[keyof ClientToServerEvents];
export type SignalName = Exclude<keyof ClientToServerEvents, RequestName>;

/** Broadcasts of what happened, named in the past tense. */
export interface ServerToClientEvents {
  'session:message-added': (payload: MessageAdded) => void;
  'session:reply-started': (payload: ReplyStarted) => void;
  'session:delta': (payload: ReplyDelta) => void;
  'session:reply-ended': (payload: ReplyEnded) => void;
  'session:reply-retracted': (payload: ReplyRetracted) => void;
  'session:updated': (payload: SessionUpdated) => void;
  /** The messages shown changed from some point on (an edit, a regenerated reply, another version): open the session again. */
  'session:branched': (payload: SessionBranched) => void;
  /** To every tab of the owner, on every instance, whichever session they have open. */
  'session:renamed': (payload: SessionRenamed) => void;
  'session:deleted': (payload: SessionDeleted) => void;
  'assistant:activity': (payload: AssistantActivity) => void;
  /** A co-editor's stored Yjs update (never the tab's own). */
  'draft:updated': (payload: DraftUpdated) => void;
  /** Co-editors' awareness (cursors and who they are), never the tab's own; volatile. */
  'draft:awareness': (payload: DraftAwarenessChanged) => void;
  'draft:members-updated': (payload: DraftMembersUpdated) => void;
  /** To the owner's tabs only. */
  'draft:invite-changed': (payload: DraftInviteChanged) => void;
  /** Sent to a removed editor's tabs, which no longer receive anything of the draft. */
  'draft:access-revoked': (payload: DraftAccessRevoked) => void;
  'draft:published': (payload: DraftPublishedEvent) => void;
  /** The owner discarded the draft: every tab is out of its room. */
  'draft:discarded': (payload: DraftDiscarded) => void;
  'draft:test-cleared': (payload: DraftTestCleared) => void;
}

/** Between server instances, through the Redis adapter. */
export interface InterServerEvents {
  /** A tab asked to stop this session's reply; whichever instance is writing it aborts it. */
  'reply:stop': (sessionId: string) => void;
  /**
   * A stored draft update (base64: server-side events travel as JSON): the one Redis message of an
   * edit. Every instance applies it to its copy and hands it to its own tabs, except the senders.
   */
  'draft:stored': (draftId: string, update: string, exceptTabs: string[]) => void;
  /** A tab joined the draft: every instance sends that tab the awareness of its own tabs in it. */
  'draft:awareness-wanted': (draftId: string, tabId: string) => void;
  /** An editor was removed, or (memberId null) the draft was discarded: instances drop those tabs. */
  'draft:closed': (draftId: string, memberId: string | null) => void;
}

/** What the server keeps on a socket for its lifetime. Key and message key live here, in memory only. */
export interface SocketData {
  apiKey: string;
  /** The provider this socket talks to: the user's own base URL or the server default. */
  baseUrl: string;
  userId: string;
  /** Seals and opens this user's messages; derived from the API key, never stored. */
  messageKey: Uint8Array;
  /** The network address the tab connected from (behind trusted proxies, what they saw): rate limits count by it. */
  address: string;
}
