import type { Collection, Db } from 'mongodb';
import { DuplicateRecordError } from '../errors.ts';
import type { DraftRecord, DraftUpdateRecord, NewDraftUpdate } from '../records.ts';
import type { DraftPatch } from '../store.ts';
import { appendDraftUpdate, deleteDraftUpdates } from './append-draft-update.ts';
import { isDuplicateKey } from './append-message.ts';
import * as docs from './documents.ts';

const draftFields = ['sealedState', 'assistantId', 'sealedInvite', 'testSessionId', 'updatedAt'] as const satisfies readonly (keyof DraftPatch)[];

/**
 * Drafts on MongoDB. Co-editors are one document each, not an array in the draft: FerretDB v1
 * applies $addToSet as an unlocked read-modify-write, so two invites accepted at once lost one.
 * An insert or a delete of a whole document is atomic everywhere.
 */
export class MongoDrafts {
  readonly #drafts: Collection<docs.DraftDoc>;
  readonly #editors: Collection<docs.DraftEditorDoc>;
  readonly #updates: Collection<docs.DraftUpdateDoc>;

  constructor(db: Db) {
    this.#drafts = db.collection('drafts');
    this.#editors = db.collection('draftEditors');
    this.#updates = db.collection('draftUpdates');
  }

  async create(draft: DraftRecord): Promise<void> {
    try {
      await this.#drafts.insertOne(docs.draftToDoc(draft));
    } catch (err) {
      if (isDuplicateKey(err)) throw new DuplicateRecordError('draft', { cause: err });
      throw err;
    }
    for (const [i, userId] of draft.editorIds.entries()) await this.#addEditor(draft.id, userId, new Date(draft.createdAt.getTime() + i));
  }

  async get(id: string): Promise<DraftRecord | null> {
    const doc = await this.#drafts.findOne({ _id: id });
    return doc ? docs.draftFromDoc(doc, await this.#editorsOf(id)) : null;
  }

  async update(id: string, patch: DraftPatch): Promise<DraftRecord | null> {
    const set = docs.setOf(patch, draftFields);
    if (Object.keys(set).length > 0) await this.#drafts.updateOne({ _id: id }, { $set: set });
    return this.get(id);
  }

  async delete(id: string): Promise<boolean> {
    const deleted = (await this.#drafts.deleteOne({ _id: id })).deletedCount > 0;
    await Promise.all([this.#editors.deleteMany({ draftId: id }), this.#updates.deleteMany({ draftId: id })]);
    return deleted;
  }

  async list(ownerOrEditorId: string): Promise<DraftRecord[]> {
    const coEdited = (await this.#editors.find({ userId: ownerOrEditorId }).toArray()).map((e) => e.draftId);
    const found = await this.#drafts
      .find({ $or: [{ ownerId: ownerOrEditorId }, { _id: { $in: coEdited } }] })
      .sort({ updatedAt: -1, _id: -1 })
      .toArray();
    const editors = await this.#editors.find({ draftId: { $in: found.map((d) => d._id) } }).sort({ addedAt: 1, _id: 1 }).toArray();
    return found.map((doc) => docs.draftFromDoc(doc, editors.filter((e) => e.draftId === doc._id).map((e) => e.userId)));
  }

  async addEditor(draftId: string, userId: string): Promise<DraftRecord | null> {
    if (!(await this.#exists(draftId))) return null;
    await this.#addEditor(draftId, userId, new Date());
    return this.get(draftId);
  }

  async removeEditor(draftId: string, userId: string): Promise<DraftRecord | null> {
    await this.#editors.deleteOne({ _id: docs.draftEditorKey(draftId, userId) });
    return this.get(draftId);
  }

  /** An edit moves the draft's updatedAt forward. An entry that races a discard is left without a draft and never read. */
  async append(update: NewDraftUpdate): Promise<number | null> {
    const draft = await this.#drafts.updateOne({ _id: update.draftId }, { $max: { updatedAt: update.createdAt } });
    return draft.matchedCount > 0 ? appendDraftUpdate(this.#updates, update) : null;
  }

  async listUpdates(draftId: string): Promise<DraftUpdateRecord[]> {
    return (await this.#updates.find({ draftId }).sort({ seq: 1 }).toArray()).map(docs.draftUpdateFromDoc);
  }

  async compact(merged: NewDraftUpdate, replaced: DraftUpdateRecord[]): Promise<number | null> {
    if (!(await this.#exists(merged.draftId))) return null;
    const seq = await appendDraftUpdate(this.#updates, merged);
    await deleteDraftUpdates(this.#updates, merged.draftId, replaced);
    return seq;
  }

  async #exists(draftId: string): Promise<boolean> {
    return (await this.#drafts.countDocuments({ _id: draftId }, { limit: 1 })) > 0;
  }

  async #editorsOf(draftId: string): Promise<string[]> {
    return (await this.#editors.find({ draftId }).sort({ addedAt: 1, _id: 1 }).toArray()).map((e) => e.userId);
  }

  /** Adding someone who is already an editor keeps their first place in the list. */
  async #addEditor(draftId: string, userId: string, addedAt: Date): Promise<void> {
    try {
      await this.#editors.insertOne({ _id: docs.draftEditorKey(draftId, userId), draftId, userId, addedAt });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
}
