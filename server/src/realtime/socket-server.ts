import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { limits, type ClientToServerEvents, type InterServerEvents, type ServerToClientEvents, type SocketData } from '@gptlab/common';
import { acceptHandshake, type HandshakeOptions } from './handshake.ts';

export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface SocketServerOptions extends HandshakeOptions {
  allowedOrigins: string[] | undefined;
}

export function createSocketServer(httpServer: HttpServer, options: SocketServerOptions): AppServer {
  const io: AppServer = new Server(httpServer, {
    maxHttpBufferSize: limits.maxHttpBufferSize,
    // Deflate costs more CPU than it saves on frames of a few dozen bytes (DESIGN.md section 5).
    perMessageDeflate: false,
    cors: options.allowedOrigins ? { origin: options.allowedOrigins } : undefined,
    serveClient: false,
  });
  io.use((socket, next) => {
    const result = acceptHandshake(socket.handshake.auth, options);
    if (!result.ok) {
      next(Object.assign(new Error(result.error.code), { data: result.error }));
      return;
    }
    socket.data = result.data;
    next();
  });
  return io;
}
