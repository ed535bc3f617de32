import { failure } from '@gptlab/common';
import type { AppSocket } from './socket-server.ts';

/** Answers a request for an event nobody handles, so no tab (or probe) waits for an ack that cannot come. */
export function refuseUnknownRequests(socket: AppSocket): void {
  socket.use((packet, next) => {
    const [event] = packet;
    const ack = packet.at(-1);
    if (socket.listeners(event as 'session:list').length > 0 || typeof ack !== 'function') return next();
    ack(failure('invalid_payload', 'This server has no such request. Reload the page if it was updated.'));
  });
}
