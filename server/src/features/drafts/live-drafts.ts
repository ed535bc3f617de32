import * as Y from 'yjs';
import { failure, limits, type Ack, type DraftContent } from '@gptlab/common';
import { isEmptyUpdate, readDraft } from '@gptlab/common/draft-doc';
import type { Logger } from '../../logger.ts';
import type { DraftRelay } from '../../realtime/draft-relay.ts';
import type { DraftRecord } from '../../store/records.ts';
import { isStoreUnavailable, isStoreWriteFailure, type Store } from '../../store/store.ts';
import { applyAll, compactLog, readStoredDocument, sealUpdate } from './document-store.ts';
import { draftNotFound, roleOf } from './members.ts';

/**
 * Where stored updates go: to this instance's tabs of the draft, except the ones that sent them.
 * Other instances hand them to their own tabs when the relay tells them, so an edit costs one Redis message.
 */
export interface UpdateBroadcaster {
  updated(draftId: string, update: Uint8Array, exceptTabs: string[]): void;
  updatedForTab(tabId: string, draftId: string, update: Uint8Array): void;
}

export interface LiveDraftsDeps {
  store: Store;
  promptKey: Uint8Array;
  relay: DraftRelay;
  broadcaster: UpdateBroadcaster;
  logger: Logger;
  /** Updates arriving within this window are stored as one entry (and acked after it). */
  batchMs?: number;
  /** Log entries after which an instance merges the log into one. */
  compactAfter?: number;
}

interface Pending {
  update: Uint8Array;
  tabId: string;
  userId: string;
  resolve: (ack: Ack) => void;
}

class LiveDraft {
  readonly id: string;
  readonly doc = new Y.Doc();
  readonly tabs = new Set<string>();
  pending: Pending[] = [];
  timer: NodeJS.Timeout | undefined;
  /** Flushes run one after another, so a draft's entries are written in the order they came. */
  writing: Promise<void> = Promise.resolve();
  logEntries = 0;
  bytes = 0;
  compacting = false;
  /** The one read of the stored document that brought this copy up to the store; later joins wait on it, not on a new read. */
  loaded: Promise<void> | undefined;

  constructor(id: string) {
    this.id = id;
  }
}

const tooLarge = failure('payload_too_large', 'This draft has grown past the largest size allowed. Remove some text to keep editing.');
const notAnUpdate = failure('invalid_payload', 'This is not a Yjs update of the draft.');

/**
 * This instance's copy of each open draft: a Y.Doc that every stored update, from here or from
 * another instance, is applied to. An edit is stored (append-only, sealed) before it is applied,
 * broadcast or acked, so whatever a tab was told is saved survives a restart.
 */
export class LiveDrafts {
  private readonly drafts = new Map<string, LiveDraft>();
  private readonly deps: Required<LiveDraftsDeps>;

  constructor(deps: LiveDraftsDeps) {
    this.deps = { batchMs: 5, compactAfter: 64, ...deps };
    deps.relay.onStored((draftId, update, exceptTabs) => {
      this.applyStored(draftId, update);
      // Tabs in the draft's room on this instance get it even while their join is still reading the draft.
      deps.broadcaster.updated(draftId, update, exceptTabs);
    });
  }

  /**
   * Holds the draft open for a tab. The first tab on this instance reads the stored document; a tab
   * joining a draft already live here reuses the copy, which every stored update since has reached
   * (from here, or from another instance through the relay), so a late joiner misses nothing.
   */
  async attach(draft: DraftRecord, tabId: string): Promise<Y.Doc> {
    const live = this.drafts.get(draft.id) ?? new LiveDraft(draft.id);
    this.drafts.set(draft.id, live);
    live.tabs.add(tabId);
    const loading = (live.loaded ??= this.refresh(draft, live));
    try {
      await loading;
    } catch (err) {
      // A failed read is not kept: the next join reads again.
      if (live.loaded === loading) live.loaded = undefined;
      this.detach(draft.id, tabId);
      throw err;
    }
    return live.doc;
  }

