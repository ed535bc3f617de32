import type { AppSocket } from '../../realtime/socket-server.ts';
import type { RateLimits } from './service.ts';

/** Answers a tab's requests beyond its rate with `rate_limited` before any handler parses them. */
export function limitRequests(socket: AppSocket, limits: RateLimits): void {
  socket.use((packet, next) => {
    void limits.socketEvent(socket.id).then((refusal) => {
      if (!refusal) return next();
      const ack = packet.at(-1);
      if (typeof ack === 'function') ack(refusal);
    });
  });
  socket.on('disconnect', () => limits.forgetSocket(socket.id));
}
