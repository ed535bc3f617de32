import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import {
  failure,
  limits,
  type Ack,
  type CreateDraft,
  type DraftContent,
  type AwarenessEntry,
  type DraftPresence,
  type DraftRole,
  type DraftSummary,
  type JoinedDraft,
  type SendTestMessage,
  type TestChat,
} from '@gptlab/common';
import { readDraft, writeDraft } from '@gptlab/common/draft-doc';
import { writeAwarenessUpdate } from '@gptlab/common/protocol';
import type { DraftRelay } from '../../realtime/draft-relay.ts';
import type { DraftRecord } from '../../store/records.ts';
import { DuplicateRecordError, type Store } from '../../store/store.ts';
import { unseal } from '../identity/sealing.ts';
import type { Sender } from '../sessions/sender.ts';
import { AwarenessPace, goodbyeOf, readTabState, type AwarenessRefusal } from './awareness.ts';
import type { DraftBroadcaster, TabRooms } from './broadcaster.ts';
import { emptyDraft } from './defaults.ts';
import { sealUpdate } from './document-store.ts';
import { inviteOf } from './invites.ts';
import type { LiveDrafts } from './live-drafts.ts';
import { colourOf, draftNotFound, memberIdOf, membersOf, roleOf } from './members.ts';
import type { OpenTab, OpenTabs } from './open-tabs.ts';
import type { DraftTestChat } from './test-chat.ts';

export interface DraftServiceDeps {
  store: Store;
  promptKey: Uint8Array;
  live: LiveDrafts;
  tabs: OpenTabs;
  relay: DraftRelay;
  broadcaster: DraftBroadcaster;
  testChat: DraftTestChat;
  defaultModel: string;
}

/** A tab (socket) and whose it is. */
export interface DraftTab {
  tabId: string;
  userId: string;
}

const badStateVector = failure('invalid_payload', 'This state vector cannot be read. Join again without one.');

/** Drafts: creating, listing, and the live side of an open draft (joining, editing, presence). */
export class DraftService {
  private readonly deps: DraftServiceDeps;

  constructor(deps: DraftServiceDeps) {
    this.deps = deps;
    deps.relay.onAwarenessAsked((draftId, tabId) => {
      const entries = deps.tabs.awarenessIn(draftId);
      if (entries.length > 0) deps.broadcaster.awarenessTo(tabId, draftId, writeAwarenessUpdate(entries));
    });
    deps.relay.onClosed((draftId, memberId) => this.closeLocally(draftId, memberId));
  }

  /** A retried create answers with the same draft; editing an assistant that has a draft already opens that one. */
  async create(userId: string, input: CreateDraft): Promise<Ack<{ draft: DraftSummary }>> {
    const { store } = this.deps;
    const existing = await store.getDraft(input.draftId);
    if (existing) return this.answer(existing, userId);
    const owned = (await store.listDrafts(userId)).filter((d) => d.ownerId === userId);
    const same = input.assistantId ? owned.find((d) => d.assistantId === input.assistantId) : undefined;
    if (same) return this.answer(same, userId);
    if (owned.length >= limits.draft.ownedMax) {
      return failure('forbidden', `You have ${limits.draft.ownedMax} drafts, the most allowed. Publish or discard one first.`);
    }
    const content = input.assistantId ? await this.assistantContent(userId, input.assistantId) : emptyDraft(this.deps.defaultModel);
    if (!content) return failure('not_found', 'You have no assistant with this id to edit.');
    const draft = this.newRecord(input, userId, content);
    try {
      await store.createDraft(draft);
    } catch (err) {
      if (!(err instanceof DuplicateRecordError)) throw err;
      const raced = await store.getDraft(input.draftId);
      return raced ? this.answer(raced, userId) : draftNotFound;
    }
    return { ok: true, draft: await this.summaryOf(draft, 'owner', content) };
  }

  async list(userId: string): Promise<Ack<{ drafts: DraftSummary[] }>> {
    const drafts = await this.deps.store.listDrafts(userId);
    const summaries = await Promise.all(drafts.map(async (d) => this.summaryOf(d, roleOf(d, userId) ?? 'editor', await this.deps.live.read(d))));
    return { ok: true, drafts: summaries };
  }

