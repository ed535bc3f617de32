import {
  acceptInviteSchema,
  createDraftSchema,
  draftAwarenessSchema,
  draftRefSchema,
  draftUpdateSchema,
  emptyPayloadSchema,
  joinDraftSchema,
  revokeEditorSchema,
  sendTestMessageSchema,
  syncDraftSchema,
} from '@gptlab/common';
import type { Logger } from '../../logger.ts';
import type { RateLimits } from '../limits/service.ts';
import type { AppServer, AppSocket } from '../../realtime/socket-server.ts';
import { requestHandler } from '../../realtime/request-handler.ts';
import { sessionRoom } from '../sessions/socket.ts';
import type { DraftBroadcaster, TabRooms } from './broadcaster.ts';
import type { DraftService } from './service.ts';
import type { DraftSharing } from './sharing.ts';

export const draftRoom = (draftId: string) => `draft:${draftId}`;
/** Every tab of one member of a draft, so a revocation reaches exactly them, on every instance. */
const memberRoom = (draftId: string, memberId: string) => `draft:${draftId}:member:${memberId}`;

/**
 * Room broadcasts and room moves go through the adapter, so they reach tabs on every instance.
 * Stored updates are the exception: sent to this instance's tabs only, since the relay's one
 * message already has every other instance hand them to its own.
 */
export function draftBroadcaster(io: AppServer): DraftBroadcaster {
  const room = (draftId: string) => io.to(draftRoom(draftId));
  return {
    updated: (draftId, update, exceptTabs) => io.local.to(draftRoom(draftId)).except(exceptTabs).emit('draft:updated', { draftId, update }),
    updatedForTab: (tabId, draftId, update) => io.local.to(tabId).emit('draft:updated', { draftId, update }),
    awarenessChanged(draftId, update, { exceptTab, volatile }) {
      const to = room(draftId).except(exceptTab ?? []);
      (volatile ? to.volatile : to).emit('draft:awareness', { draftId, update });
    },
    awarenessTo: (tabId, draftId, update) => io.to(tabId).emit('draft:awareness', { draftId, update }),
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
  const handle = requestHandler(socket, logger);
  handle('draft:create', createDraftSchema, (input) => drafts.create(user(), input));
  handle('draft:list', emptyPayloadSchema, () => drafts.list(user()));
  handle('draft:join', joinDraftSchema, (input) => drafts.join(tab(), input, rooms));
  handle('draft:leave', draftRefSchema, (input) => drafts.leave(tab(), input.draftId, rooms));
  handle('draft:update', draftUpdateSchema, async (input) =>
    (await limits.draftEdit(user())) ?? drafts.update(tab(), input.draftId, input.update));
  handle('draft:sync', syncDraftSchema, async (input) =>
    (await limits.draftEdit(user())) ?? drafts.sync(tab(), input));
  relayAwarenessOf(socket, drafts, logger);
  handle('draft:invite', draftRefSchema, (input) => sharing.invite(user(), input.draftId));
  handle('draft:accept-invite', acceptInviteSchema, (input) => sharing.accept(user(), input.token));
  handle('draft:revoke', revokeEditorSchema, (input) => sharing.revoke(user(), input.draftId, input.memberId));
  handle('draft:publish', draftRefSchema, (input) => sharing.publish(user(), input.draftId));
  handle('draft:discard', draftRefSchema, (input) => sharing.discard(user(), input.draftId));
  handle('draft:test-send', sendTestMessageSchema, (input) => drafts.testSend(tab(), senderOf(socket), input));
  handle('draft:test-stop', draftRefSchema, (input) => drafts.testStop(tab(), input.draftId));
  handle('draft:test-reset', draftRefSchema, (input) => drafts.testReset(tab(), input.draftId));
  socket.on('disconnect', () => drafts.tabClosed(socket.id));
}

/**
 * `draft:awareness` has no ack (it is sent volatile, and a lost one is overtaken by the next), so
 * what cannot be relayed is dropped: a bad payload never reaches the others nor throws here.
 */
function relayAwarenessOf(socket: AppSocket, drafts: DraftService, logger: Logger): void {
  socket.on('draft:awareness', (payload: unknown) => {
    try {
      const parsed = draftAwarenessSchema.safeParse(payload);
      const refusal = parsed.success ? drafts.relayAwareness({ tabId: socket.id, userId: socket.data.userId }, parsed.data) : 'malformed';
      if (refusal) logger.debug({ socket: socket.id, refusal }, '[drafts] dropped an awareness update');
    } catch (err) {
      logger.error({ err, socket: socket.id }, '[drafts] awareness relay failed');
    }
  });
}

function senderOf(socket: AppSocket) {
  const { userId, messageKey, apiKey, baseUrl } = socket.data;
  return { userId, messageKey, credentials: { apiKey, baseUrl } };
}
