import {
  acceptInviteSchema,
  createDraftSchema,
  draftRefSchema,
  draftUpdateSchema,
  emptyPayloadSchema,
  joinDraftSchema,
  revokeEditorSchema,
  sendTestMessageSchema,
  setPresenceSchema,
  syncDraftSchema,
} from '@gptlab/common';
import type { Logger } from '../../logger.ts';
import type { RateLimits } from '../limits/service.ts';
import type { AppServer, AppSocket } from '../../realtime/socket-server.ts';
import { validatedHandler } from '../../realtime/validated-handler.ts';
import { sessionRoom } from '../sessions/socket.ts';
import type { DraftBroadcaster, TabRooms } from './broadcaster.ts';
import type { DraftService } from './service.ts';
import type { DraftSharing } from './sharing.ts';

export const draftRoom = (draftId: string) => `draft:${draftId}`;
/** Every tab of one member of a draft, so a revocation reaches exactly them, on every instance. */
const memberRoom = (draftId: string, memberId: string) => `draft:${draftId}:member:${memberId}`;

/** Room broadcasts and room moves go through the adapter, so they reach tabs on every instance. */
export function draftBroadcaster(io: AppServer): DraftBroadcaster {
  const room = (draftId: string) => io.to(draftRoom(draftId));
  return {
    updated: (draftId, update, exceptTabs) => room(draftId).except(exceptTabs).emit('draft:updated', { draftId, update }),
    updatedForTab: (tabId, draftId, update) => io.to(tabId).emit('draft:updated', { draftId, update }),
    presenceUpdated: (event) => room(event.draftId).emit('draft:presence-updated', event),
    presenceLeft: (event) => room(event.draftId).emit('draft:presence-left', event),
    membersUpdated: (event) => room(event.draftId).emit('draft:members-updated', event),
    published: (event) => room(event.draftId).emit('draft:published', event),
    inviteChanged: (event, ownerMemberId) => io.to(memberRoom(event.draftId, ownerMemberId)).emit('draft:invite-changed', event),
    discarded(draftId, testSessionId) {
      room(draftId).emit('draft:discarded', { draftId });
      io.in(draftRoom(draftId)).socketsLeave([draftRoom(draftId), sessionRoom(testSessionId)]);
    },
    accessRevoked(draftId, memberId, testSessionId) {
      const tabs = memberRoom(draftId, memberId);
      // Out of the rooms first: an update stored after this never reaches the revoked tabs.
      io.in(tabs).socketsLeave([draftRoom(draftId), sessionRoom(testSessionId)]);
      io.to(tabs).emit('draft:access-revoked', { draftId, message: 'The owner removed you from this draft, and the invite link you used no longer works.' });
      io.in(tabs).socketsLeave(tabs);
    },
    testCleared(draftId, previousSessionId, sessionId) {
      io.in(draftRoom(draftId)).socketsJoin(sessionRoom(sessionId));
      io.in(draftRoom(draftId)).socketsLeave(sessionRoom(previousSessionId));
      room(draftId).emit('draft:test-cleared', { draftId, sessionId });
    },
  };
}

export interface DraftFeature {
  drafts: DraftService;
  sharing: DraftSharing;
}

function roomsOf(socket: AppSocket): TabRooms {
  return {
    enter: (draftId, memberId, testSessionId) => Promise.resolve(socket.join([draftRoom(draftId), memberRoom(draftId, memberId), sessionRoom(testSessionId)])),
    async exit(draftId, memberId, testSessionId) {
      await socket.leave(draftRoom(draftId));
      await socket.leave(memberRoom(draftId, memberId));
      if (testSessionId) await socket.leave(sessionRoom(testSessionId));
    },
  };
}

export function registerDraftEvents(socket: AppSocket, feature: DraftFeature, limits: RateLimits, logger: Logger): void {
  const { drafts, sharing } = feature;
  const tab = () => ({ tabId: socket.id, userId: socket.data.userId });
  const user = () => socket.data.userId;
  const rooms = roomsOf(socket);
  socket.on('draft:create', validatedHandler('draft:create', createDraftSchema, logger, (input) => drafts.create(user(), input)));
  socket.on('draft:list', validatedHandler('draft:list', emptyPayloadSchema, logger, () => drafts.list(user())));
  socket.on('draft:join', validatedHandler('draft:join', joinDraftSchema, logger, (input) => drafts.join(tab(), input, rooms)));
  socket.on('draft:leave', validatedHandler('draft:leave', draftRefSchema, logger, (input) => drafts.leave(tab(), input.draftId, rooms)));
  socket.on('draft:update', validatedHandler('draft:update', draftUpdateSchema, logger, async (input) =>
    (await limits.draftEdit(user())) ?? drafts.update(tab(), input.draftId, input.update)));
  socket.on('draft:sync', validatedHandler('draft:sync', syncDraftSchema, logger, async (input) =>
    (await limits.draftEdit(user())) ?? drafts.sync(tab(), input)));
  socket.on('draft:set-presence', validatedHandler('draft:set-presence', setPresenceSchema, logger, (input) => drafts.setPresence(tab(), input)));
  socket.on('draft:invite', validatedHandler('draft:invite', draftRefSchema, logger, (input) => sharing.invite(user(), input.draftId)));
  socket.on('draft:accept-invite', validatedHandler('draft:accept-invite', acceptInviteSchema, logger, (input) => sharing.accept(user(), input.token)));
  socket.on('draft:revoke', validatedHandler('draft:revoke', revokeEditorSchema, logger, (input) => sharing.revoke(user(), input.draftId, input.memberId)));
  socket.on('draft:publish', validatedHandler('draft:publish', draftRefSchema, logger, (input) => sharing.publish(user(), input.draftId)));
  socket.on('draft:discard', validatedHandler('draft:discard', draftRefSchema, logger, (input) => sharing.discard(user(), input.draftId)));
  socket.on('draft:test-send', validatedHandler('draft:test-send', sendTestMessageSchema, logger, (input) => drafts.testSend(tab(), senderOf(socket), input)));
  socket.on('draft:test-stop', validatedHandler('draft:test-stop', draftRefSchema, logger, (input) => drafts.testStop(tab(), input.draftId)));
  socket.on('draft:test-reset', validatedHandler('draft:test-reset', draftRefSchema, logger, (input) => drafts.testReset(tab(), input.draftId)));
  socket.on('disconnect', () => drafts.tabClosed(socket.id));
}

function senderOf(socket: AppSocket) {
  const { userId, messageKey, apiKey, baseUrl } = socket.data;
  return { userId, messageKey, credentials: { apiKey, baseUrl } };
}