  /**
   * Enters the draft's rooms first, then reads the document: an update stored in between reaches
   * the tab as a broadcast, and is in the state too, which Yjs applies once.
   */
  async join(tab: DraftTab, input: { draftId: string; stateVector?: Uint8Array | undefined }, rooms: TabRooms): Promise<Ack<JoinedDraft>> {
    const { store, live, tabs } = this.deps;
    const draft = await store.getDraft(input.draftId);
    const role = draft && roleOf(draft, tab.userId);
    if (!draft || !role) return draftNotFound;
    const memberId = memberIdOf(draft.id, tab.userId);
    const testSessionId = await this.deps.testChat.claimSession(draft);
    await rooms.enter(draft.id, memberId, testSessionId);
    const doc = await live.attach(draft, tab.tabId);
    const already = tabs.get(draft.id, tab.tabId);
    const identity = already?.identity ?? identityOf(tab.tabId, memberId, role, membersOf(draft));
    tabs.add({ ...tab, draftId: draft.id, memberId, role, identity, awareness: already?.awareness ?? null, pace: already?.pace ?? new AwarenessPace() });
    // Access may have been revoked while this tab was getting in; then it gets nothing.
    const current = await store.getDraft(draft.id);
    if (!current || roleOf(current, tab.userId) !== role) {
      await this.leave(tab, draft.id, rooms);
      return draftNotFound;
    }
    let update: Uint8Array;
    try {
      update = input.stateVector ? Y.encodeStateAsUpdate(doc, input.stateVector) : Y.encodeStateAsUpdate(doc);
    } catch {
      await this.leave(tab, draft.id, rooms);
      return badStateVector;
    }
    // Co-editors learn of this tab from its first awareness update, which it sends once joined;
    // it learns of those on other instances from what they send it on being asked.
    this.deps.relay.askAwareness(draft.id, tab.tabId);
    const [summary, testChat] = await Promise.all([
      this.summaryOf(current, role, readDraft(doc)),
      this.deps.testChat.view(current),
    ]);
    return {
      ok: true,
      draft: summary,
      role,
      you: identity,
      update,
      stateVector: Y.encodeStateVector(doc),
      members: membersOf(current),
      invite: role === 'owner' ? inviteOf(current.sealedInvite, this.deps.promptKey) : null,
      awareness: writeAwarenessUpdate(tabs.awarenessIn(draft.id, tab.tabId)),
      testChat,
    };
  }

  async leave(tab: DraftTab, draftId: string, rooms: TabRooms): Promise<Ack> {
    const [left] = this.deps.tabs.remove(draftId, (t) => t.tabId === tab.tabId);
    if (!left) return { ok: true };
    this.tabGone(left);
    const draft = await this.deps.store.getDraft(draftId);
    await rooms.exit(draftId, left.memberId, draft?.testSessionId ?? null);
    return { ok: true };
  }

  /** A disconnected tab leaves every draft it had open (Socket.IO has emptied its rooms already). */
  tabClosed(tabId: string): void {
    for (const draftId of this.deps.tabs.draftsOf(tabId)) {
      for (const tab of this.deps.tabs.remove(draftId, (t) => t.tabId === tabId)) this.tabGone(tab);
    }
  }

  /** Resolves once the update is stored; refused unless this tab has joined the draft. */
  update(tab: DraftTab, draftId: string, update: Uint8Array): Promise<Ack> {
    if (!this.deps.tabs.get(draftId, tab.tabId)) return Promise.resolve(draftNotFound);
    return this.deps.live.submit(draftId, update, tab);
  }

  /** Stores what the tab sent, then answers with what the tab lacks and the server's state vector. */
  async sync(tab: DraftTab, input: { draftId: string; stateVector: Uint8Array; update?: Uint8Array | undefined }): Promise<Ack<{ update: Uint8Array; stateVector: Uint8Array }>> {
    const open = this.deps.tabs.get(input.draftId, tab.tabId);
    const draft = open && (await this.deps.store.getDraft(input.draftId));
    if (!draft) return draftNotFound;
    if (input.update) {
      const stored = await this.deps.live.submit(input.draftId, input.update, tab);
      if (!stored.ok) return stored;
    }
    const doc = await this.deps.live.current(draft);
    try {
      return { ok: true, update: Y.encodeStateAsUpdate(doc, input.stateVector), stateVector: Y.encodeStateVector(doc) };
    } catch {
      return badStateVector;
    }
  }

  /**
   * Relays a tab's awareness update to the draft's other tabs, with who the tab is stamped on; null
   * once relayed, else why it was dropped. Only a joined tab's own state, at a bounded rate.
   */
  relayAwareness(tab: DraftTab, input: { draftId: string; update: Uint8Array }): AwarenessRefusal | null {
    const open = this.deps.tabs.get(input.draftId, tab.tabId);
    if (!open) return 'not_joined';
    if (!open.pace.allow()) return 'too_fast';
    const read = readTabState(input.update);
    if (!read) return 'malformed';
    if (!this.mayClaim(open, read.clientId)) return 'not_its_own';
    if (open.awareness && read.clock < open.awareness.clock) return 'stale';
    const entry: AwarenessEntry = { clientId: read.clientId, clock: read.clock, state: read.state && { ...open.identity, cursor: read.state.cursor } };
    open.awareness = entry;
    this.deps.broadcaster.awarenessChanged(input.draftId, writeAwarenessUpdate([entry]), { exceptTab: tab.tabId, volatile: true });
    return null;
  }

  /** Sends to the shared test chat, answered from the draft as it stands now, on the sender's key. */
  async testSend(tab: DraftTab, sender: Sender, input: SendTestMessage): Promise<Ack<{ sessionId: string; messageId: string; replyId: string }>> {
    const draft = await this.joinedDraft(tab, input.draftId);
    if (!draft) return draftNotFound;
    return this.deps.testChat.send(draft, await this.deps.live.read(draft), input, sender);
  }

