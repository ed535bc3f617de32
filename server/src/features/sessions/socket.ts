import { failure, sendMessageSchema } from '@gptlab/common';
import type { Logger } from '../../logger.ts';
import type { AppServer, AppSocket } from '../../realtime/socket-server.ts';
import { validatedHandler } from '../../realtime/validated-handler.ts';
import type { SessionBroadcaster } from './reply-events.ts';
import type { SessionService } from './service.ts';

export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** Sends a session's events to every tab in its room; Socket.IO encodes a room broadcast once. */
export function roomBroadcaster(io: AppServer): SessionBroadcaster {
  return {
    messageAdded: (event) => io.to(sessionRoom(event.sessionId)).emit('session:message-added', event),
    delta: (event) => io.to(sessionRoom(event.sessionId)).emit('session:delta', event),
    replyEnded: (event) => io.to(sessionRoom(event.sessionId)).emit('session:reply-ended', event),
  };
}

export function registerSessionEvents(socket: AppSocket, sessions: SessionService, logger: Logger): void {
  const sender = () => ({
    principalId: socket.id,
    credentials: { apiKey: socket.data.apiKey, baseUrl: socket.data.baseUrl },
  });

  socket.on('session:send', validatedHandler('session:send', sendMessageSchema, logger, async (input) => {
    if (!sessions.mayUse(input.sessionId, sender().principalId)) return failure('not_found', 'This session does not exist.');
    await socket.join(sessionRoom(input.sessionId));
    return sessions.sendMessage(input, sender());
  }));
}
