import { createContext } from 'svelte';
import { SvelteSet } from 'svelte/reactivity';
import type * as Y from 'yjs';
import {
  checkDraft,
  draftTextFields,
  type AppError,
  type DraftContent,
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
import { DraftSync, placeSelection, type FieldSelection, type PlacedSelection } from '@gptlab/common/protocol';
import type { ConnectionStore } from './connection.svelte.ts';
import { DraftTestChat } from './draft-test-chat.svelte.ts';

/** joining: waiting for the first draft:join; missing: unknown or not mine; revoked/discarded: editing is over. */
export type DraftStatus = 'joining' | 'open' | 'missing' | 'unavailable' | 'revoked' | 'discarded';

const emptyContent = (): DraftContent => ({ name: '', tagline: '', description: '', prompt: '', summaryPrompt: '', settings: {}, starters: [] });

/** A co-editor's selection in one text field, placed in this tab's copy of its text. */
export interface CoEditorCaret extends PlacedSelection {
  tabId: string;
  label: string;
  colour: string;
}

/** One open draft: its Yjs document kept in sync with the server (by DraftSync), who else is here, and what the owner can do. */
export class DraftStore {
  readonly id: string;
  readonly sync: DraftSync;
  readonly test: DraftTestChat;
  status = $state<DraftStatus>('joining');
  content = $state<DraftContent>(emptyContent());
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
  #lastField: DraftField | null = null;
  /** Fields this tab has left at least once. */
  readonly #touched = new SvelteSet<DraftField>();

  constructor(connection: ConnectionStore, draftId: string) {
    this.#connection = connection;
    this.id = draftId;
    this.test = new DraftTestChat(connection, draftId, () => this.content.settings.model);
    this.sync = new DraftSync(draftId, connection, {
      joined: (joined) => this.#show(joined),
      joinRefused: (error, rejoin) => {
        if (error.code === 'not_found') this.status = 'missing';
        else if (!rejoin) this.status = 'unavailable';
        this.problem = error;
      },
      saveProblem: (error) => (this.saveProblem = error),
      presenceChanged: (presence) => (this.presence = presence),
    });
    this.doc.on('update', () => (this.content = readDraft(this.doc)));
  }

  get doc(): Y.Doc {
    return this.sync.doc;
  }

  get editable(): boolean {
    return this.status === 'open';
  }

  /** Joins the draft and follows it live, rejoining after every reconnect; returns the function that stops. */
  follow(): () => void {
    const c = this.#connection;
    const mine = (event: { draftId: string }) => event.draftId === this.id && this.status === 'open';
    const stops = [
      this.test.follow(),
      c.on('draft:updated', (e) => this.sync.receiveUpdate(e)),
      c.on('draft:awareness', (e) => this.sync.receiveAwareness(e)),
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
      const open = this.sync.open;
      this.sync.destroy();
      stops.forEach((stop) => stop());
      if (open) void c.request('draft:leave', { draftId: this.id });
    };
  }

  /** Where this tab's cursor is; co-editors see it as a caret that moves with the text around it. */
  setCursor(selection: FieldSelection | null): void {
    // Leaving a field is what makes its problems worth showing.
    if (this.#lastField && selection?.field !== this.#lastField) this.#touched.add(this.#lastField);
    this.#lastField = selection?.field ?? null;
    this.sync.setCursor(selection);
  }

  /** Co-editors' carets and selections in a text field, where they fall in the text as this tab has it now. */
  caretsIn(field: DraftTextField): CoEditorCaret[] {
    // Read so that a caret is placed again whenever the text changes.
    void this.content[field];
    return this.others.flatMap((person) => {
      const placed = person.cursor?.field === field ? placeSelection(this.doc, person.cursor) : null;
      return placed ? [{ tabId: person.tabId, label: person.label, colour: person.colour, ...placed }] : [];
    });
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
    await this.sync.settled();
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
    if (await this.sync.join()) this.problem = null;
    if (this.status === 'open' && this.models.length === 0) void this.#loadModels();
  }

  #show(joined: JoinedDraft): void {
    this.summary = joined.draft;
    this.role = joined.role;
    this.tabId = joined.you.tabId;
    this.members = joined.members;
    this.invite = joined.invite;
    this.test.show(joined.testChat);
    this.status = 'open';
    this.problem = null;
  }

  async #loadModels(): Promise<void> {
    const ack = await this.#connection.request('models:list', {});
    if (ack.ok) this.models = ack.models;
  }

  /** Nothing of the draft stays on screen: a removed editor no longer sees its prompt or test chat. */
  #end(status: 'revoked' | 'discarded', message: string | null): void {
    this.sync.end();
    this.status = status;
    this.notice = message;
    this.presence = [];
    this.invite = null;
    this.content = emptyContent();
    this.test.clear();
  }
}

export const [getDraftStore, setDraftStore] = createContext<DraftStore>();
