import type { DraftPresence } from '@gptlab/common';
import type { AppServer } from './socket-server.ts';

/** How long a join waits for other instances to list their tabs; heartbeats fill in a slow one's. */
const presenceAnswerMs = 1_500;

/**
 * What instances tell each other about open drafts. Tabs hear co-editors through room broadcasts;
 * this is for the instances' own state: their in-memory documents and their tabs' presence.
 */
export interface DraftRelay {
  /** An update was stored here; instances holding the draft open apply it to their copy. */
  stored(draftId: string, update: Uint8Array): void;
  onStored(handler: (draftId: string, update: Uint8Array) => void): void;
  /** The presence of every tab in the draft on the other instances. */
  remotePresence(draftId: string): Promise<DraftPresence[]>;
  onPresenceRequested(handler: (draftId: string) => DraftPresence[]): void;
  /** An editor was removed (or, memberId null, the draft discarded): others drop those tabs. */
  closed(draftId: string, memberId: string | null): void;
  onClosed(handler: (draftId: string, memberId: string | null) => void): void;
}

/** One instance: nobody else to tell or ask. */
export const localDraftRelay: DraftRelay = {
  stored: () => {},
  onStored: () => {},
  remotePresence: async () => [],
  onPresenceRequested: () => {},
  closed: () => {},
  onClosed: () => {},
};

/** Several instances: server-side events through the Redis adapter. They travel as JSON, hence base64. */
export function adapterDraftRelay(io: AppServer): DraftRelay {
  return {
    stored: (draftId, update) => io.serverSideEmit('draft:stored', draftId, Buffer.from(update).toString('base64')),
    onStored: (handler) => io.on('draft:stored', (draftId, update) => handler(draftId, new Uint8Array(Buffer.from(update, 'base64')))),
    remotePresence: (draftId) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => resolve([]), presenceAnswerMs);
        io.serverSideEmit('draft:presence-list', draftId, (_err: Error | null, answers: DraftPresence[][]) => {
          clearTimeout(timer);
          resolve((answers ?? []).flat());
        });
      }),
    onPresenceRequested: (handler) => io.on('draft:presence-list', (draftId, reply) => reply(handler(draftId))),
    closed: (draftId, memberId) => io.serverSideEmit('draft:closed', draftId, memberId),
    onClosed: (handler) => io.on('draft:closed', handler),
  };
}
