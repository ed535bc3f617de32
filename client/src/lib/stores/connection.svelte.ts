import { createContext } from 'svelte';
import type { AppError } from '@gptlab/common';
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

  constructor(options: ConnectionStoreOptions) {
    this.#options = options;
  }

  /** Opens the socket; the caller attaches its event listeners to it before the first event can arrive. */
  open(credentials: Credentials): ChatSocket {
    this.close();
    const socket = openSocket(credentials);
    this.#socket = socket;
    this.status = 'connecting';
    socket.on('connect', () => {
      this.status = 'connected';
      this.problem = null;
    });
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
    return socket;
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

  async request<E extends RequestEvent>(event: E, payload: RequestPayload<E>): Promise<RequestAck<E>> {
    if (!this.#socket) {
      return { ok: false, error: { code: 'unauthorized', message: 'Sign in to chat.' } } as RequestAck<E>;
    }
    return request(this.#socket, event, payload);
  }
}

export const [getConnectionStore, setConnectionStore] = createContext<ConnectionStore>();
