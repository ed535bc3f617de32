import type { AppServer } from './socket-server.ts';

/** Carries "stop this session's reply" to whichever instance is writing it. */
export interface StopRelay {
  requestStop(sessionId: string): void;
  onStopRequested(handler: (sessionId: string) => void): void;
}

/** One instance: the reply, if any, is always local, so there is no one else to tell. */
export const localStopRelay: StopRelay = {
  requestStop: () => {},
  onStopRequested: () => {},
};

/** Several instances: server-side events travel through the Redis adapter to every other instance. */
export function adapterStopRelay(io: AppServer): StopRelay {
  return {
    requestStop: (sessionId) => io.serverSideEmit('reply:stop', sessionId),
    onStopRequested: (handler) => io.on('reply:stop', handler),
  };
}
