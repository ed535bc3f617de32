import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import type { AppError } from '../errors.ts';
import type { ClientToServerEvents } from '../events.ts';
import { limits } from '../limits.ts';
import {
  draftPresenceSchema,
  toBytes,
  type AwarenessState,
  type DraftAwarenessChanged,
  type DraftPresence,
  type DraftUpdated,
  type JoinedDraft,
} from '../schemas/draft.ts';
import { cursorOf, type FieldSelection } from './draft-carets.ts';

type DraftRequest = 'draft:join' | 'draft:sync' | 'draft:update';
type PayloadOf<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[0];
type AckOf<E extends DraftRequest> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

/** What draft sync needs of a connection: the web client's and a test's both provide it. */
export interface DraftLink {
  readonly connected: boolean;
  /** Never throws: a request that cannot be answered (offline, timed out) resolves to an error ack. */
  request<E extends DraftRequest>(event: E, payload: PayloadOf<E>): Promise<AckOf<E>>;
  /** Sends without an ack, volatile: dropped rather than queued while the connection is not writable. */
  signal(event: 'draft:awareness', payload: PayloadOf<'draft:awareness'>): void;
}

/** What the sync tells whoever shows the draft. Every one is optional. */
export interface DraftSyncEvents {
  joined?(joined: JoinedDraft, rejoin: boolean): void;
  joinRefused?(error: AppError, rejoin: boolean): void;
  /** Why edits are not being saved right now; null once one is. */
  saveProblem?(error: AppError | null): void;
  /** Who is here, this tab first, whenever anyone arrives, moves their cursor or leaves. */
  presenceChanged?(presence: DraftPresence[]): void;
}

export interface DraftSyncOptions {
  sendIntervalMs?: number;
  retryDelayMs?: number;
  awarenessIntervalMs?: number;
}

/** Updates and awareness from the server carry this origin, so they are never sent back. */
const serverOrigin = 'server';
/** One per co-editor's tab, at most `limits.draft.editorsMax + 1` people with a few tabs each. */
const maxEarlyAwareness = 256;

/**
 * One tab's side of a co-edited draft, free of any framework: a Y.Doc seeded by `draft:join`,
 * co-editors' updates applied as they arrive, local edits coalesced into at most one `draft:update`
 * per interval and kept until stored, a state-vector exchange after every reconnect, and this tab's
 * cursor shared through y-protocols awareness. The web client and the integration tests both use it.
 */
export class DraftSync {
  readonly id: string;
  readonly doc = new Y.Doc();
  readonly awareness: Awareness;
  #link: DraftLink;
  readonly #events: DraftSyncEvents;
  readonly #options: Required<DraftSyncOptions>;
  #open = false;
  #joinedOnce = false;
  /** Awareness that came while a join was on its way: co-editors on other servers answer the join directly, maybe before its ack. */
  #early: Uint8Array[] | null = null;
  #you: JoinedDraft['you'] | null = null;
  /** Local edits not yet sent; while offline they pile up here until the sync after rejoining carries them. */
  #unsent: Uint8Array[] = [];
  /** Updates sent and not yet acknowledged: publishing waits for them, or it could miss the last edit. */
  readonly #sending = new Set<Promise<void>>();
  #sendTimer: ReturnType<typeof setTimeout> | undefined;
  #awarenessTimer: ReturnType<typeof setTimeout> | undefined;
  #lastAwarenessAt = 0;

