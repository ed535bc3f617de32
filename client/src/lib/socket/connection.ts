import { io, type Socket } from 'socket.io-client';
import {
  appErrorSchema,
  limits,
  type Ack,
  type AppError,
  type ClientToServerEvents,
  type HandshakeAuth,
  type RequestName,
  type ServerToClientEvents,
} from '@gptlab/common';

/** The one typed socket of a tab: a renamed event or a changed payload fails to compile here. */
export type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type RequestEvent = RequestName;
export type RequestPayload<E extends RequestEvent> = Parameters<ClientToServerEvents[E]>[0];
export type RequestAck<E extends RequestEvent> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

export interface Credentials {
  apiKey: string;
  baseUrl?: string | undefined;
}

/** How long a request waits for the server's ack; replies stream afterwards, so acks come quickly. */
export const requestTimeoutMs = 15_000;

/** Opens the socket to this page's own origin; the key travels only in the handshake, never in a URL. */
export function openSocket(credentials: Credentials): ChatSocket {
  const auth: HandshakeAuth = { apiKey: credentials.apiKey, protocol: limits.protocolVersion };
  if (credentials.baseUrl) auth.baseUrl = credentials.baseUrl;
  return io({
    path: '/socket.io',
    auth,
    // Skip the long-polling warm-up: every browser we target speaks WebSocket.
    transports: ['websocket'],
  });
}

/** Emits a request and resolves with its ack; a server that stays silent becomes an error value, never a throw. */
export async function request<E extends RequestEvent>(
  socket: ChatSocket,
  event: E,
  payload: RequestPayload<E>,
  timeoutMs = requestTimeoutMs,
): Promise<RequestAck<E>> {
  const timed = socket.timeout(timeoutMs);
  // socket.io's variadic emit typing cannot follow a generic event name, so the call is typed here, once.
  const emitWithAck = timed.emitWithAck.bind(timed) as (event: E, payload: RequestPayload<E>) => Promise<unknown>;
  try {
    const ack = await emitWithAck(event, payload);
    return isAck(ack) ? (ack as RequestAck<E>) : malformed();
  } catch {
    return unanswered(socket.connected);
  }
}

function isAck(value: unknown): value is Ack {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  return value.ok === true || ('error' in value && appErrorSchema.safeParse(value.error).success);
}

function malformed(): Ack & { ok: false } {
  return { ok: false, error: { code: 'internal', message: 'The server sent an answer this page does not understand. Reload the page.' } };
}

function unanswered(connected: boolean): Ack & { ok: false } {
  const message = connected
    ? 'The server did not answer in time. Try again.'
    : 'You are offline. Check your connection, then try again.';
  return { ok: false, error: { code: 'internal', message } };
}

/**
 * Reads why the server refused a handshake: it rejects with `err.message` = an error code and
 * `err.data` = `{ code, message }`. Anything else (a network failure) is reported as unreachable.
 */
export function handshakeError(err: Error & { data?: unknown }): AppError {
  const parsed = appErrorSchema.safeParse(err.data);
  if (parsed.success) return parsed.data;
  return { code: 'provider_unavailable', message: 'Cannot reach the GPT Lab server. Retrying…' };
}
