import { createContext } from 'svelte';
import { SvelteSet } from 'svelte/reactivity';
import * as Y from 'yjs';
import {
  checkDraft,
  draftTextFields,
  limits,
  toBytes,
  type AppError,
  type DraftContent,
  type DraftCursor,
  type DraftField,
  type DraftInvite,
  type DraftIssue,
  type DraftMember,
  type DraftPresence,
  type DraftRole,
  type DraftSettingKey,
  type DraftTextField,
  type DraftSummary,
  type JoinedDraft,
  type ModelInfo,
} from '@gptlab/common';
import { readDraft } from '@gptlab/common/draft-doc';
import type { ConnectionStore } from './connection.svelte.ts';
import { DraftTestChat } from './draft-test-chat.svelte.ts';

/** joining: waiting for the first draft:join; missing: unknown or not mine; revoked/discarded: editing is over. */
export type DraftStatus = 'joining' | 'open' | 'missing' | 'unavailable' | 'revoked' | 'discarded';

/** Updates from the server carry this origin, so they are never sent back. */
const serverOrigin = 'server';
const presenceThrottleMs = 150;
const retryDelayMs = 1_000;

/** One open draft: its Yjs document kept in sync with the server, who else is here, and what the owner can do. */
export class DraftStore {
  readonly id: string;
  readonly doc = new Y.Doc();
  readonly test: DraftTestChat;
  status = $state<DraftStatus>('joining');
  content = $state<DraftContent>(readDraft(this.doc));
  summary = $state<DraftSummary | null>(null);
  role = $state<DraftRole | null>(null);
  tabId = $state<string | null>(null);
  members = $state<DraftMember[]>([]);
  invite = $state<DraftInvite | null>(null);
  presence = $state<DraftPresence[]>([]);
  models = $state<ModelInfo[]>([]);
  /** Why editing stopped (revoked), or what an owner action failed with. */
  notice = $state<string | null>(null);
  problem = $state<AppError | null>(null);
  /** Why edits are not being saved right now; cleared by the next edit that is. Kept apart from `problem`, so a save does not hide why publishing failed. */
  saveProblem = $state<AppError | null>(null);
  published = $state<{ code: string; sharePath: string } | null>(null);
  readonly check = $derived(checkDraft(this.content));
  readonly others = $derived(this.presence.filter((p) => p.tabId !== this.tabId));
  readonly isOwner = $derived(this.role === 'owner');
  readonly #connection: ConnectionStore;
  #unsent: Uint8Array[] = [];
  /** Updates sent and not yet acknowledged: publishing waits for them, or it could miss the last edit. */
  readonly #sending = new Set<Promise<void>>();
  #sendTimer: ReturnType<typeof setTimeout> | undefined;
  #joinedOnce = false;
  #cursor: DraftCursor | null = null;
  #presenceTimer: ReturnType<typeof setTimeout> | undefined;
  #lastPresenceAt = 0;
  readonly #seenAt = new Map<string, number>();
  /** Fields this tab has left at least once. */
  readonly #touched = new SvelteSet<DraftField>();

