import type { Db, IndexDescription } from 'mongodb';

/**
 * The unique indexes are what make concurrent writers safe without transactions: a taken code,
 * message id or seq fails the insert instead of producing a second copy.
 */
const indexes: Record<string, IndexDescription[]> = {
  assistants: [
    { key: { code: 1 }, name: 'code_unique', unique: true },
    { key: { ownerId: 1, createdAt: -1 }, name: 'by_owner' },
    { key: { showcased: 1, createdAt: -1 }, name: 'showcased' },
    { key: { createdAt: -1, _id: -1 }, name: 'newest' },
    { key: { sessionCount: -1, createdAt: -1, _id: -1 }, name: 'popular' },
  ],
  drafts: [
    { key: { ownerId: 1, updatedAt: -1 }, name: 'by_owner' },
  ],
  draftEditors: [
    { key: { userId: 1 }, name: 'by_user' },
    { key: { draftId: 1, addedAt: 1 }, name: 'by_draft' },
  ],
  draftUpdates: [{ key: { draftId: 1, seq: 1 }, name: 'draft_seq_unique', unique: true }],
  sessions: [
    { key: { userId: 1, createdAt: -1, _id: -1 }, name: 'by_user' },
    { key: { userId: 1, assistantId: 1, createdAt: -1, _id: -1 }, name: 'by_user_assistant' },
  ],
  messages: [
    { key: { sessionId: 1, messageId: 1 }, name: 'message_id_unique', unique: true },
    { key: { sessionId: 1, seq: 1 }, name: 'seq_unique', unique: true },
  ],
};

/**
 * Run at every start-up; creating an index that exists is a no-op. One index per command:
 * FerretDB v1.24 panics (and drops the connection) when one createIndexes command lists two or
 * more indexes that already exist.
 */
export async function createIndexes(db: Db): Promise<void> {
  await Promise.all(
    Object.entries(indexes).map(async ([collection, descriptions]) => {
      for (const { key, ...options } of descriptions) await db.collection(collection).createIndex(key, options);
    }),
  );
}
