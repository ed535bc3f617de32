import { randomUUID } from 'node:crypto';
import type * as Y from 'yjs';
import type { AppError, DraftPresence, JoinedDraft } from '@gptlab/common';
import { draftText } from '@gptlab/common/draft-doc';
import { DraftSync, type DraftLink, type FieldSelection } from '@gptlab/common/protocol';
import type { TestSocket } from './server.ts';

/**
 * A Lab tab on the web client's own sync code (@gptlab/common/protocol's DraftSync) over a test
 * socket: what the integration tests check the server against is the client that ships.
 */
export class DraftTab {
  readonly draftId: string;
  readonly sync: DraftSync;
  /** Who this tab sees in the draft (itself included), by tab id, as the web client's presence bar does. */
  readonly presence = new Map<string, DraftPresence>();
  socket: TestSocket;
  joined: JoinedDraft | undefined;
  refusal: AppError | undefined;
  /** While true the tab is offline: edits pile up unsent until reconnect() carries them. */
  offline = false;

  constructor(socket: TestSocket, draftId: string) {
    this.socket = socket;
    this.draftId = draftId;
    this.sync = new DraftSync(draftId, this.linkOf(), {
      joined: (joined) => (this.joined = joined),
      joinRefused: (error) => (this.refusal = error),
      presenceChanged: (presence) => {
        this.presence.clear();
        for (const p of presence) this.presence.set(p.tabId, p);
      },
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

  get doc(): Y.Doc {
    return this.sync.doc;
  }

  text(field: Parameters<typeof draftText>[1] = 'prompt'): Y.Text {
    return draftText(this.doc, field);
  }

  async join(): Promise<JoinedDraft> {
    const joined = await this.sync.join();
    if (!joined) throw new Error(`join refused: ${this.refusal?.code} ${this.refusal?.message}`);
    return joined;
  }

  /** Back online on a new socket: the client's rejoin, which sends what the server lacks. */
  async reconnect(socket: TestSocket): Promise<void> {
    this.socket = socket;
    this.sync.useLink(this.linkOf());
    this.listen(socket);
    this.offline = false;
    await this.join();
  }

  /** Where this tab's cursor is, as the web client's text fields report it. */
  setCursor(selection: FieldSelection | null): void {
    this.sync.setCursor(selection);
  }

  /** Sends what is pending and resolves once every update sent so far is stored. */
  settled(): Promise<void> {
    return this.sync.settled();
  }

  close(): void {
    this.sync.destroy();
  }

  private linkOf(): DraftLink {
    const tab = this;
    const socket = this.socket;
    return {
      get connected() {
        return socket.connected && !tab.offline;
      },
      // As the web client's connection does: a request cut off by a disconnect is an error ack, never a throw.
      request: (event, payload) =>
        (socket.emitWithAck as (e: typeof event, p: typeof payload) => Promise<never>)(event, payload).catch(
          (err: Error) => ({ ok: false, error: { code: 'internal', message: err.message } }) as never,
        ),
      signal: (event, payload) => socket.volatile.emit(event, payload),
    };
  }

  private listen(socket: TestSocket): void {
    socket.on('draft:updated', (event) => this.sync.receiveUpdate(event));
    socket.on('draft:awareness', (event) => this.sync.receiveAwareness(event));
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
