import type { AppServer } from './socket-server.ts';

/**
 * What instances tell each other about open drafts: each stored update once (every instance applies
 * it to its copy and hands it to its own tabs), who an editor removal closes, and which tab just
 * joined and wants their tabs' awareness. Awareness itself travels as broadcasts to tabs.
 */
export interface DraftRelay {
  /** An update was stored here: one message to every other instance, for its copy and its tabs but `exceptTabs`. */
  stored(draftId: string, update: Uint8Array, exceptTabs: string[]): void;
  onStored(handler: (draftId: string, update: Uint8Array, exceptTabs: string[]) => void): void;
  /**
   * A tab joined: the other instances send it their tabs' awareness themselves. Not a request with
   * a deadline: a slow instance's answer still arrives, however late, instead of being given up on.
   */
  askAwareness(draftId: string, tabId: string): void;
  onAwarenessAsked(handler: (draftId: string, tabId: string) => void): void;
  /** An editor was removed (or, memberId null, the draft discarded): others drop those tabs. */
  closed(draftId: string, memberId: string | null): void;
  onClosed(handler: (draftId: string, memberId: string | null) => void): void;
}

/** One instance: nobody else to tell or ask. */
export const localDraftRelay: DraftRelay = {
  stored: () => {},
  onStored: () => {},
  askAwareness: () => {},
  onAwarenessAsked: () => {},
  closed: () => {},
  onClosed: () => {},
};

/** Several instances: server-side events through the Redis adapter. They travel as JSON, hence base64. */
export function adapterDraftRelay(io: AppServer): DraftRelay {
  return {
    stored: (draftId, update, exceptTabs) => io.serverSideEmit('draft:stored', draftId, Buffer.from(update).toString('base64'), exceptTabs),
    onStored: (handler) =>
      io.on('draft:stored', (draftId, update, exceptTabs) => handler(draftId, new Uint8Array(Buffer.from(update, 'base64')), Array.isArray(exceptTabs) ? exceptTabs : [])),
    askAwareness: (draftId, tabId) => io.serverSideEmit('draft:awareness-wanted', draftId, tabId),
    onAwarenessAsked: (handler) => io.on('draft:awareness-wanted', handler),
    closed: (draftId, memberId) => io.serverSideEmit('draft:closed', draftId, memberId),
    onClosed: (handler) => io.on('draft:closed', handler),
  };
}
