import {
  editMessageSchema,
  listSessionsSchema,
  regenerateReplySchema,
  showVersionSchema,
  rateSessionSchema,
  renameSessionSchema,
  sendMessageSchema,
  openSessionSchema,
  sessionHistorySchema,
  sessionRefSchema,
  setSessionModelSchema,
  startSessionSchema,
} from '@gptlab/common';
import type { Logger } from '../../logger.ts';
import type { RateLimits } from '../limits/service.ts';
import type { AppServer, AppSocket } from '../../realtime/socket-server.ts';
import { requestHandler } from '../../realtime/request-handler.ts';
import type { SessionControls } from './controls.ts';
import type { SessionHistory } from './history.ts';
import type { SessionBroadcaster } from './reply-events.ts';
import type { SessionRewrites } from './rewrites.ts';
import type { Sender, SessionService } from './service.ts';

export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
/** Every tab of one user, on every device and instance; joined at sign-in. */
export const userRoom = (userId: string) => `user:${userId}`;

/** Sends a session's events to every tab in its room; Socket.IO encodes a room broadcast once. */
export function roomBroadcaster(io: AppServer): SessionBroadcaster {
  const room = (sessionId: string) => io.to(sessionRoom(sessionId));
  return {
    messageAdded: (event) => room(event.sessionId).emit('session:message-added', event),
    replyStarted: (event) => room(event.sessionId).emit('session:reply-started', event),
    delta: (event) => room(event.sessionId).emit('session:delta', event),
    replyEnded: (event) => room(event.sessionId).emit('session:reply-ended', event),
    replyRetracted: (event) => room(event.sessionId).emit('session:reply-retracted', event),
    sessionUpdated: (event) => room(event.session.id).emit('session:updated', event),
    branched: (event) => room(event.sessionId).emit('session:branched', event),
    sessionRenamed: (ownerId, event) => io.to(userRoom(ownerId)).emit('session:renamed', event),
    sessionDeleted: (ownerId, event) => io.to(userRoom(ownerId)).emit('session:deleted', event),
  };
}

export interface SessionFeature {
  sessions: SessionService;
  controls: SessionControls;
  rewrites: SessionRewrites;
  history: SessionHistory;
  limits: RateLimits;
}

function senderOf(socket: AppSocket): Sender {
  const { userId, messageKey, apiKey, baseUrl } = socket.data;
  return { userId, messageKey, credentials: { apiKey, baseUrl } };
}

export function registerSessionEvents(socket: AppSocket, feature: SessionFeature, logger: Logger): void {
  const { sessions, controls, rewrites, history, limits } = feature;
  const handle = requestHandler(socket, logger);
  // Synchronous with the local and the Redis adapter alike: the tab is in its room before its first request.
  void socket.join(userRoom(socket.data.userId));
  // Joined once the request is authorised and before the first reply starts, so this tab hears it
  // from its first token and a refused request leaves it in no room.
  const enter = (sessionId: string) => async () => {
    await socket.join(sessionRoom(sessionId));
  };

  handle('session:start', startSessionSchema, (input) =>
    limits.guessingCodes(socket.data, input.code, () => sessions.start(input, senderOf(socket), {
      // A retried start of a session that exists already costs nothing.
      admit: async () => (await limits.newSession(socket.data)) ?? (input.starter ? await limits.message(socket.data) : null),
      enter: enter(input.sessionId),
    })));

  handle('session:send', sendMessageSchema, (input) =>
    sessions.send(input, senderOf(socket), {
      admit: async (isNew) => (await limits.message(socket.data)) ?? (isNew ? await limits.newSession(socket.data) : null),
      enter: enter(input.sessionId),
    }));

  // A new version is a new reply: it counts as a message against the rate limit.
  const rewriteGate = (sessionId: string) => ({ admit: () => limits.message(socket.data), enter: enter(sessionId) });
  handle('session:regenerate', regenerateReplySchema, (input) => rewrites.regenerate(input, senderOf(socket), rewriteGate(input.sessionId)));
  handle('session:edit', editMessageSchema, (input) => rewrites.edit(input, senderOf(socket), rewriteGate(input.sessionId)));
  handle('session:show-version', showVersionSchema, (input) => rewrites.showVersion(input, senderOf(socket)));

  handle('session:stop', sessionRefSchema, (input) => controls.stop(input.sessionId, socket.data.userId));
  handle('session:end', sessionRefSchema, (input) => controls.end(input.sessionId, senderOf(socket)));
  handle('session:rate', rateSessionSchema, (input) => controls.rate(input.sessionId, input.rating, senderOf(socket)));
  handle('session:set-model', setSessionModelSchema, (input) => controls.setModel(input.sessionId, input.model, senderOf(socket)));
  handle('session:list', listSessionsSchema, (input) => history.list(socket.data, input));
  handle('session:rename', renameSessionSchema, (input) => controls.rename(input.sessionId, input.title, senderOf(socket)));
  handle('session:delete', sessionRefSchema, (input) => controls.delete(input.sessionId, socket.data.userId));

  handle('session:open', openSessionSchema, (input) =>
    history.open(input.sessionId, socket.data, () => socket.join(sessionRoom(input.sessionId)), input.limit));
  handle('session:history', sessionHistorySchema, (input) => history.earlier(input, socket.data));
}