  constructor(draftId: string, link: DraftLink, events: DraftSyncEvents = {}, options: DraftSyncOptions = {}) {
    this.id = draftId;
    this.#link = link;
    this.#events = events;
    this.#options = { sendIntervalMs: limits.draft.sendIntervalMs, retryDelayMs: 1_000, awarenessIntervalMs: limits.draft.awarenessIntervalMs, ...options };
    this.awareness = new Awareness(this.doc);
    this.awareness.setLocalState({ cursor: null } satisfies AwarenessState);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== serverOrigin) this.#queue(update);
    });
    // 'local' covers this tab's own changes and y-protocols' renewal every 15 s, never a co-editor's.
    this.awareness.on('update', (_changes: unknown, origin: unknown) => origin === 'local' && this.#scheduleAwareness());
    this.awareness.on('change', () => this.#events.presenceChanged?.(this.presence()));
  }

  /** True between a successful join and the end of editing (revoked, discarded, stopped). */
  get open(): boolean {
    return this.#open;
  }

  /** A new connection to send on (a test's reconnect); the web client's link follows its socket itself. */
  useLink(link: DraftLink): void {
    this.#link = link;
  }

  /** Joins (or, after a reconnect, rejoins with what this tab has and sends back what the server lacks). */
  async join(): Promise<JoinedDraft | null> {
    const rejoin = this.#joinedOnce;
    this.#early = [];
    const ack = await this.#link.request('draft:join', { draftId: this.id, ...(rejoin ? { stateVector: Y.encodeStateVector(this.doc) } : {}) });
    const early = this.#early ?? [];
    this.#early = null;
    if (!ack.ok) {
      this.#events.joinRefused?.(ack.error, rejoin);
      return null;
    }
    Y.applyUpdate(this.doc, toBytes(ack.update), serverOrigin);
    this.#you = ack.you;
    this.#open = true;
    this.#replaceRemoteAwareness(toBytes(ack.awareness));
    for (const update of early) this.#applyAwareness(update);
    this.#events.joined?.(ack, rejoin);
    if (rejoin) await this.#syncBack(ack);
    this.#joinedOnce = true;
    // A new clock: co-editors that saw this tab leave ignore a state no newer than its goodbye.
    this.awareness.setLocalState({ ...(this.awareness.getLocalState() ?? { cursor: null }) });
    this.#sendAwareness();
    return ack;
  }

  /** A co-editor's stored update (`draft:updated`). */
  receiveUpdate(event: DraftUpdated): void {
    if (event.draftId === this.id && this.#open) Y.applyUpdate(this.doc, toBytes(event.update), serverOrigin);
  }

  /** Co-editors' awareness (`draft:awareness`). */
  receiveAwareness(event: DraftAwarenessChanged): void {
    if (event.draftId !== this.id) return;
    if (this.#early && this.#early.length < maxEarlyAwareness) this.#early.push(toBytes(event.update));
    else if (this.#open) this.#applyAwareness(toBytes(event.update));
  }

  /** Where this tab's cursor is now, in indices; co-editors get it as relative positions, throttled. */
  setCursor(selection: FieldSelection | null): void {
    this.awareness.setLocalState({ cursor: selection ? cursorOf(this.doc, selection) : null } satisfies AwarenessState);
  }

  /** Who is here: this tab first (once joined), then every co-editor's tab whose state reads as one. */
  presence(): DraftPresence[] {
    const own = this.awareness.getLocalState() as AwarenessState | null;
    const mine = this.#you && this.#open ? [{ ...this.#you, cursor: own?.cursor ?? null }] : [];
    const others: DraftPresence[] = [];
    for (const [clientId, state] of this.awareness.getStates()) {
      if (clientId === this.awareness.clientID) continue;
      const parsed = draftPresenceSchema.safeParse(state);
      if (parsed.success) others.push(parsed.data);
    }
    return [...mine, ...others];
  }

  /** Sends what is unsent and resolves once every update sent so far is acknowledged (stored). */
  async settled(): Promise<void> {
    clearTimeout(this.#sendTimer);
    this.#sendTimer = undefined;
    await this.#flush();
    await Promise.all([...this.#sending]);
  }

  /** Editing is over (access revoked, draft discarded): unsent edits are dropped and co-editors forgotten. */
  end(): void {
    this.#open = false;
    this.#unsent = [];
    this.#replaceRemoteAwareness(null);
    this.stop();
  }

  /** Stops every timer (the page closed); the server clears this tab's state when it leaves. */
  stop(): void {
    clearTimeout(this.#sendTimer);
    clearTimeout(this.#awarenessTimer);
    this.#sendTimer = undefined;
    this.#awarenessTimer = undefined;
  }

  /** Stops for good, y-protocols' renewal timer included. */
  destroy(): void {
    this.stop();
    this.#open = false;
    this.awareness.destroy();
  }

  /** After a reconnect: send everything the server lacks (edits made offline included), take what this tab lacks. */
  async #syncBack(joined: JoinedDraft): Promise<void> {
    this.#unsent = [];
    const missing = Y.encodeStateAsUpdate(this.doc, toBytes(joined.stateVector));
    const ack = await this.#link.request('draft:sync', { draftId: this.id, stateVector: Y.encodeStateVector(this.doc), update: missing });
    if (ack.ok) {
      Y.applyUpdate(this.doc, toBytes(ack.update), serverOrigin);
      return;
    }
    this.#events.saveProblem?.(ack.error);
    // The offline edits go out as an ordinary update instead, retried until stored.
    this.#queue(missing);
  }

  #queue(update: Uint8Array): void {
    this.#unsent.push(update);
    this.#sendTimer ??= setTimeout(() => void this.#flush(), this.#options.sendIntervalMs);
  }

  #flush(): Promise<void> {
    const sent = this.#send().finally(() => this.#sending.delete(sent));
    this.#sending.add(sent);
    return sent;
  }

  async #send(): Promise<void> {
    this.#sendTimer = undefined;
    // Offline, edits wait: the sync after rejoining carries all of them at once.
    if (this.#unsent.length === 0 || !this.#open || !this.#link.connected) return;
    const update = Y.mergeUpdates(this.#unsent.splice(0));
    const ack = await this.#link.request('draft:update', { draftId: this.id, update });
    if (ack.ok) this.#events.saveProblem?.(null);
    if (ack.ok || !this.#open) return;
    // Kept until stored: sent again (repeats are harmless), or carried by the sync after a reconnect.
    this.#unsent.unshift(update);
    this.#events.saveProblem?.(ack.error);
    this.#sendTimer ??= setTimeout(() => void this.#flush(), this.#options.retryDelayMs);
  }

  #scheduleAwareness(): void {
    if (!this.#open || this.#awarenessTimer) return;
    const wait = Math.max(0, this.#lastAwarenessAt + this.#options.awarenessIntervalMs - Date.now());
    this.#awarenessTimer = setTimeout(() => this.#sendAwareness(), wait);
  }

  #sendAwareness(): void {
    clearTimeout(this.#awarenessTimer);
    this.#awarenessTimer = undefined;
    if (!this.#open || !this.#link.connected) return;
    this.#lastAwarenessAt = Date.now();
    this.#link.signal('draft:awareness', { draftId: this.id, update: encodeAwarenessUpdate(this.awareness, [this.awareness.clientID]) });
  }

  #applyAwareness(update: Uint8Array): void {
    try {
      applyAwarenessUpdate(this.awareness, update, serverOrigin);
    } catch {
      // Only the server writes these; one it garbled is skipped, the next renewal brings the state back.
    }
  }

  /** Whoever a previous connection knew may have gone meanwhile: the server's list replaces it. */
  #replaceRemoteAwareness(update: Uint8Array | null): void {
    const remote = [...this.awareness.getStates().keys()].filter((id) => id !== this.awareness.clientID);
    removeAwarenessStates(this.awareness, remote, serverOrigin);
    // Their clocks go too, or a tab that comes back with a fresh connection would look stale.
    for (const id of remote) this.awareness.meta.delete(id);
    if (update) applyAwarenessUpdate(this.awareness, update, serverOrigin);
  }
}
