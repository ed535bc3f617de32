import { createContext } from 'svelte';
import type { AppError, ClientToServerEvents, ServerToClientEvents } from '@gptlab/common';
import {
  handshakeError,
  openSocket,
  request,
  type ChatSocket,
  type Credentials,
  type RequestAck,
  type RequestEvent,
  type RequestPayload,
} from '../socket/connection.ts';

type BroadcastName = keyof ServerToClientEvents;
type Subscription = { [E in BroadcastName]: { event: E; listener: ServerToClientEvents[E] } }[BroadcastName];

export type ConnectionStatus = 'offline' | 'connecting' | 'connected' | 'reconnecting' | 'refused';

export interface ConnectionStoreOptions {
  /** Called when the server refuses the handshake (bad key, stale page, ...); socket.io will not retry. */
  onRefused: (error: AppError) => void;
}

/** The tab's one socket and how it is doing, for the UI to show. */
export class ConnectionStore {
  status = $state<ConnectionStatus>('offline');
  /** What went wrong with the connection, in words for the user; null while all is well. */
  problem = $state<AppError | null>(null);
  #socket: ChatSocket | null = null;
  readonly #options: ConnectionStoreOptions;
  // Kept here, not on the socket, so they carry over to the next socket after a sign-in.
  readonly #subscriptions = new Set<Subscription>();
  readonly #connectListeners = new Set<() => void>();

  constructor(options: ConnectionStoreOptions) {
    this.#options = options;
  }

  /** Opens the socket, with every listener already attached before the first event can arrive. */
  open(credentials: Credentials): void {
    this.close();
    const socket = openSocket(credentials);
    this.#socket = socket;
    this.status = 'connecting';
    socket.on('connect', () => {
      this.status = 'connected';
      this.problem = null;
      for (const listener of this.#connectListeners) listener();
    });
    for (const subscription of this.#subscriptions) listen(socket, subscription);
    socket.on('connect_error', (err) => {
      this.problem = handshakeError(err);
      // socket.active is false when the server refused us; otherwise socket.io keeps retrying by itself.
      if (socket.active) {
        this.status = 'reconnecting';
        return;
      }
      this.status = 'refused';
      this.#options.onRefused(this.problem);
    });
    socket.on('disconnect', (reason) => {
      if (socket.active) {
        this.status = 'reconnecting';
        return;
      }
      this.status = 'offline';
      if (reason === 'io server disconnect') {
        this.problem = { code: 'unauthorized', message: 'The server closed the connection. Try again.' };
      }
    });
  }

  /** Listens to a broadcast on this socket and any later one; returns the function that stops listening. */
  on<E extends BroadcastName>(event: E, listener: ServerToClientEvents[E]): () => void {
    const subscription = { event, listener } as Subscription;
    this.#subscriptions.add(subscription);
    if (this.#socket) listen(this.#socket, subscription);
    return () => {
      this.#subscriptions.delete(subscription);
      this.#socket?.off(subscription.event, subscription.listener);
    };
  }

  /**
   * Runs `listener` now if connected, then on every (re)connection: what a page fetches, it fetches
   * again after a reconnect, because broadcasts sent while it was away are lost.
   */
  onConnect(listener: () => void): () => void {
    this.#connectListeners.add(listener);
    if (this.#socket?.connected) listener();
    return () => this.#connectListeners.delete(listener);
  }

  /** Tries again after a refusal or a server-side disconnect. */
  retry(): void {
    if (!this.#socket || this.#socket.active) return;
    this.status = 'connecting';
    this.problem = null;
    this.#socket.connect();
  }

  close(): void {
    this.#socket?.disconnect();
    this.#socket?.removeAllListeners();
    this.#socket = null;
    this.status = 'offline';
    this.problem = null;
  }

  get connected(): boolean {
    return this.status === 'connected';
  }

  /** Sends without an ack, volatile: while the socket cannot write it is dropped, not queued (a newer one follows). */
  signal(event: 'draft:awareness', payload: Parameters<ClientToServerEvents['draft:awareness']>[0]): void {
    this.#socket?.volatile.emit(event, payload);
  }

  /** `timeoutMs`: longer only for a request the server answers after asking the model something. */
  async request<E extends RequestEvent>(event: E, payload: RequestPayload<E>, timeoutMs?: number): Promise<RequestAck<E>> {
    if (!this.#socket) {
      return { ok: false, error: { code: 'unauthorized', message: 'Sign in to chat.' } } as RequestAck<E>;
    }
    return request(this.#socket, event, payload, timeoutMs);
  }
}

function listen(socket: ChatSocket, { event, listener }: Subscription): void {
  // socket.io's typed `on` cannot follow a union of event names, so the pair is checked by `Subscription` instead.
  const on = socket.on as (this: ChatSocket, event: BroadcastName, listener: Subscription['listener']) => ChatSocket;
  on.call(socket, event, listener);
}

export const [getConnectionStore, setConnectionStore] = createContext<ConnectionStore>();
