import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { limits, type AppError, type ClientToServerEvents, type InterServerEvents, type ServerToClientEvents, type SocketData } from '@gptlab/common';
import type { IdentityService } from '../features/identity/service.ts';
import { readHandshake, type HandshakeOptions } from './handshake.ts';

export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface SocketServerOptions extends HandshakeOptions {
  allowedOrigins: string[] | undefined;
  /** False while shutting down: new connections are turned away at the HTTP level, which a
   * Socket.IO client treats as a network error and retries, ending up at another instance. */
  accepting: () => boolean;
}

export function createSocketServer(httpServer: HttpServer, options: SocketServerOptions): AppServer {
  const io: AppServer = new Server(httpServer, {
    maxHttpBufferSize: limits.maxHttpBufferSize,
    // Deflate costs more CPU than it saves on frames of a few dozen bytes (DESIGN.md section 5).
    perMessageDeflate: false,
    cors: options.allowedOrigins ? { origin: options.allowedOrigins } : undefined,
    serveClient: false,
    allowRequest: (_req, callback) => callback(options.accepting() ? null : 'restarting', options.accepting()),
  });
  return io;
}

/** Admits a socket only with a key its provider accepts; the key stays in socket.data, in memory. */
export function requireSignIn(io: AppServer, identity: IdentityService, options: HandshakeOptions): void {
  io.use((socket, next) => {
    const handshake = readHandshake(socket.handshake.auth, options);
    if (!handshake.ok) return next(refusal(handshake.error));
    void identity.signIn(handshake.credentials).then((result) => {
      if (!result.ok) return next(refusal(result.error));
      const { apiKey, baseUrl } = handshake.credentials;
      socket.data = { apiKey, baseUrl, userId: result.identity.userId, messageKey: result.identity.messageKey };
      next();
    });
  });
}

/** Socket.IO hands `message` and `data` of a middleware error to the client's connect_error. */
function refusal(error: AppError): Error {
  return Object.assign(new Error(error.code), { data: error });
}
