import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { limits, toBytes, type DraftPresence, type JoinedDraft } from '@gptlab/common';
import { draftText } from '@gptlab/common/draft-doc';
import type { TestSocket } from './server.ts';

/**
 * A Lab tab as the web client builds it: a Y.Doc seeded from `draft:join`, co-editors' updates
 * applied as `draft:updated` arrives, and local edits coalesced and sent at most once per
 * `limits.draft.sendIntervalMs`, each kept until its ack says it is stored.
 */
export class DraftTab {
  readonly doc = new Y.Doc();
  readonly draftId: string;
  readonly presence = new Map<string, DraftPresence>();
  socket: TestSocket;
  joined: JoinedDraft | undefined;
  /** Local edits not yet sent; while offline they pile up here until a sync carries them. */
  private unsent: Uint8Array[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly sending = new Set<Promise<void>>();
  offline = false;

  constructor(socket: TestSocket, draftId: string) {
    this.socket = socket;
    this.draftId = draftId;
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'server') this.queue(update);
    });
    this.listen(socket);
  }

  static async create(socket: TestSocket, assistantId?: string): Promise<DraftTab> {
    const ack = await socket.emitWithAck('draft:create', { draftId: randomUUID(), ...(assistantId ? { assistantId } : {}) });
    if (!ack.ok) throw new Error(`create refused: ${ack.error.code} ${ack.error.message}`);
    const tab = new DraftTab(socket, ack.draft.id);
    await tab.join();
    return tab;
  }

  static async open(socket: TestSocket, draftId: string): Promise<DraftTab> {
    const tab = new DraftTab(socket, draftId);
    await tab.join();
    return tab;
  }

  text(field: Parameters<typeof draftText>[1] = 'prompt'): Y.Text {
    return draftText(this.doc, field);
  }

  async join(stateVector?: Uint8Array): Promise<JoinedDraft> {
    const ack = await this.socket.emitWithAck('draft:join', { draftId: this.draftId, ...(stateVector ? { stateVector } : {}) });
    if (!ack.ok) throw new Error(`join refused: ${ack.error.code} ${ack.error.message}`);
    Y.applyUpdate(this.doc, toBytes(ack.update), 'server');
    for (const presence of ack.presence) this.presence.set(presence.tabId, presence);
    this.joined = ack;
    return ack;
  }

  /** Back online on a new socket: join with what this tab has, then send what the server lacks. */
  async reconnect(socket: TestSocket): Promise<void> {
    this.socket = socket;
    this.listen(socket);
    const joined = await this.join(Y.encodeStateVector(this.doc));
    this.offline = false;
    this.unsent = [];
    const ack = await socket.emitWithAck('draft:sync', {
      draftId: this.draftId,
      stateVector: Y.encodeStateVector(this.doc),
      update: Y.encodeStateAsUpdate(this.doc, toBytes(joined.stateVector)),
    });
    if (!ack.ok) throw new Error(`sync refused: ${ack.error.code} ${ack.error.message}`);
    Y.applyUpdate(this.doc, toBytes(ack.update), 'server');
  }

  /** Sends what is pending and resolves once every update sent so far is stored. */
  async settled(): Promise<void> {
    this.flush();
    while (this.sending.size > 0) await Promise.all([...this.sending]);
  }

  private listen(socket: TestSocket): void {
    socket.on('draft:updated', (event) => {
      if (event.draftId === this.draftId) Y.applyUpdate(this.doc, toBytes(event.update), 'server');
    });
    socket.on('draft:presence-updated', (event) => {
      if (event.draftId === this.draftId) this.presence.set(event.presence.tabId, event.presence);
    });
    socket.on('draft:presence-left', (event) => {
      if (event.draftId === this.draftId) this.presence.delete(event.tabId);
    });
  }

  private queue(update: Uint8Array): void {
    this.unsent.push(update);
    if (!this.offline) this.timer ??= setTimeout(() => this.flush(), limits.draft.sendIntervalMs);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.offline || this.unsent.length === 0) return;
    const batch = this.unsent.splice(0);
    const update = Y.mergeUpdates(batch);
    const sent: Promise<void> = this.socket.emitWithAck('draft:update', { draftId: this.draftId, update }).then((ack) => {
      this.sending.delete(sent);
      if (!ack.ok) throw new Error(`update refused: ${ack.error.code} ${ack.error.message}`);
    });
    this.sending.add(sent);
  }
}

/** Owner shares the draft with another user's socket: invite, accept. Returns the invite token used. */
export async function shareWith(owner: TestSocket, draftId: string, editor: TestSocket): Promise<string> {
  const invite = await owner.emitWithAck('draft:invite', { draftId });
  if (!invite.ok) throw new Error(`invite refused: ${invite.error.code}`);
  const accepted = await editor.emitWithAck('draft:accept-invite', { token: invite.invite.token });
  if (!accepted.ok) throw new Error(`accept refused: ${accepted.error.code}`);
  return invite.invite.token;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