  async testStop(tab: DraftTab, draftId: string): Promise<Ack<{ stopped: boolean }>> {
    const draft = await this.joinedDraft(tab, draftId);
    return draft ? { ok: true, stopped: await this.deps.testChat.stop(draft) } : draftNotFound;
  }

  async testReset(tab: DraftTab, draftId: string): Promise<Ack<{ testChat: TestChat }>> {
    const draft = await this.joinedDraft(tab, draftId);
    if (!draft) return draftNotFound;
    const sessionId = await this.deps.testChat.reset(draft);
    this.deps.broadcaster.testCleared(draftId, draft.testSessionId, sessionId);
    return { ok: true, testChat: { sessionId, messages: [], inFlight: null } };
  }

  /** Drops this instance's tabs of a member removed (or, memberId null, of a draft discarded) anywhere. */
  closeLocally(draftId: string, memberId: string | null): void {
    const closed = this.deps.tabs.remove(draftId, (t) => memberId === null || t.memberId === memberId);
    for (const tab of closed) this.tabGone(tab);
    if (memberId === null) this.deps.live.drop(draftId);
  }

  async summaryOf(draft: DraftRecord, role: DraftRole, content: DraftContent): Promise<DraftSummary> {
    const assistant = draft.assistantId ? await this.deps.store.getAssistant(draft.assistantId) : null;
    return {
      id: draft.id,
      name: content.name,
      role,
      assistant: assistant && !assistant.deletedAt ? { id: assistant.id, code: assistant.code, name: assistant.name } : null,
      editorCount: draft.editorIds.length,
      createdAt: draft.createdAt.toISOString(),
      updatedAt: draft.updatedAt.toISOString(),
    };
  }

  /** The draft, if this tab has joined it and its user still may. */
  private async joinedDraft(tab: DraftTab, draftId: string): Promise<DraftRecord | null> {
    if (!this.deps.tabs.get(draftId, tab.tabId)) return null;
    const draft = await this.deps.store.getDraft(draftId);
    return draft && roleOf(draft, tab.userId) ? draft : null;
  }

  /**
   * A tab speaks for one awareness client id, the first it sends. One another user's tab here holds
   * is refused; one the same user's older tab holds is taken over (that tab is a dead connection
   * whose disconnect is still on its way).
   */
  private mayClaim(open: OpenTab, clientId: number): boolean {
    if (open.awareness) return open.awareness.clientId === clientId;
    const holder = this.deps.tabs.in(open.draftId).find((t) => t.tabId !== open.tabId && t.awareness?.clientId === clientId);
    if (holder && holder.userId !== open.userId) return false;
    if (holder) holder.awareness = null;
    return true;
  }

  private tabGone(tab: OpenTab): void {
    if (tab.awareness) {
      this.deps.broadcaster.awarenessChanged(tab.draftId, writeAwarenessUpdate([goodbyeOf(tab.awareness)]), { volatile: false });
    }
    this.deps.live.detach(tab.draftId, tab.tabId);
  }

  private async answer(draft: DraftRecord, userId: string): Promise<Ack<{ draft: DraftSummary }>> {
    const role = roleOf(draft, userId);
    if (!role) return draftNotFound;
    return { ok: true, draft: await this.summaryOf(draft, role, await this.deps.live.read(draft)) };
  }

  /** The fields of one of the user's assistants, prompts opened; null if it is not theirs or is deleted. */
  private async assistantContent(userId: string, assistantId: string): Promise<DraftContent | null> {
    const assistant = await this.deps.store.getAssistant(assistantId);
    if (!assistant || assistant.ownerId !== userId || assistant.deletedAt) return null;
    const { promptKey } = this.deps;
    return {
      name: assistant.name,
      tagline: assistant.tagline,
      description: assistant.description,
      prompt: unseal(assistant.sealedPrompt, promptKey),
      summaryPrompt: unseal(assistant.sealedSummaryPrompt, promptKey),
      settings: { ...assistant.settings, condensing: assistant.condensing, anyProvider: assistant.anyProvider },
      starters: assistant.starters,
    };
  }

  /** The server writes the first state once; tabs only ever start from what it stored. */
  private newRecord(input: CreateDraft, ownerId: string, content: DraftContent): DraftRecord {
    const doc = new Y.Doc();
    writeDraft(doc, content);
    const now = new Date();
    const record: DraftRecord = {
      id: input.draftId,
      ownerId,
      assistantId: input.assistantId ?? null,
      sealedState: sealUpdate(Y.encodeStateAsUpdate(doc), this.deps.promptKey),
      editorIds: [],
      sealedInvite: null,
      testSessionId: randomUUID(),
      createdAt: now,
      updatedAt: now,
    };
    doc.destroy();
    return record;
  }
}

function identityOf(tabId: string, memberId: string, role: DraftRole, members: ReturnType<typeof membersOf>): Omit<DraftPresence, 'cursor'> {
  const label = members.find((m) => m.memberId === memberId)?.label ?? 'Editor';
  return { tabId, memberId, role, label, colour: colourOf(members, memberId) };
}