  detach(draftId: string, tabId: string): void {
    const live = this.drafts.get(draftId);
    if (!live?.tabs.delete(tabId) || live.tabs.size > 0) return;
    void live.writing.then(() => {
      if (live.tabs.size === 0 && live.pending.length === 0 && this.drafts.get(draftId) === live) {
        this.drafts.delete(draftId);
        live.doc.destroy();
      }
    });
  }

  /**
   * The document as stored now: this copy, refreshed, if the draft is open here; else read afresh.
   * Edits queued here are stored first, so a publish or a test message right after typing sees them.
   */
  async current(draft: DraftRecord): Promise<Y.Doc> {
    const live = this.drafts.get(draft.id);
    if (live) {
      await this.#storeQueued(live);
      await this.refresh(draft, live);
      return live.doc;
    }
    const doc = new Y.Doc();
    applyAll(doc, (await readStoredDocument(this.deps.store, draft, this.deps.promptKey)).updates);
    return doc;
  }

  /** A plain copy of the document as stored now. */
  async read(draft: DraftRecord): Promise<DraftContent> {
    const doc = await this.current(draft);
    const content = readDraft(doc);
    if (!this.drafts.has(draft.id)) doc.destroy();
    return content;
  }

  /** Queues a tab's update; resolves once it is stored (or refused). The tab must be attached. */
  submit(draftId: string, update: Uint8Array, author: { tabId: string; userId: string }): Promise<Ack> {
    const live = this.drafts.get(draftId);
    if (!live?.tabs.has(author.tabId)) return Promise.resolve(draftNotFound);
    if (isEmptyUpdate(update)) return Promise.resolve({ ok: true });
    if (!isApplicable(update)) return Promise.resolve(notAnUpdate);
    if (live.bytes + update.byteLength > limits.draft.stateMaxBytes) return Promise.resolve(tooLarge);
    return new Promise((resolve) => {
      live.pending.push({ update, ...author, resolve });
      live.timer ??= setTimeout(() => {
        live.timer = undefined;
        live.writing = live.writing.then(() => this.flush(live));
      }, this.deps.batchMs);
    });
  }

  /** The draft was discarded: its copy goes, and whatever was queued is refused. */
  drop(draftId: string): void {
    const live = this.drafts.get(draftId);
    if (!live) return;
    this.drafts.delete(draftId);
    clearTimeout(live.timer);
    for (const pending of live.pending.splice(0)) pending.resolve(draftNotFound);
    live.doc.destroy();
  }