  constructor(connection: ConnectionStore, draftId: string) {
    this.#connection = connection;
    this.id = draftId;
    this.test = new DraftTestChat(connection, draftId);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.content = readDraft(this.doc);
      if (origin !== serverOrigin) this.#queue(update);
    });
  }

  get editable(): boolean {
    return this.status === 'open';
  }

  /** Joins the draft and follows it live, rejoining after every reconnect; returns the function that stops. */
  follow(): () => void {
    const c = this.#connection;
    const mine = (event: { draftId: string }) => event.draftId === this.id && this.status === 'open';
    const heartbeat = setInterval(() => {
      this.#sendPresence();
      this.#dropSilent();
    }, limits.draft.presenceHeartbeatMs);
    const stops = [
      this.test.follow(),
      c.on('draft:updated', (e) => mine(e) && Y.applyUpdate(this.doc, toBytes(e.update), serverOrigin)),
      c.on('draft:presence-updated', (e) => mine(e) && this.#seePresence(e.presence)),
      c.on('draft:presence-left', (e) => mine(e) && (this.presence = this.presence.filter((p) => p.tabId !== e.tabId))),
      c.on('draft:members-updated', (e) => mine(e) && (this.members = e.members)),
      c.on('draft:invite-changed', (e) => mine(e) && (this.invite = e.invite)),
      c.on('draft:published', (e) => {
        if (!mine(e) || !this.summary) return;
        this.summary = { ...this.summary, assistant: e.assistant };
      }),
      c.on('draft:access-revoked', (e) => e.draftId === this.id && this.#end('revoked', e.message)),
      c.on('draft:discarded', (e) => e.draftId === this.id && this.#end('discarded', null)),
      c.onConnect(() => void this.#join()),
    ];
    return () => {
      clearInterval(heartbeat);
      clearTimeout(this.#sendTimer);
      clearTimeout(this.#presenceTimer);
      stops.forEach((stop) => stop());
      if (this.status === 'open') void c.request('draft:leave', { draftId: this.id });
    };
  }

  /** Where this tab's cursor is; sent throttled, so typing does not flood the others. */
  setCursor(cursor: DraftCursor | null): void {
    // Leaving a field is what makes its problems worth showing.
    if (!cursor && this.#cursor) this.#touched.add(this.#cursor.field);
    this.#cursor = cursor;
    if (this.#presenceTimer) return;
    const wait = Math.max(0, this.#lastPresenceAt + presenceThrottleMs - Date.now());
    this.#presenceTimer = setTimeout(() => {
      this.#presenceTimer = undefined;
      this.#sendPresence();
    }, wait);
  }

  /**
   * What to show under a field: its problems once this tab has left it or it holds something, so a
   * new draft is not covered in "write a name" before anyone has typed. Publishing lists them all.
   */
  issuesFor(field: DraftField): DraftIssue[] {
    if (this.check.ok) return [];
    const issues = this.check.issues.filter((issue) => issue.field === field);
    return issues.length && (this.#touched.has(field) || this.#holdsSomething(field)) ? issues : [];
  }

  #holdsSomething(field: DraftField): boolean {
    if (field === 'starters') return this.content.starters.some((s) => s.trim() !== '');
    if ((draftTextFields as readonly string[]).includes(field)) return this.content[field as DraftTextField].trim() !== '';
    return this.content.settings[field as DraftSettingKey] !== undefined;
  }

  async createInvite(): Promise<void> {
    const ack = await this.#connection.request('draft:invite', { draftId: this.id });
    if (ack.ok) this.invite = ack.invite;
    else this.problem = ack.error;
  }

  /** The invite link rotates with it, so the removed editor cannot come back through it. */
  async revoke(memberId: string): Promise<void> {
    const ack = await this.#connection.request('draft:revoke', { draftId: this.id, memberId });
    if (ack.ok) this.invite = ack.invite;
    else this.problem = ack.error;
  }

  async publish(): Promise<boolean> {
    await this.#flushAll();
    const ack = await this.#connection.request('draft:publish', { draftId: this.id });
    if (!ack.ok) {
      this.problem = ack.error;
      return false;
    }
    this.problem = null;
    this.published = { code: ack.assistant.code, sharePath: ack.sharePath };
    return true;
  }

  async discard(): Promise<boolean> {
    const ack = await this.#connection.request('draft:discard', { draftId: this.id });
    if (!ack.ok) this.problem = ack.error;
    return ack.ok;
  }

  async #join(): Promise<void> {
    const rejoin = this.#joinedOnce;
    const ack = await this.#connection.request('draft:join', { draftId: this.id, ...(rejoin ? { stateVector: Y.encodeStateVector(this.doc) } : {}) });
    if (!ack.ok) {
      if (ack.error.code === 'not_found') this.status = 'missing';
      else if (!rejoin) this.status = 'unavailable';
      this.problem = ack.error;
      return;
    }
    Y.applyUpdate(this.doc, toBytes(ack.update), serverOrigin);
    this.#show(ack);
    if (rejoin) await this.#syncBack(ack);
    this.#joinedOnce = true;
    this.#sendPresence();
    if (this.models.length === 0) void this.#loadModels();
  }

  /** After a reconnect: send everything the server lacks (edits made offline included), take what this tab lacks. */
  async #syncBack(joined: JoinedDraft): Promise<void> {
    this.#unsent = [];
    const missing = Y.encodeStateAsUpdate(this.doc, toBytes(joined.stateVector));
    const ack = await this.#connection.request('draft:sync', { draftId: this.id, stateVector: Y.encodeStateVector(this.doc), update: missing });
    if (ack.ok) {
      Y.applyUpdate(this.doc, toBytes(ack.update), serverOrigin);
      return;
    }
    this.saveProblem = ack.error;
    // The offline edits go out as an ordinary update instead, retried until stored.
    this.#queue(missing);
  }

  #show(joined: JoinedDraft): void {
    this.summary = joined.draft;
    this.role = joined.role;
    this.tabId = joined.you.tabId;
    this.members = joined.members;
    this.invite = joined.invite;
    this.presence = joined.presence;
    const now = Date.now();
    for (const p of joined.presence) this.#seenAt.set(p.tabId, now);
    this.test.show(joined.testChat);
    this.status = 'open';
    this.problem = null;
  }

  #queue(update: Uint8Array): void {
    this.#unsent.push(update);
    this.#sendTimer ??= setTimeout(() => void this.#flush(), limits.draft.sendIntervalMs);
  }

  #flush(): Promise<void> {
    const sent = this.#send().finally(() => this.#sending.delete(sent));
    this.#sending.add(sent);
    return sent;
  }

  async #send(): Promise<void> {
    this.#sendTimer = undefined;
    // Offline, edits wait: the sync after rejoining carries all of them at once.
    if (this.#unsent.length === 0 || this.status !== 'open' || this.#connection.status !== 'connected') return;
    const batch = this.#unsent.splice(0);
    const update = Y.mergeUpdates(batch);
    const ack = await this.#connection.request('draft:update', { draftId: this.id, update });
    if (ack.ok) this.saveProblem = null;
    if (ack.ok || this.status !== 'open') return;
    // Kept until stored: sent again (repeats are harmless), or carried by the sync after a reconnect.
    this.#unsent.unshift(update);
    this.saveProblem = ack.error;
    this.#sendTimer ??= setTimeout(() => void this.#flush(), retryDelayMs);
  }

  /** Sends what is unsent and waits until every update sent so far is acknowledged (stored). */
  async #flushAll(): Promise<void> {
    clearTimeout(this.#sendTimer);
    this.#sendTimer = undefined;
    await this.#flush();
    await Promise.all([...this.#sending]);
  }

  #sendPresence(): void {
    if (this.status !== 'open') return;
    this.#lastPresenceAt = Date.now();
    void this.#connection.request('draft:set-presence', { draftId: this.id, cursor: this.#cursor });
  }

  #seePresence(presence: DraftPresence): void {
    this.#seenAt.set(presence.tabId, Date.now());
    const others = this.presence.filter((p) => p.tabId !== presence.tabId);
    this.presence = [...others, presence];
  }

  /** A tab that stopped sending its heartbeat is gone, even if its goodbye never arrived. */
  #dropSilent(): void {
    const cutoff = Date.now() - limits.draft.presenceTimeoutMs;
    this.presence = this.presence.filter((p) => p.tabId === this.tabId || (this.#seenAt.get(p.tabId) ?? 0) >= cutoff);
  }

  async #loadModels(): Promise<void> {
    const ack = await this.#connection.request('models:list', {});
    if (ack.ok) this.models = ack.models;
  }

  /** Nothing of the draft stays on screen: a removed editor no longer sees its prompt or test chat. */
  #end(status: 'revoked' | 'discarded', message: string | null): void {
    this.status = status;
    this.notice = message;
    this.#unsent = [];
    this.presence = [];
    this.invite = null;
    this.content = readDraft(new Y.Doc());
    this.test.clear();
  }
}

export const [getDraftStore, setDraftStore] = createContext<DraftStore>();
