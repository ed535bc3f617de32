import { randomUUID } from 'node:crypto';
import type { Collection } from 'mongodb';
import type { DraftUpdateRecord, NewDraftUpdate } from '../records.ts';
import { isDuplicateKey } from './append-message.ts';
import type { DraftUpdateDoc } from './documents.ts';

const maxAttempts = 100;

/**
 * Appends one entry to a draft's update log without a transaction: the seq is one past the highest
 * in the log, and the unique (draftId, seq) index makes a writer that lost the race draw again. No
 * counter document, whose $inc FerretDB v1 does not apply atomically. Compaction always adds its
 * merged entry before deleting, so the highest seq never goes away and seqs only grow.
 */
export async function appendDraftUpdate(updates: Collection<DraftUpdateDoc>, update: NewDraftUpdate): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const last = await updates.find({ draftId: update.draftId }, { projection: { seq: 1 } }).sort({ seq: -1 }).limit(1).next();
    const seq = (last?.seq ?? 0) + 1;
    try {
      await updates.insertOne({ _id: randomUUID(), ...update, seq });
      return seq;
    } catch (err) {
      if (!isDuplicateKey(err) || attempt >= maxAttempts) throw err;
    }
  }
}

/**
 * Deletes exactly the entries a compaction merged, matched on seq and content: should a seq ever be
 * drawn again after its entry was deleted, a late compaction still cannot delete the newcomer.
 */
export async function deleteDraftUpdates(updates: Collection<DraftUpdateDoc>, draftId: string, merged: DraftUpdateRecord[]): Promise<void> {
  if (merged.length === 0) return;
  await updates.deleteMany({ draftId, $or: merged.map(({ seq, sealedUpdate }) => ({ seq, sealedUpdate })) });
}