  /** Resolves once every queued update is stored: for a graceful shutdown. */
  async settle(): Promise<void> {
    await Promise.all([...this.drafts.values()].map((live) => this.#storeQueued(live)));
  }

  /** Writes the draft's queued updates now rather than at the end of their batch window. */
  #storeQueued(live: LiveDraft): Promise<void> {
    if (live.timer) {
      clearTimeout(live.timer);
      live.timer = undefined;
      live.writing = live.writing.then(() => this.flush(live));
    }
    return live.writing;
  }

  private async refresh(draft: DraftRecord, live: LiveDraft): Promise<void> {
    const stored = await readStoredDocument(this.deps.store, draft, this.deps.promptKey);
    applyAll(live.doc, stored.updates);
    live.logEntries = stored.entries.length;
    live.bytes = stored.bytes;
  }

  private applyStored(draftId: string, update: Uint8Array): void {
    const live = this.drafts.get(draftId);
    if (!live) return;
    try {
      Y.applyUpdate(live.doc, update);
      live.logEntries++;
      live.bytes += update.byteLength;
    } catch (err) {
      this.deps.logger.warn({ err, draftId }, '[drafts] could not apply an update from another instance');
    }
  }

  private async flush(live: LiveDraft): Promise<void> {
    const draftId = live.id;
    const batch = live.pending.splice(0);
    if (batch.length === 0) return;
    try {
      const stored = await this.store(draftId, batch);
      if (!stored) return batch.forEach((p) => p.resolve(draftNotFound));
      const { merged, accepted } = stored;
      Y.applyUpdate(live.doc, merged);
      live.logEntries++;
      live.bytes += merged.byteLength;
      this.deps.relay.stored(draftId, merged, this.broadcast(draftId, merged, accepted));
      for (const p of batch) p.resolve(accepted.includes(p) ? { ok: true } : draftNotFound);
      if (live.logEntries >= this.deps.compactAfter) this.compact(live);
    } catch (err) {
      const unavailable = isStoreUnavailable(err);
      if (!unavailable || isStoreWriteFailure(err)) this.deps.logger.error({ err, draftId }, '[drafts] could not store an update');
      const refusal = unavailable
        ? failure('store_unavailable', 'Saving is unavailable for a moment, so this change was not saved. It will be sent again.')
        : failure('internal', 'This change could not be saved. It will be sent again.');
      for (const p of batch) p.resolve(refusal);
    }
  }

  /** Appends the batch as one entry; null if the draft is gone. Authors removed meanwhile are left out. */
  private async store(draftId: string, batch: Pending[]): Promise<{ merged: Uint8Array; accepted: Pending[] } | null> {
    const draft = await this.deps.store.getDraft(draftId);
    if (!draft) return null;
    const accepted = batch.filter((p) => roleOf(draft, p.userId) !== null);
    if (accepted.length === 0) return null;
    const merged = accepted.length === 1 ? (accepted[0]?.update ?? new Uint8Array()) : Y.mergeUpdates(accepted.map((p) => p.update));
    const seq = await this.deps.store.appendDraftUpdate({ draftId, sealedUpdate: sealUpdate(merged, this.deps.promptKey), createdAt: new Date() });
    return seq === null ? null : { merged, accepted };
  }

  /** Each tab here gets what it does not have: the batch, or for a tab that sent part of it, the rest. Returns the senders. */
  private broadcast(draftId: string, merged: Uint8Array, accepted: Pending[]): string[] {
    const senders = [...new Set(accepted.map((p) => p.tabId))];
    this.deps.broadcaster.updated(draftId, merged, senders);
    if (senders.length < 2) return senders;
    for (const tabId of senders) {
      const others = accepted.filter((p) => p.tabId !== tabId).map((p) => p.update);
      this.deps.broadcaster.updatedForTab(tabId, draftId, Y.mergeUpdates(others));
    }
    return senders;
  }

  /** Not awaited by the writer; a failure only leaves the log longer, never loses an edit. */
  private compact(live: LiveDraft): void {
    const draftId = live.id;
    if (live.compacting) return;
    live.compacting = true;
    void (async () => {
      try {
        const draft = await this.deps.store.getDraft(draftId);
        if (draft) live.logEntries = await compactLog(this.deps.store, draft, this.deps.promptKey);
      } catch (err) {
        this.deps.logger.warn({ err, draftId }, '[drafts] compaction failed; the log stays as it is');
      } finally {
        live.compacting = false;
      }
    })();
  }
}

/**
 * Applied to a blank document first: bytes that break Yjs are refused, never stored, since a stored
 * entry is applied on every load. Read with Yjs's lazy reader before that: applying allocates an
 * array as long as each client's declared struct count, so 7 bytes declaring 30 million structs
 * would block the event loop for ~0.3 s, where the lazy reader fails at the end of the bytes in
 * ~2 ms.
 */
function isApplicable(update: Uint8Array): boolean {
  try {
    Y.parseUpdateMeta(update);
  } catch {
    return false;
  }
  const probe = new Y.Doc();
  try {
    Y.applyUpdate(probe, update);
    return true;
  } catch {
    return false;
  } finally {
    probe.destroy();
  }
}
