import type { AckCallback } from './errors.ts';
import type { ModelInfo } from './schemas/models.ts';
import type { MessageAdded, ReplyDelta, ReplyEnded, SendMessage } from './schemas/session.ts';

/**
 * Requests a tab makes. Payloads are typed here for the compiler and parsed with the zod schema of the
 * same name on the server, because a type annotation proves nothing about data off the network.
 */
export interface ClientToServerEvents {
  'session:send': (payload: SendMessage, ack: AckCallback<{ replyId: string; messageId: string }>) => void;
  'models:list': (payload: Record<string, never>, ack: AckCallback<{ models: ModelInfo[] }>) => void;
}

/** Broadcasts of what happened, named in the past tense. */
export interface ServerToClientEvents {
  'session:message-added': (payload: MessageAdded) => void;
  'session:delta': (payload: ReplyDelta) => void;
  'session:reply-ended': (payload: ReplyEnded) => void;
}

export interface InterServerEvents {
  ping: () => void;
}

/** What the server keeps on a socket for its lifetime. The API key lives here, in memory only. */
export interface SocketData {
  apiKey: string;
  /** The provider this socket talks to: the user's own base URL or the server default. */
  baseUrl: string;
}
