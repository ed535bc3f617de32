import { failure, limits, type Ack, type DraftInvite, type DraftSummary, type PublishedDraft } from '@gptlab/common';
import type { DraftRelay } from '../../realtime/draft-relay.ts';
import type { DraftRecord } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';
import { UnsealError } from '../identity/sealing.ts';
import type { DraftBroadcaster } from './broadcaster.ts';
import { draftIdInToken, inviteFor, inviteMatches, newInviteToken, sealInvite } from './invites.ts';
import type { LiveDrafts } from './live-drafts.ts';
import { draftNotFound, memberIdOf, membersOf, ownerOnly, roleOf } from './members.ts';
import { publishDraft } from './publish.ts';
import type { DraftService } from './service.ts';

export interface DraftSharingDeps {
  store: Store;
  promptKey: Uint8Array;
  live: LiveDrafts;
  relay: DraftRelay;
  broadcaster: DraftBroadcaster;
  drafts: DraftService;
}

const deadInvite = failure('not_found', 'This invite link is no longer valid. Ask the draft’s owner for a new one.');

/** What only a draft's owner does (invite, revoke, publish, discard), and accepting an invite. */
export class DraftSharing {
  private readonly deps: DraftSharingDeps;

  constructor(deps: DraftSharingDeps) {
    this.deps = deps;
  }

  /** A new token every time: the previous link stops working. */
  async invite(userId: string, draftId: string): Promise<Ack<{ invite: DraftInvite }>> {
    const draft = await this.owned(userId, draftId, 'invite editors');
    if (!draft.ok) return draft;
    return { ok: true, invite: await this.rotateInvite(draft.record) };
  }

  async accept(userId: string, token: string): Promise<Ack<{ draft: DraftSummary }>> {
    const { store, promptKey } = this.deps;
    const draft = await store.getDraft(draftIdInToken(token));
    if (!draft || !validInvite(token, draft, promptKey)) return deadInvite;
    const role = roleOf(draft, userId);
    if (role) return { ok: true, draft: await this.deps.drafts.summaryOf(draft, role, await this.deps.live.read(draft)) };
    if (draft.editorIds.length >= limits.draft.editorsMax) {
      return failure('forbidden', `This draft already has ${limits.draft.editorsMax} co-editors, the most allowed. Ask its owner to remove one.`);
    }
    const joined = await store.addDraftEditor(draft.id, userId);
    if (!joined) return deadInvite;
    this.deps.broadcaster.membersUpdated({ draftId: draft.id, members: membersOf(joined) });
    return { ok: true, draft: await this.deps.drafts.summaryOf(joined, 'editor', await this.deps.live.read(joined)) };
  }

  /** The editor's tabs, on every instance, are out of the draft's rooms before this answers. */
  async revoke(userId: string, draftId: string, memberId: string): Promise<Ack<{ invite: DraftInvite | null }>> {
    const draft = await this.owned(userId, draftId, 'remove editors');
    if (!draft.ok) return draft;
    const editor = draft.record.editorIds.find((id) => memberIdOf(draftId, id) === memberId);
    if (!editor) return failure('not_found', 'This person is no longer an editor of the draft.');
    // The link first: from here on it lets no one in, the removed editor included.
    const invite = draft.record.sealedInvite ? await this.rotateInvite(draft.record) : null;
    const updated = await this.deps.store.removeDraftEditor(draftId, editor);
    this.deps.broadcaster.accessRevoked(draftId, memberId, draft.record.testSessionId);
    this.deps.relay.closed(draftId, memberId);
    this.deps.drafts.closeLocally(draftId, memberId);
    if (updated) this.deps.broadcaster.membersUpdated({ draftId, members: membersOf(updated) });
    return { ok: true, invite };
  }

  /** A new token: the previous link stops working. Every tab of the owner shows the new one. */
  private async rotateInvite(draft: DraftRecord): Promise<DraftInvite> {
    const token = newInviteToken(draft.id);
    await this.deps.store.updateDraft(draft.id, { sealedInvite: sealInvite(token, this.deps.promptKey) });
    const invite = inviteFor(token);
    this.deps.broadcaster.inviteChanged({ draftId: draft.id, invite }, memberIdOf(draft.id, draft.ownerId));
    return invite;
  }

  async publish(userId: string, draftId: string): Promise<Ack<PublishedDraft>> {
    const draft = await this.owned(userId, draftId, 'publish it');
    if (!draft.ok) return draft;
    const content = await this.deps.live.read(draft.record);
    const published = await publishDraft(this.deps.store, this.deps.promptKey, draft.record, content);
    if (published.ok) {
      const { id, code, name } = published.assistant;
      this.deps.broadcaster.published({ draftId, assistant: { id, code, name }, sharePath: published.sharePath });
    }
    return published;
  }

  /** The draft and its log go; a published assistant stays. Every tab is told and let go. */
  async discard(userId: string, draftId: string): Promise<Ack> {
    const draft = await this.owned(userId, draftId, 'discard it');
    if (!draft.ok) return draft;
    await this.deps.store.deleteDraft(draftId);
    this.deps.broadcaster.discarded(draftId, draft.record.testSessionId);
    this.deps.relay.closed(draftId, null);
    this.deps.drafts.closeLocally(draftId, null);
    return { ok: true };
  }

  /** Strangers learn nothing; editors are told this is the owner's to do. */
  private async owned(userId: string, draftId: string, what: string): Promise<{ ok: true; record: DraftRecord } | ReturnType<typeof failure>> {
    const record = await this.deps.store.getDraft(draftId);
    const role = record && roleOf(record, userId);
    if (!record || !role) return draftNotFound;
    return role === 'owner' ? { ok: true, record } : ownerOnly(what);
  }
}

function validInvite(token: string, draft: DraftRecord, promptKey: Uint8Array): boolean {
  try {
    return inviteMatches(token, draft.sealedInvite, promptKey);
  } catch (err) {
    if (err instanceof UnsealError) return false;
    throw err;
  }
}
