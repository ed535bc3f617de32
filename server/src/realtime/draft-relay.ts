import type { AwarenessEntry } from '@gptlab/common';
import type { AppServer } from './socket-server.ts';

/** How long a join waits for other instances to list their tabs; renewals fill in a slow one's. */
const awarenessAnswerMs = 1_500;

/**
 * What instances tell each other about open drafts: each stored update once (every instance applies
 * it to its copy and hands it to its own tabs), who an editor removal closes, and on request the
 * awareness of their tabs. Awareness changes themselves travel as room broadcasts.
 */
export interface DraftRelay {
  /** An update was stored here: one message to every other instance, for its copy and its tabs but `exceptTabs`. */
  stored(draftId: string, update: Uint8Array, exceptTabs: string[]): void;
  onStored(handler: (draftId: string, update: Uint8Array, exceptTabs: string[]) => void): void;
  /** The awareness of every tab in the draft on the other instances. */
  remoteAwareness(draftId: string): Promise<AwarenessEntry[]>;
  onAwarenessRequested(handler: (draftId: string) => AwarenessEntry[]): void;
  /** An editor was removed (or, memberId null, the draft discarded): others drop those tabs. */
  closed(draftId: string, memberId: string | null): void;
  onClosed(handler: (draftId: string, memberId: string | null) => void): void;
}

/** One instance: nobody else to tell or ask. */
export const localDraftRelay: DraftRelay = {
  stored: () => {},
  onStored: () => {},
  remoteAwareness: async () => [],
  onAwarenessRequested: () => {},
  closed: () => {},
  onClosed: () => {},
};

/** Several instances: server-side events through the Redis adapter. They travel as JSON, hence base64. */
export function adapterDraftRelay(io: AppServer): DraftRelay {
  return {
    stored: (draftId, update, exceptTabs) => io.serverSideEmit('draft:stored', draftId, Buffer.from(update).toString('base64'), exceptTabs),
    onStored: (handler) =>
      io.on('draft:stored', (draftId, update, exceptTabs) => handler(draftId, new Uint8Array(Buffer.from(update, 'base64')), Array.isArray(exceptTabs) ? exceptTabs : [])),
    remoteAwareness: (draftId) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => resolve([]), awarenessAnswerMs);
        io.serverSideEmit('draft:awareness-list', draftId, (_err: Error | null, answers: AwarenessEntry[][]) => {
          clearTimeout(timer);
          resolve((answers ?? []).flat());
        });
      }),
    onAwarenessRequested: (handler) => io.on('draft:awareness-list', (draftId, reply) => reply(handler(draftId))),
    closed: (draftId, memberId) => io.serverSideEmit('draft:closed', draftId, memberId),
    onClosed: (handler) => io.on('draft:closed', handler),
  };
}
