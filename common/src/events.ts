import type { AckCallback } from './errors.ts';
import type { AssistantActivity, AssistantCard, AssistantRef, FindAssistant, ListAssistants, SetAssistantHidden } from './schemas/assistant.ts';
import type { ModelInfo } from './schemas/models.ts';
import type {
  ChatMessage,
  InFlightReply,
  ListSessions,
  MessageAdded,
  RateSession,
  ReplyDelta,
  ReplyEnded,
  ReplyRetracted,
  ReplyStarted,
  SendMessage,
  SessionRef,
  SessionSummary,
  SessionUpdated,
  SetSessionModel,
  StartSession,
} from './schemas/session.ts';

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
  'session:list': (payload: Partial<ListSessions>, ack: AckCallback<Page<'sessions', SessionSummary>>) => void;
  /** Joins the session's live room and returns its history, plus the reply being written now if any. */
  'session:open': (payload: SessionRef, ack: AckCallback<{ session: SessionSummary; messages: ChatMessage[]; inFlight: InFlightReply | null }>) => void;

  'models:list': (payload: Record<string, never>, ack: AckCallback<{ models: ModelInfo[] }>) => void;
}

/** Broadcasts of what happened, named in the past tense. */
export interface ServerToClientEvents {
  'session:message-added': (payload: MessageAdded) => void;
  'session:reply-started': (payload: ReplyStarted) => void;
  'session:delta': (payload: ReplyDelta) => void;
  'session:reply-ended': (payload: ReplyEnded) => void;
  'session:reply-retracted': (payload: ReplyRetracted) => void;
  'session:updated': (payload: SessionUpdated) => void;
  'assistant:activity': (payload: AssistantActivity) => void;
}

/** Between server instances, through the Redis adapter. */
export interface InterServerEvents {
  /** A tab asked to stop this session's reply; whichever instance is writing it aborts it. */
  'reply:stop': (sessionId: string) => void;
}

/** What the server keeps on a socket for its lifetime. Key and message key live here, in memory only. */
export interface SocketData {
  apiKey: string;
  /** The provider this socket talks to: the user's own base URL or the server default. */
  baseUrl: string;
  userId: string;
  /** Seals and opens this user's messages; derived from the API key, never stored. */
  messageKey: Uint8Array;
}
